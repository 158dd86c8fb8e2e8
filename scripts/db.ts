// Local database chores: apply migrations and load demo data into the same
// local D1 that `wrangler pages dev` serves (state under .wrangler/ or --persist-to).
import "./env.ts";
import { execFileSync } from "node:child_process";
import { readdir } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { buildClock } from "../src/build/clock.ts";
import type { Clock } from "../src/lib/clock.ts";

export interface SeedEnv {
  DB: D1Database;
}

/**
 * A demo-data module in scripts/seed/: must be idempotent (INSERT OR IGNORE on
 * stable ids). Dates relative to "today" come from `clock`, the one the pages
 * and the server are pinned to.
 */
export type Seeder = (env: SeedEnv, clock: Clock) => Promise<string>;

export function migrate(persistTo?: string): void {
  execFileSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", ...(persistTo ? ["--persist-to", persistTo] : [])], {
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/** Loads every seeder's demo data; "today" is CANDOR_TODAY when set (buildClock), or the clock given. */
export async function seed(persistTo?: string, clock: Clock = buildClock()): Promise<void> {
  const dir = join(import.meta.dirname, "seed");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".ts")).sort();
  const proxy = await getPlatformProxy<SeedEnv>({
    persist: persistTo ? { path: join(persistTo, "v3") } : true,
  });
  try {
    for (const file of files) {
      const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: Seeder };
      console.log(`seed ${file}: ${await mod.default(proxy.env, clock)}`);
    }
  } finally {
    await proxy.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const [command, persistTo] = process.argv.slice(2);
  if (command === "migrate") migrate(persistTo);
  else if (command === "seed") await seed(persistTo);
  else {
    console.error("usage: node scripts/db.ts migrate|seed [persist-dir]");
    process.exit(2);
  }
}
