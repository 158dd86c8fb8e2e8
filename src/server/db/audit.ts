// SQL for the HR audit log (table audit_log). Rows are only ever inserted:
// triggers refuse UPDATE and DELETE (migrations/0006). Inserts are returned as
// statements so each goes in the same batch as the change it records: a
// change that fails leaves no row, and no change happens without one.
import type { AuditAction, AuditEntry, TAuditQuery } from "../../lib/audit/model.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { Where } from "./where.ts";

type DbEnv = { DB: D1Database };

export interface AuditRecord {
  at: string;
  actor: string;
  action: AuditAction;
  targetType: "idea" | "survey";
  targetId: string;
  detail?: Record<string, unknown>;
}

interface AuditRow {
  id: number;
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
  return { id: row.id, at: row.at, actor: row.actor, action: row.action, targetType: row.target_type, targetId: row.target_id, detail };
}

export function auditStatement(env: DbEnv, record: AuditRecord): D1PreparedStatement {
  return env.DB.prepare("INSERT INTO audit_log (at, actor, action, target_type, target_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)").bind(
    record.at,
    record.actor,
    record.action,
    record.targetType,
    record.targetId,
    record.detail === undefined ? null : JSON.stringify(record.detail),
  );
}

/**
 * The audit row of a change made by the statement just before it in the same
 * batch, with `detail[countKey]` = how many rows that statement changed
 * (SQLite's changes(): the batch runs its statements in order on one
 * connection, so it is that statement's count).
 */
export function auditCountingStatement(env: DbEnv, record: AuditRecord, countKey: string): D1PreparedStatement {
  return env.DB.prepare(
    "INSERT INTO audit_log (at, actor, action, target_type, target_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, json_set(?6, '$.' || ?7, changes()))",
  ).bind(record.at, record.actor, record.action, record.targetType, record.targetId, JSON.stringify(record.detail ?? {}), countKey);
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
