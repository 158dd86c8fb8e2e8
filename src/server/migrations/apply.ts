// Applying migrations to a D1 database, as `wrangler d1 migrations apply`
// records them (its d1_migrations table, one batch per migration, so a
// failed one leaves nothing), with every migration guarded against losing
// rows (./row-guard.ts). Used by `npm start` / `npm run db:migrate`
// (scripts/db.ts) and by the upgrade tests (test/integration/upgrades.test.ts).
import { declaredDrops, guardStatements } from "./row-guard.ts";

export interface Migration {
  name: string;
  /** The file's statements, split. */
  queries: string[];
}

export async function applyMigrations(db: D1Database, migrations: readonly Migration[]): Promise<string[]> {
  await db
    .prepare(
      `CREATE TABLE IF NOT EXISTS d1_migrations(
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT UNIQUE,
        applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
      )`,
    )
    .run();
  const applied = new Set((await db.prepare("SELECT name FROM d1_migrations").all<{ name: string }>()).results.map((r) => r.name));
  const done: string[] = [];
  for (const m of migrations.filter((m) => !applied.has(m.name))) {
    const tables = (
      await db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'",
        )
        .all<{ name: string }>()
    ).results.map((r) => r.name);
    const statements = guardStatements(m.queries, tables, declaredDrops(m.name));
    try {
      await db.batch([...statements.map((q) => db.prepare(q)), db.prepare("INSERT INTO d1_migrations (name) VALUES (?1)").bind(m.name)]);
    } catch (err) {
      throw new Error(`migration ${m.name} not applied: ${String((err as Error)?.message ?? err)}`, { cause: err });
    }
    done.push(m.name);
  }
  return done;
}
