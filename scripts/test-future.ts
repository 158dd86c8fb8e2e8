// `npm run test:future [-- days]`: the test files whose outcome can depend on
// the date (those that read a clock, and the integration and browser files that
// run a server: test/support/date-dependent.ts) with the machine's clock moved
// ahead (365 days by default) for the processes they start, to show that no
// test depends on the real date. Lint, type-check and the files that read no
// clock cannot change with it, so `npm test` runs them once.
//
// The clock is moved by datefudge (Debian package `datefudge`), which
// LD_PRELOADs a library that shifts the wall clock of Node, workerd and
// Chromium alike. One process keeps the real clock: wrangler's own Node
// process under `wrangler pages dev`, whose housekeeping compares its clock
// with file times and would delete a running server's bundle
// (scripts/pages-dev.ts); the workerd it starts, which runs the functions, is
// moved. Debian's faketime (libfaketime) cannot be used: workerd hangs at
// start-up under it (workerd's allocator initialises by calling poll and
// clock_gettime, which libfaketime intercepts while its own initialisation is
// still allocating memory: a deadlock), so no integration or browser test
// would ever run.
//
// Before the suite, a probe started under the same shift prints the day that
// the shell, Node, workerd (as the seeders and integration tests start it,
// and as wrangler pages dev starts it) and Chromium each see, and the run
// stops if any of them was not moved: a run that did not move every clock
// would prove nothing.
import "./env.ts";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { getPlatformProxy } from "wrangler";
import { launchBrowser } from "../test/e2e/browser.ts";
import { dateDependent, testFiles, type Suite } from "../test/support/date-dependent.ts";
import { addDays, isDay, systemClock } from "#lib/clock.ts";
import { TMP_DIR } from "./env.ts";
import { freePort, killGroup, spawnPagesDev, waitForHealth } from "./pages-dev.ts";

const PROBE = "--probe";
/** The suites of `npm test` that execute code (checked against package.json below): their date-dependent files run a year ahead. */
const FUTURE_SUITES = ["test:unit", "test:integration", "test:e2e"];
const STATIC_CHECKS = ["lint", "check"];

if (process.argv[2] === PROBE) {
  console.log(JSON.stringify(await probe()));
  process.exit(0);
}

const days = Number(process.argv[2] ?? 365);
if (!Number.isInteger(days) || days < 1) {
  console.error("usage: npm run test:future [-- days]   (days ahead, 365 by default)");
  process.exit(2);
}
if (spawnSync("datefudge", ["--version"], { stdio: "ignore" }).status !== 0) {
  console.error("npm run test:future needs datefudge (Debian/Ubuntu: apt-get install -y datefudge).");
  process.exit(2);
}

// A suite added to `npm test` must be placed: run a year ahead, or a static check
// (those run side by side through scripts/parallel.ts).
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
const test = pkg.scripts.test!;
const parallel = /^node scripts\/parallel\.ts ([\w:\- ]+?) &&/.exec(test)?.[1]?.split(" ") ?? [];
const inTest = [...parallel, ...[...test.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!)];
const unplaced = inTest.filter((s) => !FUTURE_SUITES.includes(s) && !STATIC_CHECKS.includes(s));
if (unplaced.length > 0 || !FUTURE_SUITES.every((s) => inTest.includes(s)) || parallel.some((s) => !STATIC_CHECKS.includes(s))) {
  console.error(
    `npm test runs ${inTest.join(", ")}; scripts/test-future.ts runs ${FUTURE_SUITES.join(", ")} a year ahead: place ${unplaced.join(", ") || "the difference"}.`,
  );
  process.exit(2);
}

const shift = ["datefudge", `+${days} days`];
const expected = addDays(systemClock.today(), days);
console.log(`Real date ${systemClock.today()}; running the suite as if it were ${expected} (${days} days ahead).`);

const probed = spawnSync(shift[0]!, [...shift.slice(1), "node", "scripts/test-future.ts", PROBE], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
const seen = JSON.parse(probed.stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, string>;
// The shift starts from the real time of day, so the probe can straddle midnight: allow the day after too.
const moved = (day: string | undefined) => day === expected || day === addDays(expected, 1);
for (const [clock, day] of Object.entries(seen)) console.log(`  ${moved(day) ? "✓" : "✗"} ${clock.padEnd(9)} ${day}`);
if (probed.status !== 0 || Object.keys(seen).length < 5 || !Object.values(seen).every(moved)) {
  console.error("Not every clock the suite reads was moved ahead: the run would prove nothing. Stopping.");
  process.exit(1);
}

// Of each suite that runs code, in `npm test`'s order, the files whose outcome
// can depend on the date (test/support/date-dependent.ts says which and why),
// stopping at the first failure.
const files = dateDependent(process.cwd());
for (const suite of FUTURE_SUITES) {
  const chosen = files[suite.slice("test:".length) as Suite];
  console.log(
    `${suite}: ${chosen.length} of ${testFiles(process.cwd(), suite.slice("test:".length) as Suite).length} files can depend on the date`,
  );
  const run = spawnSync(shift[0]!, [...shift.slice(1), "npm", "run", suite, "--", ...chosen.map((f) => f.file)], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

/**
 * The day each runtime the suite uses sees, run under the shift: the shell,
 * Node (tests, build, seeders), workerd as the seeders and the integration
 * tests start it (through Node), workerd as `wrangler pages dev` starts it
 * for the browser tests (through scripts/pages-dev.ts), and Chromium.
 */
async function probe(): Promise<Record<string, string>> {
  const date = spawnSync("date", ["-u", "+%F"], { encoding: "utf8" }).stdout.trim();
  const dir = resolve(TMP_DIR, "future-probe");
  await rm(dir, { recursive: true, force: true });
  await mkdir(`${dir}/site`, { recursive: true });

  const proxy = await getPlatformProxy<{ DB: D1Database }>({ persist: { path: `${dir}/state` } });
  let workerd: string;
  try {
    workerd = (await proxy.env.DB.prepare("SELECT date('now') AS day").first<{ day: string }>())?.day ?? "";
  } finally {
    await proxy.dispose();
  }

  // A site whose only code answers every request with workerd's own date.
  await writeFile(`${dir}/site/_worker.js`, "export default { fetch: () => new Response(new Date().toISOString().slice(0, 10)) };\n");
  const port = await freePort();
  const server = spawnPagesDev({ dist: "site", cwd: dir, port, localEnv: "test", stdio: "ignore" });
  let pagesDev: string;
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, server);
    pagesDev = await (await fetch(`http://127.0.0.1:${port}/`)).text();
  } finally {
    await killGroup(server);
  }

  const browser = await launchBrowser();
  let chromium: string;
  try {
    const page = await (await browser.newContext()).newPage();
    // eslint-disable-next-line no-restricted-syntax -- the point: the browser's own, unpinned clock
    chromium = await page.evaluate(() => new Date().toISOString().slice(0, 10));
  } finally {
    await browser.close();
  }
  const result = { date, node: systemClock.today(), workerd, "pages dev": pagesDev, chromium };
  for (const day of Object.values(result)) if (!isDay(day)) throw new Error(`probe: not a day: ${JSON.stringify(result)}`);
  return result;
}
