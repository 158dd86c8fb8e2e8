// A backup of the whole database: every table's schema, every row, every
// index and trigger, as SQL, one statement per line (./sql-text.ts), with a
// manifest that says what the file must give back — the schema version (the
// last migration applied), the rows per table, the audit chain's head — and
// the file's own SHA-256 and length, so a changed or cut-off file is refused
// before anything is loaded (./restore.ts).
//
// It reads through SqlDb, so the same code dumps the local D1 (npm run
// backup, through wrangler's platform proxy), a remote D1's export loaded
// into SQLite in Node, and the test Worker's D1. Indexes and triggers come
// after the rows, as in SQLite's own .dump: loading rows fires no trigger
// (the tallies' staleness triggers, the audit chain's), and the rows are
// then checked against every constraint and trigger the schema has.
import { verifyChain, type ChainHead, type StoredChainRow } from "#lib/audit/chain.ts";
import { sha256Hex } from "#lib/hex.ts";
import { ident, literalOnOneLine, oneLine } from "./sql-text.ts";

/** What a backup needs of a database: read rows; run statements as one transaction. */
export interface SqlDb {
  all<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** All or nothing. */
  runAll(statements: string[]): Promise<void>;
}

/** A D1 binding as a SqlDb: the statements go in one batch, D1's only transaction. */
export function d1SqlDb(db: D1Database): SqlDb {
  return {
    all: async <T>(sql: string) => (await db.prepare(sql).all<T>()).results,
    runAll: async (statements) => {
      if (statements.length > 0) await db.batch(statements.map((s) => db.prepare(s)));
    },
  };
}

export const BACKUP_FORMAT = "candor-backup/1";
export const HEADER = `-- ${BACKUP_FORMAT}`;
export const END = (statements: number) => `-- end of backup: ${statements} statements`;

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  /** The last migration applied (d1_migrations), or null for a database without that table. */
  schemaVersion: string | null;
  /** Rows per table, every table. */
  tables: Record<string, number>;
  /** The audit log's hash chain as the rows give it, and whether it was whole when the backup was taken. */
  auditChain: ChainHead & { whole: boolean };
  statements: number;
  bytes: number;
  sha256: string;
  /** When the backup was taken (set by the script; an operator's record, not part of what is checked). */
  takenAt?: string;
}

export interface SchemaObject {
  type: "table" | "index" | "trigger" | "view";
  name: string;
  tbl_name: string;
  sql: string;
}

/** Every object the migrations made, in creation order: not SQLite's own, nor Cloudflare's (_cf_*). */
export async function readSchema(db: SqlDb): Promise<SchemaObject[]> {
  return db.all<SchemaObject>(
    `SELECT type, name, tbl_name, sql FROM sqlite_master
     WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY rowid`,
  );
}

/**
 * The schema the migrations made, as comparable lines ("type name: statement
 * on one line", sorted). Not d1_migrations: each tool that applies
 * migrations (wrangler, the test harness) writes its own CREATE for it.
 */
export function schemaLines(schema: readonly SchemaObject[]): string[] {
  return schema
    .filter((o) => o.tbl_name !== "d1_migrations")
    .map((o) => `${o.type} ${o.name}: ${oneLine(o.sql)}`)
    .sort();
}

export async function columnsOf(db: SqlDb, table: string): Promise<string[]> {
  return (await db.all<{ name: string }>(`PRAGMA table_info(${ident(table)})`)).map((c) => c.name);
}

export async function countRows(db: SqlDb, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM ${ident(table)}`))[0]!.n);
  return counts;
}

export async function readSchemaVersion(db: SqlDb, tables: readonly string[]): Promise<string | null> {
  if (!tables.includes("d1_migrations")) return null;
  const [last] = await db.all<{ name: string }>("SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1");
  return last?.name ?? null;
}

/** The audit log's rows as the chain's verifier takes them (src/server/db/audit.ts reads them the same way). */
export async function readAuditRows(db: SqlDb, tables: readonly string[]): Promise<StoredChainRow[]> {
  if (!tables.includes("audit_log")) return [];
  const rows = await db.all<Record<string, string | number | null>>("SELECT * FROM audit_log ORDER BY seq");
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: String(r.at),
    actor: String(r.actor),
    action: String(r.action),
    targetType: r.target_type === null ? null : String(r.target_type),
    targetId: r.target_id === null ? null : String(r.target_id),
    detail: r.detail === null ? null : String(r.detail),
    prevHash: r.prev_hash === null ? null : String(r.prev_hash),
    hash: r.hash === null ? null : String(r.hash),
  }));
}

async function rowStatements(db: SqlDb, table: string): Promise<string[]> {
  const columns = await columnsOf(db, table);
  const values = columns.map((c) => `quote(${ident(c)})`).join(" || ',' || ");
  const rows = await db.all<{ v: string }>(`SELECT ${values} AS v FROM ${ident(table)} ORDER BY ${columns.map(ident).join(", ")}`);
  const into = `INSERT INTO ${ident(table)} (${columns.map(ident).join(", ")}) VALUES (`;
  return rows.map((r) => `${into}${literalOnOneLine(r.v)});`);
}

/** The backup file and its manifest. */
export async function dumpDatabase(db: SqlDb): Promise<{ sql: string; manifest: Manifest }> {
  const schema = await readSchema(db);
  const tables = schema.filter((o) => o.type === "table").map((o) => o.name);
  const statements: string[] = ["PRAGMA defer_foreign_keys = ON;"];
  for (const o of schema.filter((o) => o.type === "table")) statements.push(`${oneLine(o.sql)};`);
  for (const table of tables) statements.push(...(await rowStatements(db, table)));
  for (const o of schema.filter((o) => o.type !== "table")) statements.push(`${oneLine(o.sql)};`);
  const sql = `${HEADER}\n${statements.join("\n")}\n${END(statements.length)}\n`;
  const chain = await verifyChain(await readAuditRows(db, tables));
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    schemaVersion: await readSchemaVersion(db, tables),
    tables: await countRows(db, tables),
    auditChain: { ...chain.head, whole: chain.ok },
    statements: statements.length,
    bytes: new TextEncoder().encode(sql).length,
    sha256: await sha256Hex(sql),
  };
  return { sql, manifest };
}
