// The secrets a deployed Candor must have (INVITATION_KEY_SEED), made up
// locally: `npm start` keeps them in .dev.vars (which `wrangler pages dev`
// reads; never committed), the tests make fresh ones per run. Deploying sets
// real ones (docs/deploy.md).
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export const REQUIRED_SECRETS = ["INVITATION_KEY_SEED"] as const;
export type RequiredSecret = (typeof REQUIRED_SECRETS)[number];

/**
 * Secrets earlier versions needed and nothing reads any more: RATE_LIMIT_SECRET
 * keyed the per-client hashes stored in D1, and nothing per client is stored
 * now (src/server/rate-limit.ts). The deploy command says to delete them.
 */
export const RETIRED_SECRETS = ["RATE_LIMIT_SECRET"] as const;

/** A fresh value for each: 32 random bytes as hex. */
export function freshSecrets(): Record<RequiredSecret, string> {
  return Object.fromEntries(REQUIRED_SECRETS.map((name) => [name, randomBytes(32).toString("hex")])) as Record<RequiredSecret, string>;
}

/** Secrets for one test run (integration and browser tests). */
export function testSecrets(): Record<RequiredSecret, string> {
  return freshSecrets();
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
  const fresh = freshSecrets();
  const added = REQUIRED_SECRETS.filter((name) => !present.has(name));
  if (added.length === 0) return [];
  const lines = added.map((name) => `${name}=${fresh[name]}`);
  writeFileSync(path, `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${lines.join("\n")}\n`, { mode: 0o600 });
  return added;
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
