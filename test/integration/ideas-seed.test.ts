// The demo ideas seeder (run by `npm start` against the local D1): idempotent,
// and an idea left half-written by an interrupted start is repaired, not skipped forever.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import seed, { demoIdeaId } from "../../scripts/seed/0200-ideas.ts";
import { addDays, pinnedClock } from "#lib/clock.ts";
import { clearIdeas, dumpIdeaTables } from "./ideas-fixtures.ts";

beforeEach(clearIdeas);

const clock = pinnedClock(env.CANDOR_TODAY);
const count = async (sql: string, id: string) => (await env.DB.prepare(sql).bind(id).first<{ n: number }>())!.n;

describe("demo ideas seeder", () => {
  it("writes twelve ideas once; a second run changes nothing", async () => {
    expect(await seed(env, clock)).toBe("12 demo ideas added (0 already there)");
    const first = await dumpIdeaTables();
    expect(await seed(env, clock)).toBe("0 demo ideas added (12 already there)");
    expect(await dumpIdeaTables()).toBe(first);
  });

  it("dates everything relative to the clock it is given, none after its today", async () => {
    const days = async () => {
      const rows = await env.DB.prepare(
        `SELECT received_on AS day FROM ideas UNION ALL SELECT on_day FROM idea_status_history
         UNION ALL SELECT on_day FROM idea_messages UNION ALL SELECT on_day FROM idea_supports ORDER BY day`,
      ).all<{ day: string }>();
      return rows.results.map((r) => r.day);
    };
    await seed(env, clock);
    const onPin = await days();
    expect(onPin.at(-1)! <= env.CANDOR_TODAY).toBe(true);
    await clearIdeas();
    await seed(env, pinnedClock(addDays(env.CANDOR_TODAY, 100)));
    expect(await days()).toEqual(onPin.map((day) => addDays(day, 100)));
  });

  it("rewrites an idea whose rows were only partly written", async () => {
    await seed(env, clock);
    const id = demoIdeaId(1);
    const messages = "SELECT COUNT(*) AS n FROM idea_messages WHERE idea_id = ?1";
    const history = "SELECT COUNT(*) AS n FROM idea_status_history WHERE idea_id = ?1";
    const full = { messages: await count(messages, id), history: await count(history, id) };
    expect(full.messages).toBeGreaterThan(0);
    // as if the start had stopped after the idea's first status change
    await env.DB.batch([
      env.DB.prepare("DELETE FROM idea_messages WHERE idea_id = ?1").bind(id),
      env.DB.prepare("DELETE FROM idea_status_history WHERE idea_id = ?1 AND seq > 2").bind(id),
    ]);
    expect(await seed(env, clock)).toBe("1 demo ideas added (11 already there, 1 half-written ones rewritten)");
    expect({ messages: await count(messages, id), history: await count(history, id) }).toEqual(full);
    expect(await count("SELECT COUNT(*) AS n FROM ideas WHERE id = ?1 AND published = 1 AND verdict = 'resolved'", id)).toBe(1);
    expect(await seed(env, clock)).toBe("0 demo ideas added (12 already there)");
  });

  it("writes HR's side through the console's service: every demo HR action is in the audit log as actor demo, once", async () => {
    const mark = (await env.DB.prepare("SELECT COALESCE(MAX(id), 0) AS n FROM audit_log").first<{ n: number }>())!.n;
    await seed(env, clock);
    const rows = (
      await env.DB.prepare("SELECT actor, action, target_id FROM audit_log WHERE id > ?1")
        .bind(mark)
        .all<{ actor: string; action: string; target_id: string }>()
    ).results;
    expect(new Set(rows.map((r) => r.actor))).toEqual(new Set(["demo"]));
    const hr = await env.DB.batch([
      env.DB.prepare("SELECT COUNT(*) AS n FROM idea_messages WHERE author = 'hr'"),
      env.DB.prepare("SELECT COUNT(*) AS n FROM idea_status_history WHERE status <> 'received'"),
      env.DB.prepare("SELECT COUNT(*) AS n FROM ideas WHERE published = 1"),
      env.DB.prepare("SELECT COUNT(*) AS n FROM ideas WHERE rewarded = 1 AND reward_note IS NOT NULL"),
    ]);
    const [answers, moves, published, rewarded] = hr.map((r) => (r.results[0] as { n: number }).n);
    const byAction = (a: string) => rows.filter((r) => r.action === a).length;
    expect(byAction("idea.answer")).toBe(answers);
    expect(byAction("idea.status")).toBe(moves);
    expect(byAction("idea.publish")).toBe(published);
    expect(byAction("idea.reward")).toBe(rewarded);
    expect(rewarded).toBe(1);
    expect(byAction("idea.duplicate")).toBe(1);
    await seed(env, clock);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE id > ?1").bind(mark).first<{ n: number }>())!.n).toBe(
      rows.length,
    );
  });
});
