// What `npm run backup` and `npm run restore` share: SQLite in Node
// (node:sqlite) as a SqlDb, for a remote D1's export and for checking a
// backup before it touches the real database; the migrations' own schema,
// built the same way; the file names of a backup and its manifest.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { readSchema, schemaLines, type SqlDb } from "#server/backup/dump.ts";

/** An SQLite database in memory (or a file) as a SqlDb; foreign keys enforced, as D1 does. */
export function nodeSqlDb(path = ":memory:"): SqlDb & { close(): void; exec(sql: string): void } {
  const db = new DatabaseSync(path, { enableForeignKeyConstraints: true });
  return {
    all: async <T>(sql: string) => db.prepare(sql).all() as T[],
    runAll: async (statements) => {
      db.exec("BEGIN");
      try {
        for (const statement of statements) db.exec(statement);
        db.exec("COMMIT");
      } catch (err) {
        db.exec("ROLLBACK");
        throw err;
      }
    },
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
  };
}

export const MIGRATIONS_DIR = join(import.meta.dirname, "..", "migrations");

/** The migration files up to and including `version` (every one when null), in order. */
export function migrationsUpTo(version: string | null, dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  const names = readdirSync(dir)
    .filter((f) => /^\d{4}_.*\.sql$/.test(f))
    .sort();
  const upTo = version === null ? names : names.slice(0, names.indexOf(version) + 1);
  if (version !== null && !names.includes(version))
    throw new Error(`no migration ${version} in ${dir}: the backup is from a newer release`);
  return upTo.map((name) => ({ name, sql: readFileSync(join(dir, name), "utf8") }));
}

/** The schema the migrations up to `version` build, as schemaLines gives it. */
export async function migrationsSchema(version: string | null): Promise<string[]> {
  const db = nodeSqlDb();
  try {
    for (const m of migrationsUpTo(version)) db.exec(m.sql);
    return schemaLines(await readSchema(db));
  } finally {
    db.close();
  }
}

/** backups/candor-2026-12-07T083000Z.sql → backups/candor-2026-12-07T083000Z.manifest.json */
export function manifestPath(sqlPath: string): string {
  return sqlPath.replace(/\.sql$/, "") + ".manifest.json";
}
