// HR sees employees' activity at the day boundary, not as it happens: an
// idea that arrived today, an author's reply or verdict given today change
// nothing HR's console shows until the next day (UTC, the pinned clock), so
// the moment HR looks says nothing about when someone wrote. HR's own
// answers and changes show at once. "Tomorrow" is the pinned clock a day on,
// through the services (docs/clock.md); today is the Worker's own day.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { addDays, pinnedClock } from "#lib/clock.ts";
import { adminIdea, inbox } from "#server/admin-ideas.ts";
import { readAuthorSide } from "#server/db/ideas.ts";
import { api } from "./helpers.ts";
import { clearIdeas, freshIp, from, submit } from "./ideas-fixtures.ts";

const TODAY = env.CANDOR_TODAY;
const TOMORROW = addDays(TODAY, 1);
const ADMIN = { Authorization: `Bearer ${env.ADMIN_TOKEN}` };
const UNKNOWN = "00000000-0000-4000-8000-00000000abcd";
const get = (path: string) => api(path, { headers: ADMIN });
const tomorrow = () => pinnedClock(TOMORROW).now();

/** An idea received on `day` (a fixture write: submissions are stamped with the pinned day). */
async function receivedOn(day: string, overrides: Record<string, unknown> = {}) {
  const made = await submit(overrides);
  await env.DB.prepare("UPDATE ideas SET received_on = ?2 WHERE id = ?1").bind(made.id, day).run();
  await env.DB.prepare("UPDATE idea_status_history SET on_day = ?2 WHERE idea_id = ?1").bind(made.id, day).run();
  return made;
}
const author = (receipt: string, path: "messages" | "verdict", json: Record<string, unknown>) =>
  api(`/api/ideas/track/${path}`, { method: "POST", json: { receipt, ...json }, headers: from(freshIp()) });

/** Status and body of an answer, for "exactly as for an unknown id". */
const shape = (res: { status: number; body: unknown }) => ({ status: res.status, body: res.body });

beforeEach(clearIdeas);

describe("an idea that arrived today", () => {
  it("moves no count of the inbox (19 → 20 right after it arrived told HR when someone wrote); tomorrow it is there", async () => {
    for (let i = 0; i < 3; i++) await receivedOn("2026-11-20", { title: `Older idea ${i}` });
    const before = (await get("/api/admin/ideas")).body;
    const { id } = await submit({ title: "Sent just now" });
    const after = (await get("/api/admin/ideas")).body;
    expect(after).toEqual(before);
    expect(after.counts.total).toBe(3);
    for (const q of [`q=${id}`, `q=${encodeURIComponent("Sent just now")}`, "status=received", "overdue=false", "category=reward_policy"])
      expect((await get(`/api/admin/ideas?${q}`)).body.ideas.map((i: { id: string }) => i.id)).not.toContain(id);
    const next = await inbox(env, {}, tomorrow());
    expect(next.counts.total).toBe(4);
    expect(next.ideas.map((i) => i.id)).toContain(id);
  });

  it("is, to HR, exactly an unknown id: GET, every change, an answer and a duplicate link answer as for an id that does not exist", async () => {
    const { id } = await submit();
    const old = await receivedOn("2026-11-20");
    expect(shape(await get(`/api/admin/ideas/${id}`))).toEqual(shape(await get(`/api/admin/ideas/${UNKNOWN}`)));
    const intents: [string, "POST" | "PUT", unknown][] = [
      ["status", "POST", { version: 0, status: "under_review" }],
      ["duplicate", "PUT", { version: 0, duplicateOf: null }],
      ["publication", "PUT", { version: 0, publish: false }],
      ["reward", "PUT", { version: 0, rewarded: false }],
    ];
    for (const [route, method, json] of intents) {
      const send = (target: string) => api(`/api/admin/ideas/${target}/${route}`, { method, json, headers: ADMIN });
      expect(shape(await send(id))).toEqual(shape(await send(UNKNOWN)));
    }
    const patch = (target: string, json: unknown) => api(`/api/admin/ideas/${target}/duplicate`, { method: "PUT", json, headers: ADMIN });
    const answer = (target: string) =>
      api(`/api/admin/ideas/${target}/messages`, { method: "POST", json: { visibility: "private", body: "Hello" }, headers: ADMIN });
    expect(shape(await answer(id))).toEqual(shape(await answer(UNKNOWN)));
    expect((await get(`/api/admin/ideas/${id}`)).status).toBe(404);
    expect(shape(await patch(old.id, { version: 0, duplicateOf: id }))).toEqual(
      shape(await patch(old.id, { version: 0, duplicateOf: UNKNOWN })),
    );
    expect((await get(`/api/admin/audit?target=${id}`)).body.authorSide).toEqual([]);
    // nothing was written: the idea is as it arrived, and there is no audit row about it
    expect(await env.DB.prepare("SELECT status, version FROM ideas WHERE id = ?1").bind(id).first()).toEqual({
      status: "received",
      version: 0,
    });
    expect((await get(`/api/admin/audit?target=${id}`)).body.entries).toEqual([]);
    // tomorrow HR can open and answer it
    expect((await adminIdea(env, id, tomorrow())).id).toBe(id);
  });
});

describe("an author's reply and verdict given today", () => {
  it("change nothing HR sees today (the idea, the inbox, the author's side of the log); HR's own answer shows at once; tomorrow they are there", async () => {
    const { id, receipt } = await receivedOn("2026-11-20");
    expect(
      (
        await api(`/api/admin/ideas/${id}/messages`, {
          method: "POST",
          json: { visibility: "public", body: "Thanks — done." },
          headers: ADMIN,
        })
      ).status,
    ).toBe(201);
    // HR's own answer: at once
    const seen = (await get(`/api/admin/ideas/${id}`)).body.idea;
    expect(seen.messages.map((m: { from: string }) => m.from)).toEqual(["hr"]);
    const inboxToday = (await get("/api/admin/ideas")).body;
    expect(inboxToday.ideas[0]).toMatchObject({ id, awaitingReply: false, verdict: null });

    expect((await author(receipt, "messages", { body: "Thanks, but the night shift still waits." })).status).toBe(201);
    expect((await author(receipt, "verdict", { verdict: "not_resolved", comment: "Night shift." })).status).toBe(200);
    expect((await get(`/api/admin/ideas/${id}`)).body.idea).toEqual(seen);
    expect((await get("/api/admin/ideas")).body).toEqual(inboxToday);
    expect((await get("/api/admin/ideas?verdict=not_resolved")).body.ideas).toEqual([]);
    expect((await get(`/api/admin/audit?target=${id}`)).body.authorSide).toEqual([]);

    const next = await adminIdea(env, id, tomorrow());
    expect(next.messages.map((m) => m.from)).toEqual(["hr", "author"]);
    expect(next).toMatchObject({ verdict: "not_resolved", verdictComment: "Night shift.", verdictOn: TODAY });
    expect((await inbox(env, {}, tomorrow())).ideas[0]).toMatchObject({ id, awaitingReply: true, verdict: "not_resolved" });
    expect(await readAuthorSide(env, id, TOMORROW)).toEqual([
      { on: TODAY, kind: "verdict", verdict: "not_resolved" },
      { on: TODAY, kind: "reply" },
    ]);
  });

  it("a verdict changed today: HR and the board still show the one from before until tomorrow — it neither appears nor disappears today", async () => {
    const { id, receipt } = await receivedOn("2026-11-20");
    await api(`/api/admin/ideas/${id}/messages`, { method: "POST", json: { visibility: "public", body: "Done." }, headers: ADMIN });
    await api(`/api/admin/ideas/${id}/status`, { method: "POST", json: { version: 1, status: "done" }, headers: ADMIN });
    await api(`/api/admin/ideas/${id}/publication`, {
      method: "PUT",
      json: {
        version: 2,
        publish: { title: "Shared handover checklist", body: "A checklist for every handover between teams.", confirm: true },
      },
      headers: ADMIN,
    });
    // given yesterday (the author's side of a day that is over)
    await env.DB.prepare("UPDATE ideas SET verdict = 'resolved', verdict_comment = 'Works.', verdict_on = ?2 WHERE id = ?1")
      .bind(id, addDays(TODAY, -1))
      .run();
    const hrBefore = (await get(`/api/admin/ideas/${id}`)).body.idea;
    const boardBefore = (await api("/api/ideas")).body.ideas[0];
    expect(hrBefore).toMatchObject({ verdict: "resolved", verdictComment: "Works." });
    expect(boardBefore.verdict).toBe("resolved");
    // changed today, and changed again
    expect((await author(receipt, "verdict", { verdict: "not_resolved", comment: "Broke again." })).status).toBe(200);
    expect((await author(receipt, "verdict", { verdict: "not_resolved", comment: "Still broken." })).status).toBe(200);
    expect((await get(`/api/admin/ideas/${id}`)).body.idea).toEqual(hrBefore);
    expect((await api("/api/ideas")).body.ideas[0]).toEqual(boardBefore);
    expect((await get("/api/admin/ideas")).body.counts.contested).toBe(0);
    // the author's own tracking page shows what they said
    expect((await api("/api/ideas/track", { method: "POST", json: { receipt }, headers: from(freshIp()) })).body.idea.verdict).toBe(
      "not_resolved",
    );
    // tomorrow, the new one
    expect(await adminIdea(env, id, tomorrow())).toMatchObject({
      verdict: "not_resolved",
      verdictComment: "Still broken.",
      verdictOn: TODAY,
    });
    expect((await inbox(env, {}, tomorrow())).counts.contested).toBe(1);
  });
});
