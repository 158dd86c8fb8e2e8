// `npm run survey:keys`: writes each invitation survey's public key, derived
// from the deployment's INVITATION_KEY_SEED, into its file in
// src/content/surveys, where the build puts it into the survey's page and the
// list of keys (src/lib/invitation/key.ts). Commit the change: a new key is a
// diff everyone can see.
//
//   INVITATION_KEY_SEED=… npm run survey:keys     write the keys of that seed
//   npm run survey:keys -- --dev                  the public development seed's (demo content, tests)
//   … -- --check                                  compare only: exit 1 when a file differs
import "./env.ts";
import { DEV_INVITATION_KEY_SEED, keyFingerprint } from "#lib/invitation/key.ts";
import { checkKeys, differing, writeKeys, type KeyCheck } from "./survey-key-files.ts";

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== "--dev" && a !== "--check");
const dev = args.includes("--dev");
const check = args.includes("--check");
const fromEnv = process.env.INVITATION_KEY_SEED;

if (unknown.length > 0) {
  console.error(`Unknown argument ${unknown.join(" ")}. Usage: npm run survey:keys [-- --dev] [-- --check]`);
  process.exit(2);
}
if (dev === Boolean(fromEnv)) {
  console.error(
    dev
      ? "INVITATION_KEY_SEED is set and --dev asks for the development seed: choose one."
      : "Set INVITATION_KEY_SEED to the deployment's seed (INVITATION_KEY_SEED=… npm run survey:keys), or pass --dev for the public development seed of the demo and the tests.",
  );
  process.exit(2);
}

const seed = dev ? DEV_INVITATION_KEY_SEED : fromEnv!;
let checks: KeyCheck[];
try {
  checks = check ? await checkKeys(seed) : await writeKeys(seed);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
const wrong = new Set(differing(checks));
const source = dev ? "the development seed" : "INVITATION_KEY_SEED";
if (checks.length === 0) console.log("No invitation survey: nothing to do.");
for (const c of checks) {
  const state = !wrong.has(c) ? "as committed" : check ? `differs: committed ${c.committed ?? "(none)"}` : "written";
  console.log(`${c.id}: ${c.derived} (fingerprint ${await keyFingerprint(c.derived)}) ${state}`);
}
if (check && wrong.size > 0) {
  console.error(
    `${wrong.size} survey key(s) are not the ones ${source} derives. Run npm run survey:keys${dev ? " -- --dev" : ""} and commit.`,
  );
  process.exit(1);
}
if (!check && wrong.size > 0) console.log(`Review and commit the change: a survey's key is part of what it publishes.`);
