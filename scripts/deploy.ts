// `npm run deploy`: build, apply migrations to the remote D1, publish to Pages.
// Needs `wrangler login` (or CLOUDFLARE_API_TOKEN) and the real database_id in wrangler.toml.
import "./env.ts";
import { execFileSync } from "node:child_process";

// Canonical links, the sitemap and the feeds are absolute: without the real
// address they would all point at the placeholder domain.
if (!process.env.SITE_URL) {
  console.error("Set SITE_URL to the deployed address, e.g. SITE_URL=https://candor.example.com npm run deploy");
  process.exit(2);
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: "inherit" });
run("node", ["scripts/build.ts"]);
run("wrangler", ["d1", "migrations", "apply", "DB", "--remote"]);
run("wrangler", ["pages", "deploy", "dist", ...process.argv.slice(2)]);
