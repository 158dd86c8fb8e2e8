// The secret a deployed Candor must have (INVITATION_KEY_SEED), for local
// Workers: `npm start` keeps it in .dev.vars (which `wrangler pages dev`
// reads; never committed), the tests set it per run. Locally it is the fixed,
// public development seed, because the demo surveys' keys are committed
// (src/lib/invitation/key.ts) and a server whose seed does not derive them
// refuses their codes. Deploying sets a real one (docs/deploy.md).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { DEV_INVITATION_KEY_SEED } from "#lib/invitation/key.ts";
import { checkKeys, differing, SURVEYS_DIR } from "./survey-key-files.ts";

export const REQUIRED_SECRETS = ["INVITATION_KEY_SEED"] as const;
export type RequiredSecret = (typeof REQUIRED_SECRETS)[number];

/**
 * Secrets a project may hold that nothing reads: RATE_LIMIT_SECRET would key
 * per-client hashes, and nothing per client is stored (src/server/rate-limit.ts).
 * The deploy command says to delete them.
 */
export const RETIRED_SECRETS = ["RATE_LIMIT_SECRET"] as const;

/** Values for a local Worker: the development seed. */
export function devSecrets(): Record<RequiredSecret, string> {
  return { INVITATION_KEY_SEED: DEV_INVITATION_KEY_SEED };
}

/** Secrets for one test run (integration and browser tests). */
export function testSecrets(): Record<RequiredSecret, string> {
  return devSecrets();
}

/** Names set in a .dev.vars text (KEY=value lines). */
export function devVarNames(text: string): Set<string> {
  return new Set(
    text
      .split(/\r?\n/)
      .map((line) => /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined),
  );
}

/**
 * Adds the missing ones to `.dev.vars` (kept across runs: a new
 * INVITATION_KEY_SEED would void the tokens of forms already open).
 * Returns the names it added.
 */
export function ensureDevSecrets(path = ".dev.vars"): string[] {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const present = devVarNames(text);
  const fresh = devSecrets();
  const added = REQUIRED_SECRETS.filter((name) => !present.has(name));
  if (added.length === 0) return [];
  const lines = added.map((name) => `${name}=${fresh[name]}`);
  writeFileSync(path, `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${lines.join("\n")}\n`, { mode: 0o600 });
  return added;
}

/**
 * Makes .dev.vars's INVITATION_KEY_SEED one that derives the committed survey
 * keys, where it can: checkouts from before the keys were committed hold a
 * random seed, which is replaced by the development seed when that one
 * derives them. A seed that derives them is kept (an organisation may try its
 * own surveys locally with its own seed). Returns whether it replaced the
 * seed, and the surveys whose codes the local server will still refuse.
 */
export async function alignDevSeed(path = ".dev.vars", dir = SURVEYS_DIR): Promise<{ replaced: boolean; refused: string[] }> {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const line = /^[ \t]*INVITATION_KEY_SEED[ \t]*=[ \t]*(.*?)[ \t]*$/m;
  const seed = line.exec(text)?.[1];
  if (seed === undefined) return { replaced: false, refused: [] };
  const refusedWith = async (hex: string) => {
    try {
      return differing(await checkKeys(hex, dir)).map((c) => c.id);
    } catch {
      return null; // not a seed at all
    }
  };
  const refused = await refusedWith(seed);
  if (refused?.length === 0) return { replaced: false, refused };
  if ((await refusedWith(DEV_INVITATION_KEY_SEED))?.length === 0) {
    writeFileSync(path, text.replace(line, `INVITATION_KEY_SEED=${DEV_INVITATION_KEY_SEED}`), { mode: 0o600 });
    return { replaced: true, refused: [] };
  }
  return { replaced: false, refused: refused ?? (await checkKeys(DEV_INVITATION_KEY_SEED, dir)).map((c) => c.id) };
}

/**
 * Secret names in the output of `wrangler pages secret list` ("  - NAME: Value
 * Encrypted" per line). The values never leave Cloudflare; their presence is
 * all the deploy command can check.
 */
export function listedSecretNames(output: string): Set<string> {
  return new Set([...output.matchAll(/^\s*-\s*([A-Za-z_][A-Za-z0-9_]*)\s*:/gm)].map((m) => m[1]!));
}

/** The required secrets missing from a project, in a fixed order. */
export function missingSecrets(listed: Set<string>): RequiredSecret[] {
  return REQUIRED_SECRETS.filter((name) => !listed.has(name));
}

/** The retired secrets a project still has. */
export function retiredSecrets(listed: Set<string>): string[] {
  return RETIRED_SECRETS.filter((name) => listed.has(name));
}
