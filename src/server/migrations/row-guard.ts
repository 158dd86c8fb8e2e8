// A migration may not lose rows unless it says so. SQLite cannot change a
// table's constraints in place, so a migration rebuilds the table (create a
// new one, copy, drop, rename: 0012 does it for idea_supports); a copy that
// misses rows would lose what employees sent, silently. The runner
// (./apply.ts) wraps every migration in statements that count each table's
// rows before it and refuse, inside the migration's own batch (D1's one
// transaction), to finish when a table has fewer rows after it: the
// migration is then not applied at all, and the error names the table.
//
// A migration that empties or drops a table on purpose is listed below with
// the table and why (applied migrations cannot be edited, and the test
// harness hands the runner statements without their comments).
import { ident } from "../backup/sql-text.ts";

/** Tables the applied migrations empty or drop on purpose, and why. */
const DECLARED: Record<string, Record<string, string>> = {
  "0004_expire_rate_limit_windows.sql": { rate_limit_counters: "throw-away counters, recreated with their expiry" },
  "0011_check_tally_days.sql": {
    survey_tallies: "a cache of the responses, rolled up again on the next read",
    survey_tally_progress: "marks every survey as having nothing rolled up",
  },
  "0012_drop_counters_date_supports.sql": {
    rate_limit_counters: "per-client counters leave D1",
    rate_limit_salts: "per-client counters leave D1",
  },
};

/** The tables migration `name` may empty or drop. */
export function declaredDrops(name: string): Set<string> {
  return new Set(Object.keys(DECLARED[name] ?? {}));
}

export const BEFORE_TABLE = "_candor_rows_before";
export const KEPT_TABLE = "_candor_rows_kept";

/**
 * The migration's statements between a count of every guarded table's rows
 * and a check that none has fewer: the check is an insert that a CHECK
 * constraint named after the table refuses ("rows of ideas went missing").
 * A guarded table the migration drops fails the check too ("no such table").
 */
export function guardStatements(queries: readonly string[], tables: readonly string[], drops: ReadonlySet<string>): string[] {
  const guarded = tables.filter((t) => !drops.has(t) && !t.startsWith("_candor_") && t !== "d1_migrations");
  if (guarded.length === 0) return [...queries];
  const literal = (t: string) => `'${t.replace(/'/g, "''")}'`;
  const checks = guarded.map((t) => `CONSTRAINT ${ident(`rows of ${t} went missing`)} CHECK (tbl <> ${literal(t)} OR kept = 1)`);
  return [
    `CREATE TABLE ${BEFORE_TABLE} (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL)`,
    `INSERT INTO ${BEFORE_TABLE} (tbl, n) VALUES ${guarded.map((t) => `(${literal(t)}, (SELECT COUNT(*) FROM ${ident(t)}))`).join(", ")}`,
    ...queries,
    `CREATE TABLE ${KEPT_TABLE} (tbl TEXT PRIMARY KEY, kept INTEGER NOT NULL, ${checks.join(", ")})`,
    ...guarded.map(
      (t) =>
        `INSERT INTO ${KEPT_TABLE} (tbl, kept) SELECT tbl, (SELECT COUNT(*) FROM ${ident(t)}) >= n FROM ${BEFORE_TABLE} WHERE tbl = ${literal(t)}`,
    ),
    `DROP TABLE ${KEPT_TABLE}`,
    `DROP TABLE ${BEFORE_TABLE}`,
  ];
}
