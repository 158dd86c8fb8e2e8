// Local database chores: apply migrations and load demo data into the same
// local D1 that `wrangler pages dev` serves (state under .wrangler/ or --persist-to).
import "./env.ts";
import { readFile, readdir } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { getPlatformProxy, unstable_splitSqlQuery } from "wrangler";
import { buildClock } from "#build/clock.ts";
import { writeSurveyList } from "./survey-list.ts";
import type { Clock } from "#lib/clock.ts";
import { applyMigrations as applyGuarded } from "#server/migrations/apply.ts";

export interface SeedEnv {
  DB: D1Database;
}

/**
 * A demo-data module in scripts/seed/: must be idempotent (INSERT OR IGNORE on
 * stable ids). Dates relative to "today" come from `clock`, the one the pages
 * and the server are pinned to.
 */
export type Seeder = (env: SeedEnv, clock: Clock) => Promise<string>;

const MIGRATIONS_DIR = join(import.meta.dirname, "..", "migrations");

/**
 * Applies the migrations the local D1 has not had yet, exactly as
 * `wrangler d1 migrations apply --local` records them, in this process
 * (wrangler's command started a runtime per run and took most of a minute of
 * `npm start` on a small machine), each refused if it loses rows
 * (src/server/migrations/row-guard.ts).
 */
export async function applyMigrations(db: D1Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const names = (await readdir(dir)).filter((f) => /^\d{4}_\w+\.sql$/.test(f)).sort();
  const migrations = await Promise.all(
    names.map(async (name) => ({ name, queries: unstable_splitSqlQuery(await readFile(join(dir, name), "utf8")) })),
  );
  return applyGuarded(db, migrations);
}

function localD1(persistTo?: string) {
  return getPlatformProxy<SeedEnv>({ persist: persistTo ? { path: join(persistTo, "v3") } : true });
}

export async function migrate(persistTo?: string): Promise<void> {
  const proxy = await localD1(persistTo);
  try {
    const done = await applyMigrations(proxy.env.DB);
    console.log(done.length > 0 ? `applied ${done.join(", ")}` : "no migrations to apply");
  } finally {
    await proxy.dispose();
  }
}

/** Migrations, then demo data, with one local runtime (what `npm start` needs). */
export async function setup(persistTo?: string, clock: Clock = buildClock()): Promise<void> {
  const proxy = await localD1(persistTo);
  try {
    const done = await applyMigrations(proxy.env.DB);
    console.log(done.length > 0 ? `applied ${done.join(", ")}` : "no migrations to apply");
    await seedInto(proxy.env, clock);
  } finally {
    await proxy.dispose();
  }
}

/** Loads every seeder's demo data; "today" is CANDOR_TODAY when set (buildClock), or the clock given. */
export async function seed(persistTo?: string, clock: Clock = buildClock()): Promise<void> {
  const proxy = await localD1(persistTo);
  try {
    await seedInto(proxy.env, clock);
  } finally {
    await proxy.dispose();
  }
}

async function seedInto(env: SeedEnv, clock: Clock): Promise<void> {
  const dir = join(import.meta.dirname, "seed");
  // the survey seeder reads the registry, which imports the generated list of survey files
  writeSurveyList(join(import.meta.dirname, ".."));
  // seeders are NNNN-name.ts; other modules there are their helpers
  const files = (await readdir(dir)).filter((f) => /^\d{4}-.*\.ts$/.test(f)).sort();
  for (const file of files) {
    const started = performance.now();
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: Seeder };
    const report = await mod.default(env, clock);
    console.log(`seed ${file} (${((performance.now() - started) / 1000).toFixed(1)} s): ${report}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const [command, persistTo] = process.argv.slice(2);
  if (command === "migrate") await migrate(persistTo);
  else if (command === "seed") await seed(persistTo);
  else if (command === "setup") await setup(persistTo);
  else {
    console.error("usage: node scripts/db.ts migrate|seed|setup [persist-dir]");
    process.exit(2);
  }
}
