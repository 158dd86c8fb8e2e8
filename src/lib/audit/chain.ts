// The audit log as a hash chain. Row n stores its sequence number, the hash
// of row n−1 and its own hash: SHA-256 over (the previous hash ‖ the row's
// canonical encoding). Changing a row changes its hash and breaks the link
// to the next; removing one leaves a gap; cutting the tail off (a database
// restored to an earlier minute) leaves a shorter chain whose head is not
// the head someone recorded earlier. The head — how many rows and the last
// hash — is public (/results/access/, GET /api/read-log), so anyone can
// record it and check later that the chain still reaches it.
//
// Pure and dependency-free: the Worker computes the hashes with it when it
// appends (src/server/db/audit.ts), and anyone holding the rows can check
// them with verifyChain.
import { sha256Hex } from "../hex.ts";

/** The "previous hash" of row 1. */
export const GENESIS = "0".repeat(64);

/** What a row's hash covers: everything HR's action left, in the order of the chain. */
export interface ChainRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** The detail exactly as stored (JSON text), or null. */
  detail: string | null;
}

/** A row as stored, with its link and hash (null on rows written before the chain, migration 0014). */
export interface StoredChainRow extends ChainRow {
  prevHash: string | null;
  hash: string | null;
}

/** The head of the chain: how many rows, and the hash of the last (GENESIS for an empty log). */
export interface ChainHead {
  count: number;
  head: string;
}

/** One line of JSON with the fields in a fixed order: the bytes a row's hash is taken over. */
export function canonicalRow(row: ChainRow): string {
  return JSON.stringify([row.seq, row.at, row.actor, row.action, row.targetType, row.targetId, row.detail]);
}

/** SHA-256 (hex) of the previous hash followed by the row's canonical encoding, in UTF-8. */
export function rowHash(prevHash: string, row: ChainRow): Promise<string> {
  return sha256Hex(prevHash + canonicalRow(row));
}

/** The hashes of `rows` (seq order) chained onto `prevHash`. */
export async function chainHashes(prevHash: string, rows: ChainRow[]): Promise<string[]> {
  const hashes: string[] = [];
  let prev = prevHash;
  for (const row of rows) {
    prev = await rowHash(prev, row);
    hashes.push(prev);
  }
  return hashes;
}

export interface ChainVerdict {
  ok: boolean;
  /** The head the rows themselves give. */
  head: ChainHead;
  problems: string[];
}

/**
 * Checks `rows` (the whole log, any order) as a chain: numbered 1, 2, 3…
 * without a gap, each linked to the hash before it, each hash the hash of
 * its row. Rows written before the chain existed (hash null) may only come
 * first; their hashes are computed as if stored, and the first stored link
 * must reach them. With `recorded` — a head someone noted earlier — the
 * chain must still hold that many rows and pass through that hash: a
 * shorter chain, or another hash at that row, means rows were removed or
 * rewritten since, whatever the hashes say now.
 */
export async function verifyChain(rows: StoredChainRow[], recorded?: ChainHead): Promise<ChainVerdict> {
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  const problems: string[] = [];
  let prev = GENESIS;
  let legacy = true;
  const hashAt = new Map<number, string>();
  for (let i = 0; i < sorted.length; i++) {
    const row = sorted[i]!;
    const expectedSeq = i + 1;
    if (row.seq !== expectedSeq) {
      problems.push(
        row.seq > expectedSeq
          ? `row ${expectedSeq}${row.seq - 1 > expectedSeq ? `–${row.seq - 1}` : ""} is missing (the log jumps to row ${row.seq})`
          : `row ${row.seq} appears twice`,
      );
      break;
    }
    const computed = await rowHash(prev, row);
    if (row.hash === null) {
      if (!legacy) {
        problems.push(`row ${row.seq} has no hash, after rows that have one`);
        break;
      }
    } else {
      legacy = false;
      if (row.prevHash !== prev) {
        problems.push(`row ${row.seq} does not link to row ${row.seq - 1}: a row before it was changed or removed`);
        break;
      }
      if (row.hash !== computed) {
        problems.push(`row ${row.seq} was changed after it was written: its content does not give its hash`);
        break;
      }
    }
    hashAt.set(row.seq, computed);
    prev = computed;
  }
  const head: ChainHead = { count: sorted.length, head: sorted.length === 0 ? GENESIS : (hashAt.get(sorted.length) ?? prev) };
  if (recorded && problems.length === 0) {
    if (sorted.length < recorded.count) {
      problems.push(
        `the log has ${sorted.length} rows, but ${recorded.count} were recorded earlier: rows were removed from its end (a restore to an earlier state looks like this)`,
      );
    } else if ((recorded.count === 0 ? GENESIS : hashAt.get(recorded.count)) !== recorded.head) {
      problems.push(`row ${recorded.count} no longer has the hash recorded earlier: the log was rewritten up to there`);
    }
  }
  return { ok: problems.length === 0, head, problems };
}
