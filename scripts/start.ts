// `npm start`: build, migrate and seed the local D1, then serve site +
// functions + D1 on one URL. Safe to run again: migrations and seeds are idempotent.
import "./env.ts";
import { execFileSync, spawn } from "node:child_process";
import { ensureLocalAdminToken, DEV_VARS } from "./admin-token.ts";
import { migrate, seed } from "./db.ts";

const port = Number(process.env.PORT ?? 8788);

execFileSync("node", ["scripts/build.ts"], { stdio: "inherit" });
migrate();
await seed();
const admin = ensureLocalAdminToken();

// Own process group, so Ctrl-C or a kill takes wrangler *and* workerd down
// instead of leaving them bound to the port.
const server = spawn(
  "wrangler",
  ["pages", "dev", "dist", "--port", String(port), "--ip", "127.0.0.1", "--show-interactive-dev-session=false"],
  { stdio: ["inherit", "pipe", "inherit"], detached: true },
);

// Wrangler announces its bind address; readers want one address to open.
server.stdout!.setEncoding("utf8");
server.stdout!.on("data", (chunk: string) => {
  process.stdout.write(
    chunk.replace(
      /\[wrangler:info\] Ready on \S+/,
      `\n  Candor is running at http://localhost:${port}  (Ctrl-C to stop)` +
        `\n  HR console: http://localhost:${port}/admin/ — sign in with ADMIN_TOKEN from ${DEV_VARS}` +
        `${admin.created ? " (just created)" : ""}\n`,
    ),
  );
});

let stopping = false;
function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  try {
    process.kill(-server.pid!, signal);
  } catch {
    // already gone
  }
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("exit", () => stop("SIGTERM"));
server.on("exit", (code) => process.exit(code ?? 0));
