// Builds functions/ into the same Worker bundle Pages deploys, so tests go
// through Pages' real router and our middleware.
import { execFileSync } from "node:child_process";
import { TMP_DIR } from "../../scripts/env.ts";

export default function setup(): void {
  execFileSync("npx", ["wrangler", "pages", "functions", "build", "functions", "--outdir", `${TMP_DIR}/functions-worker`], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  });
}
