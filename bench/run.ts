// `npm run bench`: builds the site, serves it with a fresh local D1 under
// `wrangler pages dev`, and runs every bench/*.bench.ts against it. Each bench
// measures against a baseline in the same run and reports ratios, because
// absolute numbers on a shared 2-core machine are noise.
import "../scripts/env.ts";
import { execFileSync } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { migrate, seed } from "../scripts/db.ts";
import { DEMO_TODAY } from "../scripts/demo-day.ts";
import { TMP_DIR } from "../scripts/env.ts";
import { pinnedClock } from "#lib/clock.ts";
import { freshState, startServer } from "../test/e2e/server.ts";
import { BENCH_ADMIN_TOKEN, type Bench, type BenchRow } from "./lib.ts";

/** `npm run bench [name …]`: only the benches whose file name contains one of the names. */
const only = process.argv.slice(2);
const PERSIST = `${TMP_DIR}/bench-state`;
const DIST = `${TMP_DIR}/bench-dist`;

// On the demo day, like the browser tests: the benches submit to the open pulse survey.
execFileSync("node", ["scripts/build.ts", DIST], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, CANDOR_TODAY: DEMO_TODAY },
});
await freshState(PERSIST);
await migrate(PERSIST);
await seed(PERSIST, pinnedClock(DEMO_TODAY));
const server = await startServer({ persistTo: PERSIST, dist: DIST, vars: { ADMIN_TOKEN: BENCH_ADMIN_TOKEN } });

const rows: BenchRow[] = [];
try {
  const files = (await readdir(import.meta.dirname))
    .filter((f) => f.endsWith(".bench.ts") && (only.length === 0 || only.some((name) => f.includes(name))))
    .sort();
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as { default: Bench };
    console.error(`running ${file} …`);
    // a bench that breaks is reported in the table and fails the run, without losing the others' figures
    try {
      rows.push(...(await mod.default({ baseURL: server.url, persistTo: PERSIST, dist: DIST, adminToken: BENCH_ADMIN_TOKEN })));
    } catch (err) {
      console.error(err);
      rows.push({
        bench: file.replace(".bench.ts", ""),
        measure: `failed: ${(err as Error).message}`.slice(0, 160),
        value: "—",
        unit: "✗",
      });
      process.exitCode = 1;
    }
  }
} finally {
  await server.stop();
}

console.table(rows);
