// SQL for the HR audit log (table audit_log). Rows are only ever inserted:
// triggers refuse UPDATE, DELETE and an insert over an existing id
// (migrations 0006, 0014), and every row extends a hash chain
// (src/lib/audit/chain.ts) whose place, link and hash the database checks on
// insert. Each row goes in the same batch as the change it records
// (auditedBatch): a change that fails leaves no row, and no change happens
// without one.
import { chainHashes, GENESIS, type ChainHead, type ChainRow, type StoredChainRow } from "#lib/audit/chain.ts";
import type { AuditAction, AuditEntry, TAuditQuery } from "#lib/audit/model.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { HttpError } from "../http.ts";
import { Where } from "./where.ts";

type DbEnv = { DB: D1Database };

export interface AuditRecord {
  at: string;
  actor: string;
  action: AuditAction;
  targetType: "idea" | "survey" | "draft" | "retention";
  targetId: string;
  detail?: Record<string, unknown>;
}

interface AuditRow {
  id: number;
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
  at: string;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: string | null;
}

function rowToEntry(row: AuditRow): AuditEntry {
  let detail: Record<string, unknown> | null;
  try {
    detail = row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>);
  } catch {
    detail = { unparsed: row.detail };
  }
  return {
    id: row.id,
    seq: row.seq,
    prevHash: row.prev_hash,
    hash: row.hash,
    at: row.at,
    actor: row.actor,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    detail,
  };
}

function rowToChainRow(row: AuditRow): StoredChainRow {
  return {
    seq: row.seq!,
    at: row.at,
    actor: row.actor,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** One item of an audited batch: a statement of the change, or an audit row to append where it stands. */
export type BatchItem =
  | D1PreparedStatement
  | {
      audit: AuditRecord;
      /**
       * The row records how many rows the statement just before it changed
       * (detail.count, known beforehand): the row is only written if that
       * statement changed exactly this many (SQLite's changes()); otherwise
       * the batch fails and is built again from a fresh read.
       */
      changed?: number;
    };

/** The chain's head as stored: the last row's place and hash (for rows before the chain, computed from them). */
export async function readChainHead(env: DbEnv): Promise<ChainHead> {
  const last = await env.DB.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").first<{
    seq: number;
    hash: string | null;
  }>();
  if (!last) return { count: 0, head: GENESIS };
  if (last.hash !== null) return { count: last.seq, head: last.hash };
  // only rows written before the chain (migration 0014): their hashes, computed as the verifier does
  const legacy = await readChainRows(env);
  const hashes = await chainHashes(GENESIS, legacy);
  return { count: legacy.length, head: hashes.at(-1)! };
}

/** Every row of the log in chain order, as a verifier takes them (verifyChain). */
export async function readChainRows(env: DbEnv): Promise<StoredChainRow[]> {
  const { results } = await env.DB.prepare("SELECT * FROM audit_log ORDER BY seq").all<AuditRow>();
  return results.map(rowToChainRow);
}

/** The hash of row `seq`, or null when the log has no such row. */
export async function readChainHashAt(env: DbEnv, seq: number): Promise<string | null> {
  const row = await env.DB.prepare("SELECT hash FROM audit_log WHERE seq = ?1").bind(seq).first<{ hash: string | null }>();
  if (!row) return null;
  if (row.hash !== null) return row.hash;
  const legacy = (await readChainRows(env)).filter((r) => r.seq <= seq);
  return (await chainHashes(GENESIS, legacy)).at(-1)!;
}

const INSERT = `INSERT INTO audit_log (seq, prev_hash, hash, at, actor, action, target_type, target_id, detail)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`;
// the hash only if the statement before changed the expected number of rows: a NULL hash fails the chain trigger
const INSERT_COUNTED = `INSERT INTO audit_log (seq, prev_hash, hash, at, actor, action, target_type, target_id, detail)
  VALUES (?1, ?2, CASE WHEN changes() = ?10 THEN ?3 END, ?4, ?5, ?6, ?7, ?8, ?9)`;

/** Attempts at an audited batch before giving up: each failed one lost a race with another HR write. */
const ATTEMPTS = 6;

const isChainConflict = (err: unknown) => /audit_chain_conflict|UNIQUE constraint failed: audit_log\.seq/.test(String(err));

/**
 * Runs the statements and appends the audit rows, in the order given, as one
 * D1 batch: the rows extend the chain from the head read just before. When
 * another HR write took the next place first, the database refuses the
 * batch (the chain trigger, the unique place) and it is built again from a
 * fresh read — `build` is called again, so what it reads is read again too.
 * Returns the batch's results, one per item.
 */
export async function auditedBatch(env: DbEnv, build: () => BatchItem[] | Promise<BatchItem[]>): Promise<D1Result[]> {
  for (let attempt = 1; ; attempt++) {
    const items = await build();
    const head = await readChainHead(env);
    const records = items.flatMap((item) => ("audit" in item ? [item] : []));
    const rows: ChainRow[] = records.map(({ audit }, i) => ({
      seq: head.count + i + 1,
      at: audit.at,
      actor: audit.actor,
      action: audit.action,
      targetType: audit.targetType,
      targetId: audit.targetId,
      detail: audit.detail === undefined ? null : JSON.stringify(audit.detail),
    }));
    const hashes = await chainHashes(head.head, rows);
    let n = 0;
    const statements = items.map((item) => {
      if (!("audit" in item)) return item;
      const row = rows[n]!;
      const [prev, hash] = [n === 0 ? head.head : hashes[n - 1]!, hashes[n]!];
      n++;
      const values = [row.seq, prev, hash, row.at, row.actor, row.action, row.targetType, row.targetId, row.detail];
      return item.changed === undefined
        ? env.DB.prepare(INSERT).bind(...values)
        : env.DB.prepare(INSERT_COUNTED).bind(...values, item.changed);
    });
    try {
      return await env.DB.batch(statements);
    } catch (err) {
      if (!isChainConflict(err)) throw err;
      if (attempt >= ATTEMPTS) {
        throw new HttpError(503, "busy", "Too many HR changes at the same moment; try again.", { headers: { "Retry-After": "1" } });
      }
    }
  }
}

/** One audit row on its own (a change recorded elsewhere, or a test's fixture). */
export async function appendAudit(env: DbEnv, record: AuditRecord): Promise<void> {
  await auditedBatch(env, () => [{ audit: record }]);
}

/** The newest rows with one of `actions`, to the day: what the public list of HR's reads shows. */
export async function listActions(
  env: DbEnv,
  actions: readonly AuditAction[],
  limit: number,
): Promise<{ day: string; actor: string; action: AuditAction; targetId: string }[]> {
  const { results } = await env.DB.prepare(
    `SELECT substr(at, 1, 10) AS day, actor, action, target_id FROM audit_log
     WHERE action IN (SELECT value FROM json_each(?1)) ORDER BY at DESC, id DESC LIMIT ?2`,
  )
    .bind(JSON.stringify(actions), limit)
    .all<{ day: string; actor: string; action: AuditAction; target_id: string }>();
  return results.map((r) => ({ day: r.day, actor: r.actor, action: r.action, targetId: r.target_id }));
}

/** The retention runs' counts (action retention.delete), per day and kind, newest first, with the smallest per-survey count of the survey kinds. */
export async function listRetentionRuns(
  env: DbEnv,
  limit: number,
): Promise<{ day: string; kind: string; count: number; smallest: number | null }[]> {
  const { results } = await env.DB.prepare(
    `SELECT substr(at, 1, 10) AS day, target_id AS kind, SUM(json_extract(detail, '$.count')) AS count,
       MIN(json_extract(detail, '$.smallest')) AS smallest FROM audit_log
     WHERE action = 'retention.delete' GROUP BY day, kind ORDER BY day DESC, kind LIMIT ?1`,
  )
    .bind(limit)
    .all<{ day: string; kind: string; count: number; smallest: number | null }>();
  return results;
}

export const AUDIT_PAGE = 50;

/** Newest first (by time, then insertion), filtered, one page at a time. */
export async function listAudit(env: DbEnv, query: TAuditQuery): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
  const where = new Where();
  if (query.actor) where.add((n) => `actor = ?${n}`, query.actor);
  if (query.action) where.add((n) => `action = ?${n}`, query.action);
  if (query.target) where.add((n) => `target_id = ?${n}`, query.target);
  // `at` is an ISO timestamp: a day's rows sort between "day" and "day~"
  if (query.from) where.add((n) => `at >= ?${n}`, query.from);
  if (query.to) where.add((n) => `at < ?${n}`, `${query.to}~`);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ["s", "n"] as const);
    where.add((a, i) => `(at < ?${a} OR (at = ?${a} AND id < ?${i}))`, at, id);
  }
  const limit = query.limit ?? AUDIT_PAGE;
  const { results } = await env.DB.prepare(`SELECT * FROM audit_log ${where} ORDER BY at DESC, id DESC LIMIT ${limit + 1}`)
    .bind(...where.params)
    .all<AuditRow>();
  const entries = results.slice(0, limit).map(rowToEntry);
  const last = entries.at(-1);
  return { entries, nextCursor: results.length > limit && last ? encodeCursor([last.at, last.id]) : null };
}
