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
