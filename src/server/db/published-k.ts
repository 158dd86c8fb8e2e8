// SQL for published_k: the minimum group size each publication scope first
// published with (migrations/0009_create_published_k.sql).
import type { DbEnv } from "../config.ts";

/**
 * The k each scope ("survey:<id>", "board") first published with, recording
 * `k` for scopes that have none yet: from then on their steps are cut with
 * that k whatever the setting becomes. One read while every scope is
 * recorded (the usual case: no write on a GET), one write batch the first time.
 */
export async function publishedK(env: DbEnv, wanted: { scope: string; k: number }[]): Promise<Map<string, number>> {
  if (wanted.length === 0) return new Map();
  const json = JSON.stringify(wanted);
  const select = env.DB.prepare(
    "SELECT scope, k FROM published_k WHERE scope IN (SELECT json_extract(value, '$.scope') FROM json_each(?1))",
  ).bind(json);
  let rows = (await select.all<{ scope: string; k: number }>()).results;
  if (rows.length < wanted.length) {
    const [, read] = await env.DB.batch([
      env.DB.prepare(
        "INSERT OR IGNORE INTO published_k (scope, k) SELECT json_extract(value, '$.scope'), json_extract(value, '$.k') FROM json_each(?1)",
      ).bind(json),
      select,
    ]);
    rows = read!.results as { scope: string; k: number }[];
  }
  return new Map(rows.map((r) => [r.scope, r.k]));
}

/**
 * The k a scope recorded, read inside another batch without recording one:
 * for reads that publish a figure of a scope whose first publication (which
 * records it) may not have happened yet; they step with `fallback`, the k the
 * first publication will record.
 */
export function recordedKStatement(env: DbEnv, scope: string): D1PreparedStatement {
  return env.DB.prepare("SELECT k FROM published_k WHERE scope = ?1").bind(scope);
}

export function recordedK(result: D1Result, fallback: number): number {
  return (result.results[0] as { k: number } | undefined)?.k ?? fallback;
}
