// `npm run deploy`: build, apply migrations to the remote D1, publish to Pages.
// Needs `wrangler login` (or CLOUDFLARE_API_TOKEN) and the real database_id in wrangler.toml.
import "./env.ts";
import { execFileSync } from "node:child_process";

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: "inherit" });
run("node", ["scripts/build.ts"]);
run("wrangler", ["d1", "migrations", "apply", "DB", "--remote"]);
run("wrangler", ["pages", "deploy", "dist", ...process.argv.slice(2)]);
