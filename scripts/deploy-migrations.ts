// The migrations step of `npm run deploy` (scripts/deploy.ts): the remote D1
// gets the migrations it has not had yet through the same guarded runner as
// the local one (src/server/migrations/apply.ts + row-guard.ts, through
// scripts/db.ts), not through `wrangler d1 migrations apply --remote`, which
// would skip the row-count guard. Each migration is one batch between a count
// of every table's rows and a check that none has fewer: one that loses rows
// is not applied, the deploy stops, and the site is not published.
//
// The deployed database is reached as a remote binding of wrangler's platform
// proxy: the same D1 API as the local one, so the tests run this very
// function on a local D1 (test/e2e/deploy-migrations.test.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { applyMigrations } from "./db.ts";

export type MigrationTarget = { remote: true } | { remote: false; persistTo: string };

/** wrangler.toml with its D1 binding marked remote: what getPlatformProxy needs to reach the deployed database. */
export function remoteConfig(toml: string): string {
  const marked = toml.replace(/(\[\[d1_databases\]\]\s*\nbinding\s*=\s*"DB"\s*\n)/, "$1remote = true\n");
  if (marked === toml) throw new Error('wrangler.toml has no [[d1_databases]] binding "DB" to migrate');
  // relative paths stay relative to the repository: the copy is only read for its bindings
  return marked.replace(/^pages_build_output_dir\s*=.*$/m, "").replace(/^migrations_dir\s*=.*$/m, "");
}

/**
 * Applies the migrations of `dir` the target's D1 has not had, each guarded;
 * resolves to the names applied, rejects naming the migration (and the table
 * that lost rows) that was refused — it and every later one left unapplied.
 */
export async function deployMigrations(target: MigrationTarget, dir?: string): Promise<string[]> {
  let tmp: string | undefined;
  let proxy: Awaited<ReturnType<typeof getPlatformProxy<{ DB: D1Database }>>>;
  if (target.remote) {
    tmp = mkdtempSync(join(tmpdir(), "candor-deploy-"));
    const configPath = join(tmp, "wrangler.toml");
    writeFileSync(configPath, remoteConfig(readFileSync("wrangler.toml", "utf8")));
    proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath, remoteBindings: true });
  } else {
    proxy = await getPlatformProxy<{ DB: D1Database }>({ persist: { path: join(target.persistTo, "v3") } });
  }
  try {
    return await applyMigrations(proxy.env.DB, dir);
  } finally {
    await proxy.dispose();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
