// Whole-database snapshots for the battery: every table's rows, compared as
// multisets, so "nothing changed" means nothing changed anywhere.
import { env } from "cloudflare:test";

/** Every table of the application (not SQLite's, D1's or the migrations' own). */
export async function tableNames(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations' ORDER BY name",
  ).all<{ name: string }>();
  return results.map((r) => r.name);
}

export type Dump = Map<string, string[]>;

let names: string[] | undefined;

export async function dumpDatabase(): Promise<Dump> {
  names ??= await tableNames();
  const results = await env.DB.batch(names.map((name) => env.DB.prepare(`SELECT * FROM "${name}"`)));
  return new Map(names.map((name, i) => [name, results[i]!.results.map((row) => JSON.stringify(row)).sort()]));
}

export interface TableDelta {
  added: string[];
  removed: string[];
}

/** Rows added and removed per table (an update is one of each). */
export function delta(before: Dump, after: Dump): Map<string, TableDelta> {
  const changes = new Map<string, TableDelta>();
  for (const [name, rows] of after) {
    const left = new Map<string, number>();
    for (const row of before.get(name) ?? []) left.set(row, (left.get(row) ?? 0) + 1);
    const added: string[] = [];
    for (const row of rows) {
      const n = left.get(row) ?? 0;
      if (n > 0) left.set(row, n - 1);
      else added.push(row);
    }
    const removed = [...left].flatMap(([row, n]) => Array<string>(n).fill(row));
    if (added.length > 0 || removed.length > 0) changes.set(name, { added, removed });
  }
  return changes;
}
