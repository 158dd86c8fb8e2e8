// `npm run deploy`: build, apply migrations to the remote D1, publish to Pages,
// then deploy the scheduled Worker (HR's digest and the retention run).
// Needs `wrangler login` (or CLOUDFLARE_API_TOKEN) and the real database_id in wrangler.toml.
import "./env.ts";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { listedSecretNames, missingSecrets, retiredSecrets } from "./dev-secrets.ts";
import { digestConfigProblems } from "./digest-config.ts";
import { deployKeyProblems } from "./survey-key-files.ts";
import { parseVars } from "#build/vars.ts";
import { parseTerms } from "#lib/retention.ts";
import { publishingProblem } from "#server/publishing/config.ts";

// A pinned day belongs to the local demo and the tests. The deployed Worker
// ignores CANDOR_TODAY (it has no CANDOR_ENV, src/server/config.ts), but the
// build would state the pinned day's survey statuses in the published pages.
if (process.env.CANDOR_TODAY) {
  console.error(
    `CANDOR_TODAY is set (${process.env.CANDOR_TODAY}): it pins the date for the local demo and the tests only, and must not reach a deployed site. Unset it and run npm run deploy again.`,
  );
  process.exit(2);
}
// Declared in wrangler.toml, they would make the deployed Worker a local one that honours a pin.
const localVars = Object.keys(parseVars(readFileSync("wrangler.toml", "utf8"))).filter(
  (name) => name === "CANDOR_ENV" || name === "CANDOR_TODAY",
);
if (localVars.length > 0) {
  console.error(
    `wrangler.toml declares ${localVars.join(" and ")}: these are for local runs only (npm start, the tests). Remove them before deploying.`,
  );
  process.exit(2);
}

// Canonical links, the sitemap and the feeds are absolute: without the real
// address they would all point at the placeholder domain.
if (!process.env.SITE_URL) {
  console.error("Set SITE_URL to the deployed address, e.g. SITE_URL=https://candor.example.com npm run deploy");
  process.exit(2);
}

// A deployed Worker without these refuses every anonymous submission (it
// fails closed, src/server/invitation-keys.ts): refuse to ship it that way. Only the names can be checked, never the values.
const project = /^name\s*=\s*"([^"]+)"/m.exec(readFileSync("wrangler.toml", "utf8"))?.[1] ?? "candor";
let listed: string;
try {
  listed = execFileSync("wrangler", ["pages", "secret", "list", "--project-name", project], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
} catch {
  console.error(
    `Could not list the secrets of the Pages project "${project}" (wrangler login, or CLOUDFLARE_API_TOKEN?). Nothing was deployed.`,
  );
  process.exit(2);
}
const names = listedSecretNames(listed);
// Left over from an earlier version: harmless, but a secret nothing reads is one more to guard.
for (const name of retiredSecrets(names)) {
  console.warn(`${name} is no longer used by Candor: delete it with npx wrangler pages secret delete ${name} --project-name ${project}`);
}
const missing = missingSecrets(names);
if (missing.length > 0) {
  console.error(
    `The Pages project "${project}" has no ${missing.join(" and no ")}. Set each to 32 random bytes, e.g.\n` +
      missing.map((name) => `  openssl rand -hex 32 | npx wrangler pages secret put ${name} --project-name ${project}`).join("\n") +
      "\nthen run npm run deploy again (docs/deploy.md). Nothing was deployed.",
  );
  process.exit(2);
}

// Publishing from the HR console (docs/hr-console.md): the repository, branch
// and API address are vars in wrangler.toml, the token a secret; all or none.
const vars = parseVars(readFileSync("wrangler.toml", "utf8"));
const publishing = publishingProblem({ ...vars, PUBLISH_TOKEN: names.has("PUBLISH_TOKEN") ? "set" : "" });
if (publishing) {
  console.error(
    `${publishing}: the repository, branch and API address in wrangler.toml [vars], the token as a secret (docs/deploy.md). Nothing was deployed.`,
  );
  process.exit(2);
}

// Retention terms (docs/operations.md#retention): a malformed one would make
// every retention run refuse, and nothing would be deleted; refuse it here.
const retention = parseTerms(vars).problems;
if (retention.length > 0) {
  console.error(`${retention.join("\n")}\nin wrangler.toml [vars] (docs/operations.md#retention). Nothing was deployed.`);
  process.exit(2);
}

// The scheduled Worker deletes on the terms the site states and counts with its k: the same database and values, or nothing.
const DIGEST_CONFIG = "workers/digest/wrangler.toml";
const digestProblems = digestConfigProblems(readFileSync("wrangler.toml", "utf8"), readFileSync(DIGEST_CONFIG, "utf8"));
if (digestProblems.length > 0) {
  console.error(`${digestProblems.join("\n")}\nin ${DIGEST_CONFIG}: make it match wrangler.toml (docs/deploy.md). Nothing was deployed.`);
  process.exit(2);
}

// Each invitation survey's page carries its committed key, and the Worker
// refuses codes when its seed does not derive that key: never ship keys of the
// public development seed, nor keys the deployment's seed does not derive.
const keyProblems = await deployKeyProblems(process.env.INVITATION_KEY_SEED);
if (keyProblems.length > 0) {
  console.error(`${keyProblems.join("\n")}\nNothing was deployed (docs/deploy.md).`);
  process.exit(2);
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: "inherit" });
run("node", ["scripts/build.ts"]);
// Through the guarded runner, not `wrangler d1 migrations apply --remote`: a
// migration that would lose rows is refused, and nothing is published.
// (Imported here: wrangler's API takes seconds to load, and the refusals above must be quick.)
const { deployMigrations } = await import("./deploy-migrations.ts");
try {
  const applied = await deployMigrations({ remote: true });
  console.log(applied.length > 0 ? `applied ${applied.join(", ")}` : "no migrations to apply");
} catch (err) {
  console.error(
    `${(err as Error).message}\nThe database is as it was before that migration; the site was not published (docs/operations.md#upgrades).`,
  );
  process.exit(2);
}
run("wrangler", ["pages", "deploy", "dist", ...process.argv.slice(2)]);
// its channels' secrets are its own (docs/deploy.md); without any, it runs only the retention deletes
run("wrangler", ["deploy", "-c", DIGEST_CONFIG]);
