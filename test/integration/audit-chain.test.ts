// The audit log through the real Worker and a real local D1: it cannot be
// written over (the INSERT OR REPLACE, and its cousins), every row
// the console writes extends the hash chain (src/lib/audit/chain.ts), two HR
// writes racing for the same place both land on one chain, the head is
// public on GET /api/read-log and /results/access/, and a log cut short (a
// Time Travel restore) or rewritten shows against a head recorded before.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { GENESIS, verifyChain, type ChainHead } from "#lib/audit/chain.ts";
import { pinnedClock } from "#lib/clock.ts";
import { answerIdea } from "#server/admin-ideas.ts";
import { appendAudit, readChainRows } from "#server/db/audit.ts";
import { createTokens, withdrawTokens } from "#server/db/tokens.ts";
import { findSurvey } from "#lib/surveys/registry.ts";
import { readLog, renderReadLog } from "#server/read-log.ts";
import { api, expectError } from "./helpers.ts";
import { clearIdeas, submit } from "./ideas-fixtures.ts";

const TODAY = env.CANDOR_TODAY;
const ADMIN = { Authorization: `Bearer ${env.ADMIN_TOKEN}` };
const CAREER = "supervisor-career-2026";
const now = () => pinnedClock(TODAY).now();

/** An idea received two days ago, so HR sees it (the console shows ideas from before today). */
async function idea(): Promise<string> {
  const { id } = await submit();
  await env.DB.prepare("UPDATE ideas SET received_on = '2026-11-28' WHERE id = ?1").bind(id).run();
  await env.DB.prepare("UPDATE idea_status_history SET on_day = '2026-11-28' WHERE idea_id = ?1").bind(id).run();
  return id;
}

const head = async (): Promise<ChainHead> => {
  const { body } = await api("/api/read-log");
  return { count: body.chain.count, head: body.chain.head };
};

/** `env` whose DB runs `meanwhile` just before the next batch it is asked to run, once; it counts the batches the database refused. */
function racing(meanwhile: (db: D1Database) => Promise<unknown>): { DB: D1Database; batches: number; refused: number } {
  const state = { DB: env.DB, batches: 0, refused: 0 };
  let done = false;
  state.DB = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "batch")
        return async (statements: D1PreparedStatement[]) => {
          state.batches++;
          if (!done) {
            done = true;
            await meanwhile(target);
          }
          try {
            return await target.batch(statements);
          } catch (err) {
            state.refused++;
            throw err;
          }
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return state;
}

beforeEach(clearIdeas);

describe("the audit log cannot be written over", () => {
  it("refuses the issue's INSERT OR REPLACE of row 1, REPLACE INTO, INSERT OR IGNORE and UPSERT: row 1 stays as it was", async () => {
    const id = await idea();
    expect(
      (
        await api(`/api/admin/ideas/${id}/messages`, {
          method: "POST",
          json: { visibility: "private", body: "On record." },
          headers: ADMIN,
        })
      ).status,
    ).toBe(201);
    const first = await env.DB.prepare("SELECT * FROM audit_log ORDER BY id LIMIT 1").first<{ id: number }>();
    const before = await env.DB.prepare("SELECT * FROM audit_log ORDER BY id").all();
    for (const sql of [
      "INSERT OR REPLACE INTO audit_log (id, at, actor, action, target_type, target_id, detail) VALUES (?1, '2026-01-01T00:00:00.000Z', 'nobody', 'idea.answer', 'idea', 'forged', NULL)",
      "REPLACE INTO audit_log (id, at, actor, action, target_type, target_id, detail) VALUES (?1, '2026-01-01T00:00:00.000Z', 'nobody', 'idea.answer', 'idea', 'forged', NULL)",
      "INSERT OR IGNORE INTO audit_log (id, at, actor, action, target_type, target_id, detail) VALUES (?1, '2026-01-01T00:00:00.000Z', 'nobody', 'idea.answer', 'idea', 'forged', NULL)",
      "INSERT INTO audit_log (id, at, actor, action, target_type, target_id, detail) VALUES (?1, '2026-01-01T00:00:00.000Z', 'nobody', 'idea.answer', 'idea', 'forged', NULL) ON CONFLICT(id) DO UPDATE SET actor = 'nobody'",
      "INSERT INTO audit_log (id, at, actor, action, target_type, target_id, detail) VALUES (?1, '2026-01-01T00:00:00.000Z', 'nobody', 'idea.answer', 'idea', 'forged', NULL) ON CONFLICT DO NOTHING",
    ]) {
      await expect(env.DB.prepare(sql).bind(first!.id).run(), sql.slice(0, 40)).rejects.toThrow(/audit_log_is_append_only/);
    }
    expect((await env.DB.prepare("SELECT * FROM audit_log ORDER BY id").all()).results).toEqual(before.results);
  });

  it("refuses a row out of the chain: no place, the wrong place, the wrong link, no hash", async () => {
    await appendAudit(env, { at: now().toISOString(), actor: "hr@example.org", action: "idea.status", targetType: "idea", targetId: "x" });
    const { count, head: last } = await head();
    const insert = (seq: number | null, prev: string | null, hash: string | null) =>
      env.DB.prepare(
        "INSERT INTO audit_log (seq, prev_hash, hash, at, actor, action, target_type, target_id, detail) VALUES (?1, ?2, ?3, '2026-11-30T09:00:00.000Z', 'nobody', 'idea.status', 'idea', 'x', NULL)",
      )
        .bind(seq, prev, hash)
        .run();
    for (const [seq, prev, hash] of [
      [null, last, GENESIS],
      [count + 2, last, GENESIS],
      [count, last, GENESIS],
      [count + 1, GENESIS, GENESIS],
      [count + 1, last, null],
      [count + 1, null, GENESIS],
    ] as const) {
      await expect(insert(seq, prev, hash)).rejects.toThrow(/audit_chain_conflict|UNIQUE/);
    }
    expect(await head()).toEqual({ count, head: last });
  });
});

describe("the hash chain", () => {
  it("every row the console writes extends it: answers, changes, codes made and withdrawn, reads; the verifier finds it whole", async () => {
    const id = await idea();
    const before = await head();
    expect(
      (await api(`/api/admin/ideas/${id}/messages`, { method: "POST", json: { visibility: "private", body: "Thanks." }, headers: ADMIN }))
        .status,
    ).toBe(201);
    const current = (await api(`/api/admin/ideas/${id}`, { headers: ADMIN })).body.idea.version;
    expect(
      (await api(`/api/admin/ideas/${id}/status`, { method: "POST", json: { version: current, status: "planned" }, headers: ADMIN }))
        .status,
    ).toBe(200);
    expect(
      (
        await api(`/api/admin/ideas/${id}/reward`, {
          method: "PUT",
          json: { version: current + 1, rewarded: { note: "A day off" } },
          headers: ADMIN,
        })
      ).status,
    ).toBe(200);
    const made = await api<{ codes: string[] }>(`/api/admin/surveys/${CAREER}/tokens`, {
      method: "POST",
      json: { count: 3 },
      headers: ADMIN,
    });
    expect(made.status).toBe(201);
    const replaced = await api(`/api/admin/surveys/${CAREER}/tokens/replace`, {
      method: "POST",
      json: { code: made.body.codes[0] },
      headers: ADMIN,
    });
    expect(replaced.status).toBe(201);
    const withdrawn = await api(`/api/admin/surveys/${CAREER}/tokens`, { method: "DELETE", json: {}, headers: ADMIN });
    expect(withdrawn.status).toBe(200);
    const after = await head();
    // one answer, a status change and a reward in one batch, codes made, one code replaced, codes withdrawn
    expect(after.count).toBe(before.count + 6);
    expect((await readChainRows(env)).at(-2)!.action).toBe("survey.tokens.replace");
    const rows = await readChainRows(env);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(await verifyChain(rows, before)).toEqual({ ok: true, head: after, problems: [] });
    const last = rows.at(-1)!;
    expect(JSON.parse(last.detail!)).toMatchObject({ one: false, count: withdrawn.body.withdrawn });
    // the API gives HR each row's place, link and hash
    const entry = (await api("/api/admin/audit?limit=1", { headers: ADMIN })).body.entries[0];
    expect(entry).toMatchObject({ seq: after.count, hash: after.head, prevHash: rows.at(-2)!.hash });
  });

  it("two HR writes that read the same head both land: the second, refused by the database, is built again on the new head", async () => {
    const id = await idea();
    const start = await head();
    // another HR person's read of comments lands between this answer's read of the head and its batch
    const race = racing((db) =>
      appendAudit(
        { DB: db },
        { at: now().toISOString(), actor: "other@example.org", action: "survey.comments.read", targetType: "survey", targetId: CAREER },
      ),
    );
    await answerIdea(race, { actor: "me@example.org" }, id, { visibility: "private", body: "Which team?" }, now());
    expect(race.refused).toBe(1); // refused once, then written
    const rows = await readChainRows(env);
    expect(rows.slice(start.count).map((r) => r.actor)).toEqual(["other@example.org", "me@example.org"]);
    expect(await verifyChain(rows, start)).toMatchObject({ ok: true, head: { count: start.count + 2 } });
    // the answer itself was written once
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM idea_messages WHERE idea_id = ?1").bind(id).first<{ n: number }>())!.n).toBe(1);
  });

  it("a withdrawal records how many codes went: a code withdrawn between the count and the UPDATE makes the batch count again", async () => {
    await withdrawTokens(env, CAREER, { actor: "setup", at: now().toISOString() });
    const created = await createTokens(env, findSurvey(CAREER)!, 4, { actor: "hr@example.org", at: now().toISOString() });
    if (created === "audience_reached") throw new Error("the audience should leave room for 4 codes");
    const race = racing((db) =>
      db
        .prepare(
          "UPDATE survey_tokens SET withdrawn = 1 WHERE token_hash = (SELECT token_hash FROM survey_tokens WHERE survey_id = ?1 AND withdrawn = 0 LIMIT 1)",
        )
        .bind(CAREER)
        .run(),
    );
    const withdrawn = await withdrawTokens(race, CAREER, { actor: "hr@example.org", at: now().toISOString() });
    expect(created.codes).toHaveLength(4);
    expect(withdrawn).toBe(3);
    expect(race.refused).toBe(1);
    const last = (await readChainRows(env)).at(-1)!;
    expect(JSON.parse(last.detail!)).toEqual({ one: false, count: 3 });
    expect((await verifyChain(await readChainRows(env))).ok).toBe(true);
  });
});

describe("the public head", () => {
  it("GET /api/read-log gives the count and the head, and with ?at=n the hash row n has now; /results/access/ shows both and how to check", async () => {
    await appendAudit(env, {
      at: now().toISOString(),
      actor: "hr@example.org",
      action: "survey.comments.read",
      targetType: "survey",
      targetId: CAREER,
    });
    const res = await api("/api/read-log");
    expect(res.status).toBe(200);
    const rows = await readChainRows(env);
    expect(res.body.chain).toEqual({ count: rows.length, head: rows.at(-1)!.hash });
    const at = await api(`/api/read-log?at=${rows.length - 1}`);
    expect(at.body.chain.at).toEqual({ seq: rows.length - 1, hash: rows.at(-2)!.hash });
    expect((await api(`/api/read-log?at=${rows.length + 5}`)).body.chain.at).toEqual({ seq: rows.length + 5, hash: null });
    for (const q of ["at=0", "at=-1", "at=x", "at=1.5", "at=1&x=1"]) expectError(await api(`/api/read-log?${q}`), 422, "validation_failed");
    const html = renderReadLog(await readLog(env), "en");
    expect(html).toContain(`<dd data-chain-count>${rows.length}</dd>`);
    expect(html).toContain(`<code data-chain-head>${rows.at(-1)!.hash}</code>`);
    expect(html).toContain(`<code>/api/read-log?at=${rows.length}</code>`);
    expect(renderReadLog(await readLog(env), "zh-cn")).toContain("核对这份记录是否完整");
  });

  // Last in this file: it takes the database's own protections away, as someone with the database in hand could.
  it("a log cut short (a Time Travel restore to an earlier minute) or rewritten shows against a head recorded before", async () => {
    for (let i = 0; i < 3; i++)
      await appendAudit(env, {
        at: now().toISOString(),
        actor: `hr-${i}@example.org`,
        action: "idea.status",
        targetType: "idea",
        targetId: "x",
      });
    const recorded = await head();
    const triggers = (
      await env.DB.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all<{
        name: string;
        sql: string;
      }>()
    ).results;
    const unprotected = async (sql: string) => {
      await env.DB.batch([
        ...triggers.map((t) => env.DB.prepare(`DROP TRIGGER ${t.name}`)),
        env.DB.prepare(sql),
        ...triggers.map((t) => env.DB.prepare(t.sql)),
      ]);
    };
    // the last two rows gone, as a restore to before them would leave it: the chain that is left is whole, but shorter
    await unprotected(`DELETE FROM audit_log WHERE seq > ${recorded.count - 2}`);
    const restored = await api(`/api/read-log?at=${recorded.count}`);
    expect(restored.body.chain.count).toBe(recorded.count - 2);
    expect(restored.body.chain.at).toEqual({ seq: recorded.count, hash: null });
    expect((await verifyChain(await readChainRows(env))).ok).toBe(true);
    expect((await verifyChain(await readChainRows(env), recorded)).problems[0]).toMatch(/rows were removed from its end/);
    // new rows after the restore: as many rows as recorded again, but row n's hash is not the one recorded
    for (let i = 0; i < 2; i++)
      await appendAudit(env, {
        at: now().toISOString(),
        actor: "after-restore@example.org",
        action: "idea.status",
        targetType: "idea",
        targetId: "y",
      });
    const regrown = await api(`/api/read-log?at=${recorded.count}`);
    expect(regrown.body.chain.count).toBe(recorded.count);
    expect(regrown.body.chain.at.hash).not.toBe(recorded.head);
    // a row rewritten in place: the verifier names it
    await unprotected("UPDATE audit_log SET actor = 'nobody' WHERE seq = 1");
    expect((await verifyChain(await readChainRows(env))).problems).toEqual([
      "row 1 was changed after it was written: its content does not give its hash",
    ]);
  });
});
