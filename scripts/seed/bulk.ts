// Demo data in a few statements instead of thousands. Through wrangler's
// platform proxy each prepared statement is a round trip to the local
// runtime (about 20 ms), so the demo's ~300 responses written one statement
// at a time took over a minute of `npm start`. A seeder hands the recorder's
// `env` to the very code that stores real data (e.g. responseStatements),
// which records its INSERTs; writeTo() then sends all rows of each INSERT as
// one statement over a JSON array, in the order the statements first
// appeared (parents before children, for the foreign keys), in one batch.
import type { SeedEnv } from "../db.ts";

interface Recorded {
  sql: string;
  params: unknown[];
}

const SIMPLE_INSERT = /^INSERT INTO (\w+) \(([\w\s,]+)\) VALUES \(([?\d\s,]+)\)$/;

/** `INSERT INTO t (a, b) VALUES (?1, ?2)` as one statement reading the rows from a JSON array bound to ?1. */
export function bulkInsert(sql: string): string {
  const m = SIMPLE_INSERT.exec(sql.replace(/\s+/g, " ").trim());
  const columns = m?.[2]!.split(",").map((c) => c.trim());
  const slots = m?.[3]!.split(",").map((p) => p.trim());
  if (!m || !columns || !slots || slots.some((p, i) => p !== `?${i + 1}`) || slots.length !== columns.length) {
    throw new Error(`bulk: only plain INSERT … VALUES (?1, ?2, …) statements can be bulk-written, not: ${sql}`);
  }
  return `INSERT INTO ${m[1]} (${columns.join(", ")}) SELECT ${columns.map((_, i) => `value ->> ${i}`).join(", ")} FROM json_each(?1)`;
}

export function bulkRecorder(): { env: SeedEnv; writeTo(db: D1Database): Promise<number> } {
  const recorded: Recorded[] = [];
  const statement = (sql: string): D1PreparedStatement =>
    ({
      bind: (...params: unknown[]) => {
        recorded.push({ sql, params });
        return statement(sql);
      },
    }) as unknown as D1PreparedStatement;
  const db = { prepare: (sql: string) => statement(sql) } as unknown as D1Database;
  return {
    env: { DB: db },
    async writeTo(target) {
      const rows = new Map<string, unknown[][]>();
      for (const r of recorded) {
        const group = rows.get(r.sql) ?? [];
        group.push(r.params);
        rows.set(r.sql, group);
      }
      if (rows.size === 0) return 0;
      await target.batch([...rows].map(([sql, values]) => target.prepare(bulkInsert(sql)).bind(JSON.stringify(values))));
      return recorded.length;
    },
  };
}
