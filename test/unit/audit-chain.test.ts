// The audit log's hash chain (src/lib/audit/chain.ts): the verifier finds a
// rewritten row, a removed row, a cut-off tail and a rehashed log against a
// recorded head; and migration 0014 on a database that already holds rows
// (node:sqlite, the migrations as D1 applies them) numbers them, refuses every
// way of replacing one, and lets the first chained row link to them.
import { readdirSync, readFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { GENESIS, canonicalRow, chainHashes, rowHash, verifyChain, type ChainRow, type StoredChainRow } from "#lib/audit/chain.ts";
import { sha256Hex } from "#lib/hex.ts";

const row = (seq: number, more: Partial<ChainRow> = {}): ChainRow => ({
  seq,
  at: `2026-11-${String(10 + seq).padStart(2, "0")}T09:${String(seq).padStart(2, "0")}:00.000Z`,
  actor: seq % 2 ? "hr@example.org" : "admin-token",
  action: seq % 3 ? "idea.answer" : "survey.comments.read",
  targetType: seq % 3 ? "idea" : "survey",
  targetId: `target-${seq}`,
  detail: seq % 2 ? JSON.stringify({ visibility: "private" }) : null,
  ...more,
});

/** A chain of n rows as the Worker writes it. */
async function chain(n: number): Promise<StoredChainRow[]> {
  const rows = Array.from({ length: n }, (_, i) => row(i + 1));
  const hashes = await chainHashes(GENESIS, rows);
  return rows.map((r, i) => ({ ...r, prevHash: i === 0 ? GENESIS : hashes[i - 1]!, hash: hashes[i]! }));
}

describe("the chain's hash", () => {
  it("is SHA-256 over the previous hash and the row's canonical encoding", async () => {
    const r = row(1);
    expect(canonicalRow(r)).toBe(
      '[1,"2026-11-11T09:01:00.000Z","hr@example.org","idea.answer","idea","target-1","{\\"visibility\\":\\"private\\"}"]',
    );
    expect(await rowHash(GENESIS, r)).toBe(await sha256Hex(GENESIS + canonicalRow(r)));
    // every field counts
    for (const change of [
      { seq: 2 },
      { at: "2026-11-11T09:01:01.000Z" },
      { actor: "x" },
      { action: "idea.status" },
      { targetId: "t" },
      { detail: null },
    ])
      expect(await rowHash(GENESIS, { ...r, ...change })).not.toBe(await rowHash(GENESIS, r));
    expect(await rowHash("f".repeat(64), r)).not.toBe(await rowHash(GENESIS, r));
  });
});

describe("verifyChain", () => {
  it("accepts an intact chain, and gives its head", async () => {
    const rows = await chain(6);
    expect(await verifyChain(rows)).toEqual({ ok: true, head: { count: 6, head: rows[5]!.hash }, problems: [] });
    expect(await verifyChain([...rows].reverse(), { count: 4, head: rows[3]!.hash! })).toMatchObject({ ok: true });
    expect(await verifyChain([])).toEqual({ ok: true, head: { count: 0, head: GENESIS }, problems: [] });
  });

  it("finds a rewritten row", async () => {
    const rows = await chain(6);
    rows[2] = { ...rows[2]!, actor: "someone-else" };
    expect((await verifyChain(rows)).problems).toEqual(["row 3 was changed after it was written: its content does not give its hash"]);
  });

  it("finds a removed row", async () => {
    const rows = await chain(6);
    expect((await verifyChain(rows.filter((r) => r.seq !== 4))).problems).toEqual(["row 4 is missing (the log jumps to row 5)"]);
    // renumbered after the removal, so no gap shows: the link to the row before breaks instead
    const renumbered = rows.filter((r) => r.seq !== 4).map((r) => (r.seq > 4 ? { ...r, seq: r.seq - 1 } : r));
    expect((await verifyChain(renumbered)).problems[0]).toMatch(/^row 4 /);
  });

  it("finds a cut-off tail (a restore to an earlier minute) only against a head recorded before: the shorter chain is intact in itself", async () => {
    const rows = await chain(8);
    const recorded = { count: 8, head: rows[7]!.hash! };
    const restored = rows.slice(0, 5);
    expect((await verifyChain(restored)).ok).toBe(true);
    expect((await verifyChain(restored, recorded)).problems).toEqual([
      "the log has 5 rows, but 8 were recorded earlier: rows were removed from its end (a restore to an earlier state looks like this)",
    ]);
    // new rows written after the restore make the log long again, but not through the recorded head
    const regrown = [...restored];
    let prev = restored[4]!.hash!;
    for (let seq = 6; seq <= 10; seq++) {
      const r = row(seq, { actor: "after-restore" });
      const hash = await rowHash(prev, r);
      regrown.push({ ...r, prevHash: prev, hash });
      prev = hash;
    }
    expect((await verifyChain(regrown)).ok).toBe(true);
    expect((await verifyChain(regrown, recorded)).problems).toEqual([
      "row 8 no longer has the hash recorded earlier: the log was rewritten up to there",
    ]);
  });

  it("finds a log rewritten and hashed again, against a recorded head", async () => {
    const rows = await chain(5);
    const recorded = { count: 5, head: rows[4]!.hash! };
    const forged = rows.map((r) => (r.seq === 2 ? { ...r, actor: "someone-else" } : r));
    const hashes = await chainHashes(GENESIS, forged);
    const rehashed = forged.map((r, i) => ({ ...r, prevHash: i === 0 ? GENESIS : hashes[i - 1]!, hash: hashes[i]! }));
    expect((await verifyChain(rehashed)).ok).toBe(true);
    expect((await verifyChain(rehashed, recorded)).ok).toBe(false);
  });

  it("computes the hashes of rows written before the chain, which may only come first", async () => {
    const rows = await chain(5);
    const legacy = rows.map((r) => (r.seq <= 3 ? { ...r, prevHash: null, hash: null } : r));
    expect(await verifyChain(legacy)).toEqual({ ok: true, head: { count: 5, head: rows[4]!.hash }, problems: [] });
    const late = rows.map((r) => (r.seq === 4 ? { ...r, prevHash: null, hash: null } : r));
    expect((await verifyChain(late)).problems).toEqual(["row 4 has no hash, after rows that have one"]);
  });
});

describe("migration 0014 on a log that already has rows", () => {
  const MIGRATIONS = new URL("../../migrations/", import.meta.url);
  const files = readdirSync(MIGRATIONS).sort();

  function database(): DatabaseSync {
    const db = new DatabaseSync(":memory:");
    for (const file of files) {
      if (file.startsWith("0014")) {
        // three rows written the way the console wrote them before
        for (const r of [row(1), row(2), row(3)])
          db.prepare("INSERT INTO audit_log (at, actor, action, target_type, target_id, detail) VALUES (?, ?, ?, ?, ?, ?)").run(
            r.at,
            r.actor,
            r.action,
            r.targetType,
            r.targetId,
            r.detail,
          );
      }
      db.exec(readFileSync(new URL(file, MIGRATIONS), "utf8"));
    }
    return db;
  }
  const stored = (db: DatabaseSync) =>
    (db.prepare("SELECT * FROM audit_log ORDER BY seq").all() as Record<string, never>[]).map((r): StoredChainRow => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      detail: r.detail,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  const insert = (db: DatabaseSync, r: ChainRow, prev: string | null, hash: string | null) =>
    db
      .prepare(
        "INSERT INTO audit_log (seq, prev_hash, hash, at, actor, action, target_type, target_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(r.seq, prev, hash, r.at, r.actor, r.action, r.targetType, r.targetId, r.detail);

  it("numbers the rows in the order they were written; the first chained row links to their computed hashes", async () => {
    const db = database();
    expect(
      db
        .prepare("SELECT id, seq, hash FROM audit_log ORDER BY id")
        .all()
        .map((r) => ({ ...r })),
    ).toEqual([
      { id: 1, seq: 1, hash: null },
      { id: 2, seq: 2, hash: null },
      { id: 3, seq: 3, hash: null },
    ]);
    const legacyHead = (await chainHashes(GENESIS, [row(1), row(2), row(3)]))[2]!;
    const next = row(4);
    expect(() => insert(db, next, null, GENESIS)).toThrow(/audit_chain_conflict/); // no link
    expect(() => insert(db, { ...next, seq: 5 }, legacyHead, GENESIS)).toThrow(/audit_chain_conflict/); // not the next place
    expect(() => insert(db, next, legacyHead, null)).toThrow(/audit_chain_conflict/); // no hash
    insert(db, next, legacyHead, await rowHash(legacyHead, next));
    const after = row(5);
    expect(() => insert(db, after, legacyHead, GENESIS)).toThrow(/audit_chain_conflict/); // linked to the wrong row
    insert(db, after, await rowHash(legacyHead, next), await rowHash(await rowHash(legacyHead, next), after));
    expect(await verifyChain(stored(db))).toMatchObject({ ok: true, head: { count: 5 } });
  });

  it("refuses every way of writing over a row: INSERT OR REPLACE (the issue's statement), REPLACE INTO, INSERT OR IGNORE, UPSERT", () => {
    const db = database();
    const before = stored(db);
    for (const sql of [
      "INSERT OR REPLACE INTO audit_log (id, at, actor, action, target_type, target_id, detail) VALUES (1, '2026-01-01T00:00:00Z', 'nobody', 'idea.answer', 'idea', 'x', NULL)",
      "REPLACE INTO audit_log (id, at, actor, action, target_type, target_id, detail) VALUES (1, '2026-01-01T00:00:00Z', 'nobody', 'idea.answer', 'idea', 'x', NULL)",
      "INSERT OR IGNORE INTO audit_log (id, at, actor, action) VALUES (1, '2026-01-01T00:00:00Z', 'nobody', 'idea.answer')",
      "INSERT INTO audit_log (id, at, actor, action) VALUES (1, '2026-01-01T00:00:00Z', 'nobody', 'idea.answer') ON CONFLICT(id) DO UPDATE SET actor = 'nobody'",
      "INSERT INTO audit_log (id, at, actor, action) VALUES (1, '2026-01-01T00:00:00Z', 'nobody', 'idea.answer') ON CONFLICT DO NOTHING",
      "INSERT OR REPLACE INTO audit_log (seq, prev_hash, hash, at, actor, action) VALUES (2, '" +
        GENESIS +
        "', '" +
        GENESIS +
        "', 'x', 'nobody', 'idea.answer')",
      "UPDATE audit_log SET actor = 'nobody' WHERE id = 1",
      "DELETE FROM audit_log WHERE id = 3",
    ])
      expect(() => db.exec(sql), sql).toThrow(/audit_log_is_append_only|audit_chain_conflict/);
    expect(stored(db)).toEqual(before);
  });
});
