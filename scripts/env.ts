import { resolve } from "node:path";

// Nothing may reach the internet at build, start or test time: every script
// that runs Astro or Wrangler starts from this environment.
export const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  ASTRO_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
} as const;

Object.assign(process.env, OFFLINE_ENV);

/**
 * Scratch space for builds, test databases and bundles. CANDOR_TMP lets two
 * test runs share a checkout without overwriting each other's files.
 */
export const TMP_DIR = process.env.CANDOR_TMP ?? ".tmp";

/**
 * Wrangler and Miniflare list every local Worker, by name, in a dev registry
 * shared by the whole machine (in the home directory); all of Candor's are
 * called "candor", so parallel runs would wait on each other's entries.
 * Ours live under TMP_DIR instead (each `wrangler pages dev` in a folder of
 * its own, scripts/pages-dev.ts): Candor calls no other local Worker.
 */
process.env.CLOUDFLARE_DEV_REGISTRY_PATH ??= resolve(TMP_DIR, "dev-registry", "shared");
