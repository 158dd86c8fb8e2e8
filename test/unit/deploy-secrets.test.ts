// The deploy command refuses to ship a Worker that would fail closed, and
// npm start makes the same secrets up locally, once.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  REQUIRED_SECRETS,
  devVarNames,
  ensureDevSecrets,
  listedSecretNames,
  missingSecrets,
  retiredSecrets,
} from "../../scripts/dev-secrets.ts";

describe("secrets a deployment must have", () => {
  it("reads the names wrangler pages secret list prints, and names the missing ones", () => {
    const output = `The "production" environment of your Pages project "candor" has access to the following secrets:
  - ADMIN_TOKEN: Value Encrypted
  - RATE_LIMIT_SECRET: Value Encrypted
`;
    expect(listedSecretNames(output)).toEqual(new Set(["ADMIN_TOKEN", "RATE_LIMIT_SECRET"]));
    expect(missingSecrets(listedSecretNames(output))).toEqual(["INVITATION_KEY_SEED"]);
    expect(missingSecrets(listedSecretNames(""))).toEqual([...REQUIRED_SECRETS]);
    expect(missingSecrets(new Set(REQUIRED_SECRETS))).toEqual([]);
    // nothing per client is stored any more, so nothing needs keying: the old secret is named as one to delete
    expect(REQUIRED_SECRETS).not.toContain("RATE_LIMIT_SECRET");
    expect(retiredSecrets(listedSecretNames(output))).toEqual(["RATE_LIMIT_SECRET"]);
    expect(retiredSecrets(new Set(REQUIRED_SECRETS))).toEqual([]);
  });

  it("npm start adds the missing ones to .dev.vars once, keeping what is there", () => {
    const file = join(mkdtempSync(join(tmpdir(), "candor-devvars-")), ".dev.vars");
    writeFileSync(file, "ADMIN_TOKEN=abc\nRATE_LIMIT_SECRET=kept");
    expect(ensureDevSecrets(file)).toEqual(["INVITATION_KEY_SEED"]);
    const text = readFileSync(file, "utf8");
    expect(devVarNames(text)).toEqual(new Set(["ADMIN_TOKEN", "RATE_LIMIT_SECRET", "INVITATION_KEY_SEED"]));
    // what is there is kept, even a secret nothing reads any more
    expect(text).toContain("RATE_LIMIT_SECRET=kept");
    expect(text).toMatch(/^INVITATION_KEY_SEED=[0-9a-f]{64}$/m);
    expect(ensureDevSecrets(file)).toEqual([]);
    expect(readFileSync(file, "utf8")).toBe(text);
  });
});

describe("npm run deploy", () => {
  it("refuses to build or ship when the project lacks a required secret (a stand-in wrangler records what it is asked)", async () => {
    const { spawnSync } = await import("node:child_process");
    const { chmodSync } = await import("node:fs");
    const bin = mkdtempSync(join(tmpdir(), "candor-wrangler-"));
    const calls = join(bin, "calls.log");
    writeFileSync(
      join(bin, "wrangler"),
      `#!/bin/sh\necho "$@" >> "${calls}"\nif [ "$1 $2 $3" = "pages secret list" ]; then printf '  - RATE_LIMIT_SECRET: Value Encrypted\\n'; fi\n`,
    );
    chmodSync(join(bin, "wrangler"), 0o755);
    const run = spawnSync(process.execPath, ["scripts/deploy.ts"], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SITE_URL: "https://candor.example.com", CANDOR_TODAY: "" },
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("INVITATION_KEY_SEED");
    expect(run.stderr).not.toContain("has no RATE_LIMIT_SECRET");
    expect(run.stderr).toContain(
      "RATE_LIMIT_SECRET is no longer used by Candor: delete it with npx wrangler pages secret delete RATE_LIMIT_SECRET",
    );
    // asked for the list, and nothing else: no migration, no deploy
    expect(readFileSync(calls, "utf8").trim().split("\n")).toEqual(["pages secret list --project-name candor"]);
  });

  it("refuses a malformed retention term in wrangler.toml [vars], naming it, before building or migrating anything", async () => {
    const { spawnSync } = await import("node:child_process");
    const { chmodSync } = await import("node:fs");
    const bin = mkdtempSync(join(tmpdir(), "candor-wrangler-"));
    const calls = join(bin, "calls.log");
    const secrets = REQUIRED_SECRETS.map((name) => `  - ${name}: Value Encrypted\\n`).join("");
    writeFileSync(
      join(bin, "wrangler"),
      `#!/bin/sh\necho "$@" >> "${calls}"\nif [ "$1 $2 $3" = "pages secret list" ]; then printf '${secrets}'; fi\n`,
    );
    chmodSync(join(bin, "wrangler"), 0o755);
    // the project's own wrangler.toml, with one term malformed, in a directory of its own
    const project = mkdtempSync(join(tmpdir(), "candor-project-"));
    writeFileSync(
      join(project, "wrangler.toml"),
      readFileSync("wrangler.toml", "utf8").replace("[vars]\n", '[vars]\nRETENTION_COMMENT_DAYS = "a month"\n'),
    );
    const run = spawnSync(process.execPath, [join(process.cwd(), "scripts/deploy.ts")], {
      cwd: project,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SITE_URL: "https://candor.example.com", CANDOR_TODAY: "" },
      encoding: "utf8",
    });
    expect(run.stderr).toContain('RETENTION_COMMENT_DAYS: a retention term is a whole number of days from 0 to 3650, not "a month"');
    expect(run.status).toBe(2);
    expect(readFileSync(calls, "utf8").trim().split("\n")).toEqual(["pages secret list --project-name candor"]);
  });
});
