// Loading a backup (./dump.ts) into an empty database, and proving it is the
// database that was backed up: the file is the one the manifest describes
// (length, SHA-256, header, the count on its last line), every statement
// loads under the schema's constraints, then every table holds the rows the
// manifest counted, no foreign key dangles, SQLite's own check passes, the
// schema is exactly the one the migrations build, and the audit log's hash
// chain is whole and ends at the manifest's head. Anything else is refused
// with what is wrong, and a load that fails its checks is taken out again:
// the database is left empty, never half restored.
import { verifyChain } from "#lib/audit/chain.ts";
import { sha256Hex } from "#lib/hex.ts";
import {
  BACKUP_FORMAT,
  countRows,
  END,
  HEADER,
  readAuditRows,
  readSchema,
  readSchemaVersion,
  schemaLines,
  type Manifest,
  type SqlDb,
} from "./dump.ts";
import { ident } from "./sql-text.ts";

export class BackupRefused extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`backup refused:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
    this.name = "BackupRefused";
  }
}

/** The manifest as JSON, checked field by field. */
export function parseManifest(text: string): Manifest {
  let m: Partial<Manifest>;
  try {
    m = JSON.parse(text) as Partial<Manifest>;
  } catch {
    throw new BackupRefused(["the manifest is not JSON"]);
  }
  const problems: string[] = [];
  if (m.format !== BACKUP_FORMAT) problems.push(`the manifest's format is ${JSON.stringify(m.format)}, not ${BACKUP_FORMAT}`);
  if (typeof m.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(m.sha256)) problems.push("the manifest has no SHA-256");
  if (!Number.isInteger(m.bytes) || !Number.isInteger(m.statements)) problems.push("the manifest has no length or statement count");
  if (typeof m.tables !== "object" || m.tables === null) problems.push("the manifest has no row counts");
  if (typeof m.auditChain?.head !== "string" || !Number.isInteger(m.auditChain?.count))
    problems.push("the manifest has no audit chain head");
  if (problems.length > 0) throw new BackupRefused(problems);
  return m as Manifest;
}

/** The file's statements, after checking it is whole and the one the manifest describes. */
export async function checkFile(sql: string, manifest: Manifest): Promise<string[]> {
  const problems: string[] = [];
  const bytes = new TextEncoder().encode(sql).length;
  if (bytes !== manifest.bytes) {
    problems.push(
      bytes < manifest.bytes
        ? `the file is truncated: ${bytes} bytes, the manifest says ${manifest.bytes}`
        : `the file is longer than the manifest says: ${bytes} bytes, not ${manifest.bytes}`,
    );
  }
  const lines = sql.split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (lines[0] !== HEADER) problems.push(`the file does not start with "${HEADER}"`);
  const statements = lines.filter((l) => !l.startsWith("--"));
  if (lines.at(-1) !== END(manifest.statements)) problems.push(`the file does not end with "${END(manifest.statements)}": it was cut off`);
  if (statements.length !== manifest.statements) {
    problems.push(`the file holds ${statements.length} statements, the manifest says ${manifest.statements}`);
  }
  if (problems.length === 0 && (await sha256Hex(sql)) !== manifest.sha256) {
    problems.push("the file's SHA-256 is not the manifest's: the file was changed after the backup");
  }
  if (problems.length > 0) throw new BackupRefused(problems);
  return statements;
}

/** Every table, index and trigger in the database, other than SQLite's and Cloudflare's own. */
async function userTables(db: SqlDb): Promise<string[]> {
  return (await readSchema(db)).filter((o) => o.type === "table").map((o) => o.name);
}

/** Drops everything a load created, children before parents, so the database is empty again. */
export async function emptyDatabase(db: SqlDb): Promise<void> {
  const schema = await readSchema(db);
  await db.runAll([
    "PRAGMA defer_foreign_keys = ON",
    ...schema.filter((o) => o.type === "trigger").map((o) => `DROP TRIGGER ${ident(o.name)}`),
    ...schema
      .filter((o) => o.type === "table")
      .reverse()
      .map((o) => `DROP TABLE ${ident(o.name)}`),
  ]);
}

export interface Verification {
  problems: string[];
  tables: Record<string, number>;
}

/**
 * Checks a loaded database against the manifest. `expectedSchema`, when
 * given, is the schema the migrations build (schemaLines of it): the
 * restored one must be the same, constraint by constraint and trigger by
 * trigger.
 */
export async function verifyDatabase(db: SqlDb, manifest: Manifest, expectedSchema?: readonly string[]): Promise<Verification> {
  const problems: string[] = [];
  const tables = await userTables(db);
  const counts = await countRows(db, tables);
  for (const [table, n] of Object.entries(manifest.tables)) {
    if (!(table in counts)) problems.push(`table ${table} is missing`);
    else if (counts[table] !== n) problems.push(`table ${table} has ${counts[table]} rows, the manifest says ${n}`);
  }
  for (const table of tables) if (!(table in manifest.tables)) problems.push(`table ${table} is not in the manifest`);
  const version = await readSchemaVersion(db, tables);
  if (version !== manifest.schemaVersion) problems.push(`the schema version is ${version}, the manifest says ${manifest.schemaVersion}`);
  const dangling = await db.all<{ table: string; parent: string }>("PRAGMA foreign_key_check");
  for (const d of dangling.slice(0, 5)) problems.push(`a row of ${d.table} refers to a row of ${d.parent} that is not there`);
  const [quick] = await db.all<{ quick_check: string }>("PRAGMA quick_check");
  if (quick?.quick_check !== "ok") problems.push(`SQLite's check failed: ${quick?.quick_check}`);
  if (expectedSchema) {
    const have = schemaLines(await readSchema(db));
    for (const line of expectedSchema)
      if (!have.includes(line)) problems.push(`the schema lacks what the migrations make: ${line.slice(0, 160)}`);
    for (const line of have)
      if (!expectedSchema.includes(line)) problems.push(`the schema has what the migrations do not make: ${line.slice(0, 160)}`);
  }
  const chain = await verifyChain(await readAuditRows(db, tables), manifest.auditChain);
  problems.push(...chain.problems.map((p) => `audit log: ${p}`));
  if (chain.ok && (chain.head.count !== manifest.auditChain.count || chain.head.head !== manifest.auditChain.head)) {
    problems.push(`audit log: the chain ends at row ${chain.head.count}, the manifest's head is row ${manifest.auditChain.count}`);
  }
  return { problems, tables: counts };
}

/**
 * Loads the backup into `db`, which must be empty, and verifies it. On any
 * problem the database is emptied again and BackupRefused says what was wrong.
 */
export async function restoreDatabase(
  db: SqlDb,
  sql: string,
  manifest: Manifest,
  expectedSchema?: readonly string[],
): Promise<Verification> {
  const statements = await checkFile(sql, manifest);
  const existing = await userTables(db);
  if (existing.length > 0) throw new BackupRefused([`the database is not empty: it has the tables ${existing.join(", ")}`]);
  try {
    await db.runAll(statements);
  } catch (err) {
    throw new BackupRefused([`a statement of the backup failed, nothing was loaded: ${String((err as Error)?.message ?? err)}`]);
  }
  const verification = await verifyDatabase(db, manifest, expectedSchema);
  if (verification.problems.length > 0) {
    await emptyDatabase(db);
    throw new BackupRefused(verification.problems);
  }
  return verification;
}
