// Runs a tool with the offline environment (no telemetry, no cf fetch):
// `node scripts/run.ts vitest run --project unit`.
import "./env.ts";
import { spawnSync } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/run.ts <command> [args...]");
  process.exit(2);
}
const result = spawnSync(command, args, { stdio: "inherit" });
process.exit(result.status ?? 1);
