// `npm start`: build, migrate and seed the local D1, then serve site +
// functions + D1 on one URL. Safe to run again: migrations and seeds are
// idempotent, and a second start skips the build and the database step when
// their inputs are unchanged (scripts/fingerprint.ts).
//
// The demo runs on DEMO_TODAY (scripts/demo-day.ts), so its surveys are open,
// upcoming and closed as the README says whatever the real date: the pin goes
// to the build, the seeders and the server alike. CANDOR_TODAY=YYYY-MM-DD
// picks another day; `npm start -- --real-clock` runs on the real date.
//
// The screen gets one line per step; everything the tools print (migration
// tables, Vite's chunk warnings, wrangler's notices and prompts) goes to a
// log file, shown when a step fails.
import "./env.ts";
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { performance } from "node:perf_hooks";
import { pinnedClock } from "#lib/clock.ts";
import { parseTerms } from "#lib/retention.ts";
import { parseVars } from "#build/vars.ts";
import { randomBytes } from "node:crypto";
import { DEV_VARS, ensureLocalAdminToken, ensureLocalHrTokens } from "./admin-token.ts";
import { startStandin, type Standin } from "./git-host-standin.ts";
import { siteRebuilder } from "./site-rebuild.ts";
import { DIGEST_OUTBOX, outboxEntry } from "./digest.ts";
import { startDigestStandins, type DigestStandins } from "./digest-standins.ts";
import { fingerprint, isStamped, writeStamp } from "./fingerprint.ts";
import { alignDevSeed, ensureDevSecrets } from "./dev-secrets.ts";
import { DEMO_TODAY } from "./demo-day.ts";
import { TMP_DIR } from "./env.ts";
import { DIGEST_PORT, killGroup, portIsFree, spawnDigestDev, spawnPagesDev, waitForHealth, waitForListening } from "./pages-dev.ts";

const USAGE = "usage: npm start [-- --real-clock]   (CANDOR_TODAY=YYYY-MM-DD pins another day, PORT another port)";
const args = process.argv.slice(2);
if (args.some((a) => a !== "--real-clock")) {
  console.error(USAGE);
  process.exit(2);
}
const realClock = args.includes("--real-clock");
const port = Number(process.env.PORT ?? 8788);
const today = realClock ? undefined : process.env.CANDOR_TODAY || DEMO_TODAY;
try {
  pinnedClock(today);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
// The children (build, seeders) read the pin from the environment.
if (today) process.env.CANDOR_TODAY = today;
else delete process.env.CANDOR_TODAY;

// A malformed retention term (wrangler.toml [vars]) would make every retention run refuse.
const retentionProblems = parseTerms(parseVars(readFileSync("wrangler.toml", "utf8"))).problems;
if (retentionProblems.length > 0) {
  console.error(`${retentionProblems.join("\n")}\nin wrangler.toml [vars] (docs/operations.md#retention)`);
  process.exit(2);
}

// A server left over from an earlier run would answer the health check and be
// mistaken for this one: refuse before spending time on the build.
const portTaken = `Port ${port} is in use (another npm start?). Stop it, or choose another with PORT=…`;
if (!(await portIsFree(port))) {
  console.error(portTaken);
  process.exit(1);
}

mkdirSync(TMP_DIR, { recursive: true });
const LOG = `${TMP_DIR}/start.log`;
const log = openSync(LOG, "w");
const tty = process.stdout.isTTY === true;

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/**
 * Runs one step, printing "✓ name  time" (or "✗" and that step's part of the
 * log, then exits). A step that takes a while says so as it goes: its
 * seconds on a terminal, a line every 15 s elsewhere. `run` may return a note
 * shown after the time (e.g. why it was skipped).
 */
async function step(name: string, run: () => Promise<string | void>): Promise<void> {
  writeSync(log, `\n=== ${name} ===\n`);
  const from = statSync(LOG).size;
  const started = performance.now();
  if (tty) process.stdout.write(`  · ${name} …`);
  const clear = tty ? "\r\x1b[K" : "";
  const ticker = setInterval(
    () => {
      if (tty) process.stdout.write(`${clear}  · ${name} … ${seconds(started)}`);
      else process.stdout.write(`  · ${name} still running (${seconds(started)})\n`);
    },
    tty ? 1000 : 15_000,
  );
  let note: string | void;
  try {
    note = await run();
  } catch (err) {
    clearInterval(ticker);
    process.stdout.write(`${clear}  ✗ ${name.padEnd(9)} ${seconds(started)}\n\n`);
    const output = readFileSync(LOG, "utf8").slice(from).trimEnd();
    if (output) {
      const lines = output.split("\n");
      const shown = lines.slice(-60);
      if (shown.length < lines.length) console.log(`  … (${lines.length - shown.length} earlier lines in the log)`);
      console.log(`${shown.map((line) => `  │ ${line}`).join("\n")}\n`);
    }
    console.log(`  ${(err as Error).message}\n  Full log: ${LOG}`);
    await stop();
    process.exit(1);
  }
  clearInterval(ticker);
  process.stdout.write(`${clear}  ✓ ${name.padEnd(9)} ${seconds(started)}${note ? `  (${note})` : ""}\n`);
}

/** A tool whose output goes to the log (or `to`); rejects when it exits non-zero. */
function tool(command: string, commandArgs: string[], to = log): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ["ignore", to, to], env: process.env });
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${commandArgs.join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

let server: ChildProcess | undefined;
let stopping = false;
let standin: Standin | undefined;
let digestServer: ChildProcess | undefined;
let digestStandins: DigestStandins | undefined;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await standin?.close();
  await digestStandins?.close();
  if (digestServer) await killGroup(digestServer);
  if (server) await killGroup(server);
}
// Ctrl-C, a kill, or the terminal closing: the server goes down with us.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => void stop().then(() => process.exit(0)));
}

console.log(
  today === DEMO_TODAY
    ? `Candor on ${today}, the demo day (pinned: the November pulse is open). npm start -- --real-clock runs on today's date.`
    : today
      ? `Candor on ${today} (pinned by CANDOR_TODAY).`
      : "Candor on the real date (no pin).",
);
// A second start skips what its inputs say is already done: the build when
// nothing it reads has changed, the migrations and demo data when neither
// they nor the code that writes them have (and the local database is there).
const BUILD_STAMP = "dist/.candor-build";
const DEMO_STAMP = ".wrangler/state/candor-demo";
const buildPrint = () =>
  fingerprint(["src", "public", "astro.config.mjs", "package-lock.json", "tsconfig.json", "scripts/build.ts", "scripts/csp.ts"], [today]);
const demoPrint = fingerprint(["migrations", "scripts/seed", "scripts/db.ts", "src/lib", "src/server", "src/content/surveys"], [today]);
await step("build", async () => {
  if (isStamped(BUILD_STAMP, buildPrint())) return "unchanged since the last start";
  await tool("node", ["scripts/build.ts"]);
  writeStamp(BUILD_STAMP, buildPrint());
});
await step("database", async () => {
  if (existsSync(".wrangler/state/v3/d1") && isStamped(DEMO_STAMP, demoPrint)) return "migrations and demo data up to date";
  await tool("node", ["scripts/db.ts", "setup"]);
  mkdirSync(dirname(DEMO_STAMP), { recursive: true });
  writeStamp(DEMO_STAMP, demoPrint);
});
// The HR console's local sign-in, in .dev.vars (read by wrangler pages dev).
const admin = ensureLocalAdminToken();
// The secret a deployed Worker must have: the development INVITATION_KEY_SEED the demo surveys'
// committed keys are derived from.
const secrets = ensureDevSecrets();
const seed = await alignDevSeed();
// Two named HR people for the four-eyes flow, and HR's publications committed through the same
// GitHub client as in production, to a stand-in for the git host over this working tree
// (docs/hr-console.md): a published file lands in src/content/ and the running site is rebuilt.
const hr = ensureLocalHrTokens();
const publishToken = randomBytes(24).toString("base64url");
// What HR publishes is rebuilt into the running site (scripts/site-rebuild.ts).
const REBUILD_LOG = `${TMP_DIR}/rebuild.log`;
let rebuiltFrom = "";
const rebuilder = siteRebuilder(
  {
    served: "dist",
    scratch: `${TMP_DIR}/next-dist`,
    keep: [BUILD_STAMP.slice("dist/".length)],
    async build(outDir) {
      const to = openSync(REBUILD_LOG, "a");
      rebuiltFrom = buildPrint(); // before the build: a file published meanwhile is not in it
      try {
        await tool("node", ["scripts/build.ts", outDir], to);
      } finally {
        closeSync(to);
      }
    },
  },
  (event) => {
    if (event.kind === "built") {
      writeStamp(BUILD_STAMP, rebuiltFrom);
      console.log(`  ↻ rebuilt the site after publishing ${event.reasons.join(", ")} (${event.seconds.toFixed(1)} s)`);
    } else console.error(`  ✗ the rebuild after publishing ${event.reasons.join(", ")} failed: ${event.error.message}; see ${REBUILD_LOG}`);
  },
);
await step("publish", async () => {
  standin = await startStandin({ root: process.cwd(), token: publishToken, onCommit: (path) => rebuilder.request(path) });
  return `git host stand-in at ${standin.url}`;
});
await step("serve", async () => {
  if (!(await portIsFree(port))) throw new Error(portTaken); // taken while building
  server = spawnPagesDev({
    dist: "dist",
    port,
    localEnv: "development",
    today,
    vars: { PUBLISH_REPO: "candor/candor", PUBLISH_BRANCH: "main", PUBLISH_TOKEN: publishToken, PUBLISH_API_URL: standin!.url },
    stdio: ["ignore", log, log],
  });
  await waitForHealth(`http://127.0.0.1:${port}`, server);
});
// The scheduled Worker (HR's daily digest and retention) beside it, over the same local D1, its
// channels pointed at local stand-ins that write what they receive to DIGEST_OUTBOX; `npm run digest`
// runs its daily job by hand (docs/operations.md#hr-digest).
await step("digest", async () => {
  if (!(await portIsFree(DIGEST_PORT))) return `port ${DIGEST_PORT} is in use: the scheduled Worker is not started`;
  writeFileSync(DIGEST_OUTBOX, "");
  digestStandins = await startDigestStandins(0, (arrival) => appendFileSync(DIGEST_OUTBOX, outboxEntry(arrival)));
  digestServer = spawnDigestDev({
    port: DIGEST_PORT,
    localEnv: "development",
    today,
    vars: { ...digestStandins.vars, DIGEST_CONSOLE_URL: `http://localhost:${port}/admin/` },
    stdio: ["ignore", log, log],
  });
  await waitForListening(`http://127.0.0.1:${DIGEST_PORT}`, digestServer);
  return `npm run digest sends today's digest to the stand-ins (${DIGEST_OUTBOX})`;
});
closeSync(log);

console.log(`
  Candor is running at http://localhost:${port}
  HR console: http://localhost:${port}/admin/ (sign in with ADMIN_TOKEN from ${DEV_VARS}${admin.created ? ", just created" : ""})
  Publishing: http://localhost:${port}/admin/publish/ (two HR people, ${hr.tokens.map(([name]) => name).join(" and ")}: HR_TOKENS in ${DEV_VARS}${hr.created ? ", just created" : ""}; published files land in src/content/ and the site is rebuilt)${
    secrets.length > 0
      ? `
  Created ${secrets.join(" and ")} in ${DEV_VARS}.`
      : ""
  }${
    seed.replaced
      ? `
  Set INVITATION_KEY_SEED in ${DEV_VARS} to the development seed: the demo surveys' keys are derived from it.`
      : ""
  }${
    seed.refused.length > 0
      ? `
  Invitation codes of ${seed.refused.join(", ")} will be refused: INVITATION_KEY_SEED in ${DEV_VARS} does not derive their committed keys (npm run survey:keys -- --check).`
      : ""
  }
  HR digest: npm run digest runs the scheduled Worker's daily job; what the channels received is in ${DIGEST_OUTBOX}
  Log: ${LOG}
  Press Ctrl-C to stop.`);

server!.on("exit", (code, signal) => {
  if (stopping) return;
  console.error(`\nThe server stopped (${signal ?? `exit ${code}`}); see ${LOG}`);
  void stop().then(() => process.exit(code ?? 1));
});
