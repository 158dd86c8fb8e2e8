import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { boardStats, insertIdea, listBoard, setVerdict } from "#server/db/ideas.ts";
import { addHrMessage, publishIdea, setRewarded, setStatus } from "../support/idea-writes.ts";
import { addDays } from "#lib/clock.ts";
import { HttpError } from "#server/http.ts";
import { adminIdea, inbox } from "#server/admin-ideas.ts";
import { board as boardData, supportIdea, trackIdea, withdrawSupport } from "#server/ideas.ts";
import { DEFAULT_LIMITS } from "#server/rate-limit.ts";
import { api, expectError } from "./helpers.ts";
import { SAMPLE, clearIdeas, dumpIdeaTables, freshIp, from, submit } from "./ideas-fixtures.ts";

beforeEach(clearIdeas);

const TODAY = env.CANDOR_TODAY; // the Worker's pinned day (vitest.config.ts)

const board = (query = "") => api(`/api/ideas${query}`);
const support = (id: string, token: unknown, ip = freshIp()) =>
  api(`/api/ideas/${id}/support`, { method: "POST", json: { token }, headers: from(ip) });
const withdraw = (id: string, token: unknown, ip = freshIp()) =>
  api(`/api/ideas/${id}/support`, { method: "DELETE", json: { token }, headers: from(ip) });
const token = () => crypto.randomUUID().replace(/-/g, "");
const supportRows = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM idea_supports").first<{ n: number }>())!.n;
/** `n` supports given on `day` (each from its own address and browser), through the service as a request of that day would. */
async function supportedOn(id: string, day: string, n: number) {
  for (let i = 0; i < n; i++) {
    await supportIdea(env, new Request("https://candor.test/", { headers: from(freshIp()) }), id, token(), new Date(`${day}T10:00:00Z`));
  }
}

async function published(overrides: Record<string, unknown> = {}, title = "Moderated title", day = "2026-11-20") {
  const idea = await submit(overrides);
  await publishIdea(env, idea.id, { title, body: `Moderated: ${title}`, day });
  return idea;
}

describe("GET /api/ideas", () => {
  it("lists published ideas only, with HR's moderated text, never the original", async () => {
    const hidden = await submit({ title: "Unpublished original title", body: "Unpublished original body text" });
    await submit({ title: "No consent original", body: "Never to be published, says the author.", publishConsent: false });
    const shown = await published(
      { title: "Original title with names", body: "Original body naming my supervisor" },
      "Clearer bonus rules",
    );
    await addHrMessage(env, shown.id, "public", "Agreed; the new rules are on the policy page.", "2026-11-22");
    await addHrMessage(env, shown.id, "private", "Private note for the author only.", "2026-11-21");
    await addHrMessage(env, hidden.id, "public", "A public answer on an unpublished idea.", "2026-11-22");
    await setStatus(env, shown.id, "planned", "2026-11-21", "Scheduled for Q1.");

    const res = await board();
    expect(res.status).toBe(200);
    expect(res.body.ideas).toEqual([
      {
        id: shown.id,
        category: "reward_policy",
        title: "Clearer bonus rules",
        body: "Moderated: Clearer bonus rules",
        status: "planned",
        publishedOn: "2026-11-20",
        rewarded: false,
        rewardNote: null,
        verdict: null,
        supportCount: 0,
        duplicateOf: null,
        history: [
          { status: "received", on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), note: null },
          { status: "planned", on: "2026-11-21", note: "Scheduled for Q1." },
        ],
        answers: [{ body: "Agreed; the new rules are on the policy page.", on: "2026-11-22" }],
      },
    ]);
    const text = JSON.stringify(res.body);
    for (const secret of [
      "Original title",
      "naming my supervisor",
      "Unpublished",
      "No consent",
      "Private note",
      "on an unpublished idea",
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("caps the list and says so with truncated, answers following the listed ideas", async () => {
    const ids: string[] = [];
    for (const [n, day] of [
      [1, "2026-11-20"],
      [2, "2026-11-21"],
      [3, "2026-11-22"],
    ] as const) {
      const { id } = await published({}, `Idea ${n}`, day);
      await addHrMessage(env, id, "public", `Answer ${n}`, day);
      ids.push(id);
    }
    expect((await board()).body.truncated).toBe(false);
    const capped = await listBoard(env, {}, { today: TODAY, stepK: 5 }, 2);
    expect(capped.truncated).toBe(true);
    expect(capped.ideas.map((i) => i.title)).toEqual(["Idea 3", "Idea 2"]);
    expect(capped.ideas.map((i) => i.answers.map((a) => a.body))).toEqual([["Answer 3"], ["Answer 2"]]);
    const exact = await listBoard(env, {}, { today: TODAY, stepK: 5 }, 3);
    expect(exact.truncated).toBe(false);
    expect(exact.ideas).toHaveLength(3);
    // the cap follows the filter and the order
    const bySupport = await listBoard(env, { sort: "support" }, { today: TODAY, stepK: 5 }, 1);
    expect(bySupport).toMatchObject({ truncated: true, ideas: [{ title: "Idea 3" }] });
  });

  it("cannot publish an idea whose author did not consent (the database refuses)", async () => {
    const { id } = await submit({ publishConsent: false });
    await expect(publishIdea(env, id, { title: "t", body: "b", day: "2026-11-20" })).rejects.toThrow(/CHECK constraint/);
    expect((await board()).body.ideas).toEqual([]);
  });

  it("shows the author's verdict beside HR's status and highlights rewarded ideas, without the verdict comment", async () => {
    const { id } = await published();
    await setStatus(env, id, "done", "2026-11-25");
    await setVerdict(env, id, "not_resolved", "Still waiting for the Q2 numbers.", "2026-11-26");
    await setRewarded(env, id, true);
    const [idea] = (await board()).body.ideas;
    expect(idea).toMatchObject({ status: "done", verdict: "not_resolved", rewarded: true });
    expect(JSON.stringify(idea)).not.toContain("Q2 numbers");
  });

  it("filters by status and category, and sorts by the published support count", async () => {
    const a = await published({ category: "training" }, "A training idea", "2026-11-20");
    const b = await published({ category: "tools" }, "A tools idea", "2026-11-21");
    const c = await published({ category: "tools" }, "Another tools idea", "2026-11-22");
    await supportedOn(a.id, "2026-11-23", 6);
    await supportedOn(b.id, "2026-11-23", 5);
    // today's supports are in no published count yet, so they cannot reorder the board either
    for (let i = 0; i < 4; i++) expect((await support(c.id, token())).status).toBe(201);
    await setStatus(env, b.id, "done", "2026-11-23");

    const titles = async (q: string) => ((await board(q)).body.ideas as { title: string }[]).map((i) => i.title);
    expect(await titles("")).toEqual(["Another tools idea", "A tools idea", "A training idea"]);
    expect(await titles("?sort=support")).toEqual(["A training idea", "A tools idea", "Another tools idea"]);
    expect(((await board("?sort=support")).body.ideas as { supportCount: number }[]).map((i) => i.supportCount)).toEqual([6, 5, 0]);
    expect(await titles("?category=tools")).toEqual(["Another tools idea", "A tools idea"]);
    expect(await titles("?status=done")).toEqual(["A tools idea"]);
    expect(await titles("?status=done&category=training")).toEqual([]);
    expect(await titles("?status=&category=")).toHaveLength(3);
  });

  it("422 for unknown filter values or parameters", async () => {
    expect(Object.keys(expectError(await board("?status=archived"), 422, "validation_failed").fields!)).toEqual(["status"]);
    expect(Object.keys(expectError(await board("?category=salary"), 422, "validation_failed").fields!)).toEqual(["category"]);
    expect(Object.keys(expectError(await board("?sort=random&x=1"), 422, "validation_failed").fields!).sort()).toEqual(["sort", "x"]);
    expectError(await board("?status=%3Cscript%3E'%3B%20DROP%20TABLE%20ideas%3B--"), 422, "validation_failed");
    expect((await board()).status).toBe(200);
  });

  it("returns hostile moderated text verbatim as JSON text", async () => {
    const hostile = `<script>alert(1)</script>'; DROP TABLE ideas;-- \u0000\u202E\u200B`;
    const { id } = await submit();
    await publishIdea(env, id, { title: hostile, body: hostile, day: "2026-11-20" });
    const res = await board();
    expect(res.headers.get("Content-Type")).toContain("application/json");
    expect(res.body.ideas[0].title).toBe(hostile);
    expect(res.body.ideas[0].body).toBe(hostile);
  });
});

describe("board figures (computed in SQL)", () => {
  async function idea(receivedOn: string, n: number) {
    const id = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    const input = { ...SAMPLE, category: "process" as const };
    await insertIdea(env, { id, receiptHash: n.toString(16).padStart(64, "0"), input, day: receivedOn });
    return id;
  }

  it("counts received, acknowledged within the promise, median days to first answer and resolved share", async () => {
    // six ideas; today is 2026-11-30, promise 7 days
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await idea(`2026-11-0${i + 1}`, i + 1));
    // 1: answered after 2 days (ack in time); 2: status move after 3 days, answer after 9; 3: answer after 10 (late)
    await addHrMessage(env, ids[0]!, "private", "a", "2026-11-03");
    await setStatus(env, ids[1]!, "under_review", "2026-11-05");
    await addHrMessage(env, ids[1]!, "public", "b", "2026-11-11");
    await addHrMessage(env, ids[2]!, "public", "c", "2026-11-13");
    // 4: answered after 1 day; 5: after 4 days; 6: never acknowledged (overdue)
    await addHrMessage(env, ids[3]!, "public", "d", "2026-11-05");
    await addHrMessage(env, ids[4]!, "public", "e", "2026-11-09");
    for (const [i, v] of [
      [0, "resolved"],
      [1, "resolved"],
      [2, "not_resolved"],
      [3, "resolved"],
      [4, "resolved"],
    ] as const) {
      await publishIdea(env, ids[i]!, { title: `Idea ${i}`, body: "Moderated.", day: "2026-11-15" });
      await setVerdict(env, ids[i]!, v, null, "2026-11-20");
    }
    const options = { today: "2026-11-30", ackPromiseDays: 7, minGroupSize: 5, stepK: 3 };
    const stats = await boardStats(env, options);
    expect(stats).toEqual({
      received: 6, // steps of 3 over past days: 11-01…03, 11-04…06
      receivedUpTo: "2026-11-06",
      ackPromiseDays: 7,
      ackDue: 6,
      ackWithinPromise: 4, // ideas 1, 2, 4, 5
      ackShare: 4 / 6,
      answered: 5,
      medianDaysToFirstAnswer: 4, // days 2, 9, 10, 1, 4 → sorted 1 2 4 9 10
      verdicts: 5,
      resolved: 4,
      resolvedShare: 4 / 5,
      minGroupSize: 5,
    });
    // a longer promise counts idea 3 (10 days) in time; a shorter one fewer
    expect((await boardStats(env, { ...options, ackPromiseDays: 10 })).ackWithinPromise).toBe(5);
    expect((await boardStats(env, { ...options, ackPromiseDays: 2 })).ackWithinPromise).toBe(2);
    // even count of answers: the median is the mean of the middle two
    await addHrMessage(env, ids[5]!, "public", "f", "2026-11-26"); // 20 days
    expect((await boardStats(env, options)).medianDaysToFirstAnswer).toBe(6.5);
  });

  it("counts verdicts over published ideas only: totals minus the listed verdicts give no unpublished idea's verdict", async () => {
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push(await idea(`2026-11-${String(i + 1).padStart(2, "0")}`, i + 1));
    for (const [i, v] of ids.entries()) {
      if (i < 5) await publishIdea(env, v, { title: `Idea ${i}`, body: "Moderated.", day: "2026-11-15" });
      await setVerdict(env, v, i === 7 ? "not_resolved" : "resolved", null, "2026-11-20");
    }
    const stats = await boardStats(env, { today: "2026-11-30", ackPromiseDays: 7, minGroupSize: 5, stepK: 5 });
    expect([stats.received, stats.verdicts, stats.resolved]).toEqual([10, 5, 5]);
  });

  it("puts every figure on one base, the ideas received up to the last step: none counts an idea after it or today's", async () => {
    const options = { today: "2026-11-30", ackPromiseDays: 7, minGroupSize: 5, stepK: 5 };
    const days = ["2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", "2026-11-14"]; // a step, due since 11-22
    days.push("2026-11-20", "2026-11-20", "2026-11-21", "2026-11-23", "2026-11-24"); // a step, due from 12-02
    days.push("2026-11-27", "2026-11-28"); // not yet a step
    const ids = [];
    for (const [n, day] of days.entries()) ids.push(await idea(day, n + 1));
    ids.push(await idea(options.today, 99)); // today's: never counted
    // HR acknowledges the first step's ideas 1-4 in time, 5 late; answers one of the second step, and ideas after the base
    for (const i of [0, 1, 2, 3]) await addHrMessage(env, ids[i]!, "public", "Thanks.", addDays(days[i]!, 2));
    await setStatus(env, ids[4]!, "under_review", "2026-11-25");
    await addHrMessage(env, ids[5]!, "public", "Thanks.", "2026-11-21");
    await addHrMessage(env, ids[10]!, "public", "Thanks.", "2026-11-29");
    await setStatus(env, ids[11]!, "under_review", "2026-11-29");
    // verdicts on published ideas of the base, and one on an idea after it
    for (const i of [0, 1, 2, 3, 5, 10]) {
      await publishIdea(env, ids[i]!, { title: `Idea ${i}`, body: "Moderated.", day: "2026-11-25" });
      await setVerdict(env, ids[i]!, i === 3 ? "not_resolved" : "resolved", null, "2026-11-26");
    }
    expect(await boardStats(env, options)).toEqual({
      received: 10,
      receivedUpTo: "2026-11-24",
      ackPromiseDays: 7,
      ackDue: 5, // the first step; the second is inside its window until 12-02
      ackWithinPromise: 4,
      ackShare: 4 / 5,
      answered: 5, // ideas 1-4 and 6; not idea 11, after the base
      medianDaysToFirstAnswer: 2, // 2, 2, 2, 2, 1
      verdicts: 5, // not idea 11's
      resolved: 4,
      resolvedShare: 4 / 5,
      minGroupSize: 5,
    });
  });

  it("moves no figure about arrivals by less than a step, day after day (an overdue count would tell how many ideas arrived on a day)", async () => {
    const k = 5;
    // arrivals over a fortnight, two or three a day; none acknowledged, so each becomes overdue in turn
    const arrivals = ["2026-11-02", "2026-11-02", "2026-11-03", "2026-11-03", "2026-11-03", "2026-11-05", "2026-11-06"];
    arrivals.push("2026-11-06", "2026-11-06", "2026-11-09", "2026-11-10", "2026-11-10", "2026-11-12");
    for (const [n, day] of arrivals.entries()) await idea(day, n + 1);
    const read = (today: string) => boardStats(env, { today, ackPromiseDays: 7, minGroupSize: k, stepK: k });
    let before = await read("2026-11-02");
    for (let today = "2026-11-03"; today <= "2026-12-01"; today = addDays(today, 1)) {
      const now = await read(today);
      for (const key of ["received", "ackDue", "verdicts"] as const) {
        const moved = Math.abs(now[key] - before[key]);
        expect(moved === 0 || moved >= k, `${key} on ${today}: ${before[key]} → ${now[key]}`).toBe(true);
      }
      expect(now.ackDue).toBeLessThanOrEqual(now.received);
      expect(now.answered).toBeLessThanOrEqual(now.received);
      before = now;
    }
    // by then every step is due: the base and the ideas due are the same ten
    expect([before.received, before.ackDue, before.ackWithinPromise]).toEqual([10, 10, 0]);
  });

  it("takes the promised number of days and k from configuration, and keeps the k it first published with", async () => {
    const id = await idea("2026-11-20", 1);
    await addHrMessage(env, id, "public", "x", "2026-11-24"); // 4 days
    const strict = await boardData({ ...env, ACK_PROMISE_DAYS: "3", MIN_GROUP_SIZE: "3" }, {}, new Date("2026-11-30T12:00:00Z"));
    expect(strict.stats).toMatchObject({ ackPromiseDays: 3, minGroupSize: 3, received: 0, ackDue: 0, ackWithinPromise: null });
    const lenient = await boardData({ ...env, ACK_PROMISE_DAYS: "5" }, {}, new Date("2026-11-30T12:00:00Z"));
    expect(lenient.stats.ackPromiseDays).toBe(5);
    // with three ideas, the steps cut with the first k (3) show them, whatever k is now
    await idea("2026-11-21", 2);
    await idea("2026-11-22", 3);
    expect((await boardData({ ...env, MIN_GROUP_SIZE: "7" }, {}, new Date("2026-11-30T12:00:00Z"))).stats.received).toBe(3);
    const shown = await boardData({ ...env, ACK_PROMISE_DAYS: "5", MIN_GROUP_SIZE: "1" }, {}, new Date("2026-11-30T12:00:00Z"));
    expect(shown.stats).toMatchObject({ minGroupSize: 3, ackDue: 3, ackWithinPromise: 1, ackShare: 1 / 3 });
  });

  it("is no clock for anyone's idea: today's ideas and verdicts are not counted, and no poll sees a move of fewer than k", async () => {
    const read = async () => (await board()).body.stats as { received: number; verdicts: number };
    for (let i = 0; i < 6; i++) {
      await submit();
      expect((await read()).received).toBe(0);
    }
    const { id } = await published({}, "Published today");
    await addHrMessage(env, id, "public", "Answer", TODAY);
    const { receipt } = await submit();
    void receipt;
    // a verdict given today shows neither in the totals nor on the idea's card until tomorrow
    await setVerdict(env, id, "resolved", null, TODAY);
    expect((await read()).verdicts).toBe(0);
    expect((await board()).body.ideas.find((i: { id: string }) => i.id === id).verdict).toBeNull();
  });
});

describe("POST /api/ideas/{id}/support", () => {
  it('caps "me too" per address, idea and day at a handful (5), so fresh browser tokens cannot inflate one idea', async () => {
    expect(DEFAULT_LIMITS.idea_support_per_idea).toEqual({ limit: 5, windowSeconds: 86_400 });
    const request = new Request("https://candor.test/api/ideas/x/support", { headers: from("203.0.113.51") });
    const [a, b] = [await published({}, "A"), await published({}, "B")];
    const at = new Date("2026-11-27T10:00:00Z");
    for (let i = 0; i < 5; i++) await supportIdea(env, request, a.id, token(), at);
    const err = await supportIdea(env, request, a.id, token(), at).catch((e) => e);
    expect([err.status, err.code]).toEqual([429, "rate_limited"]);
    expect(Number(err.headers["Retry-After"])).toBeGreaterThan(0);
    // another idea, and another address, are not affected
    await expect(supportIdea(env, request, b.id, token(), at)).resolves.toHaveProperty("supportCount");
    await expect(
      supportIdea(env, new Request("https://candor.test/", { headers: from("203.0.113.52") }), a.id, token(), at),
    ).resolves.toHaveProperty("supportCount");
    const rows = async (id: string) =>
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM idea_supports WHERE idea_id = ?1").bind(id).first<{ n: number }>())!.n;
    expect([await rows(a.id), await rows(b.id)]).toEqual([6, 1]);
    // the next day the address may support it again, a handful more
    await expect(supportIdea(env, request, a.id, token(), new Date("2026-11-28T10:00:00Z"))).resolves.toHaveProperty("supportCount");
  });

  it("counts only supports actually added against the idea's cap: a repeated token or a settled idea costs nothing", async () => {
    const capped = { ...env, RATE_LIMITS: JSON.stringify({ idea_support_per_idea: { limit: 2, windowSeconds: 86_400 } }) };
    const request = new Request("https://candor.test/api/ideas/x/support", { headers: from("203.0.113.53") });
    const { id } = await published();
    const at = new Date("2026-11-27T10:00:00Z");
    const mine = token();
    await supportIdea(capped, request, id, mine, at);
    for (let i = 0; i < 3; i++) await expect(supportIdea(capped, request, id, mine, at)).rejects.toMatchObject({ status: 409 });
    await supportIdea(capped, request, id, token(), at);
    await expect(supportIdea(capped, request, id, token(), at)).rejects.toMatchObject({ status: 429 });
    expect(await supportRows()).toBe(2);
  });

  it("counts one support per browser token: 201, then 409 for the same token", async () => {
    const { id } = await published();
    const t = token();
    const first = await support(id, t);
    expect(first.status).toBe(201);
    // the count answered is the published one: today's support is in it tomorrow, in a step
    expect(first.body).toEqual({ supportCount: 0 });
    expectError(await support(id, t), 409, "already_supported");
    expect((await support(id, token())).status).toBe(201);
    expect(await supportRows()).toBe(2);
  });

  it("publishes the count in steps of k over whole past days, like every participation count: it never moves by one", async () => {
    const { id, receipt } = await published({}, "Stepped");
    // received before the days it is read on (HR sees an idea from the day after it arrived)
    await env.DB.prepare("UPDATE ideas SET received_on = '2026-11-20' WHERE id = ?1").bind(id).run();
    const read = async (day: string) => (await boardData(env, {}, new Date(`${day}T12:00:00Z`))).ideas[0]!.supportCount;
    await supportedOn(id, "2026-11-21", 3);
    expect(await read("2026-11-21")).toBe(0); // today is never counted
    expect(await read("2026-11-22")).toBe(0); // 3 < k: no step yet
    await supportedOn(id, "2026-11-22", 1);
    await supportedOn(id, "2026-11-23", 1);
    expect(await read("2026-11-23")).toBe(0);
    expect(await read("2026-11-24")).toBe(5); // one step over 21–23
    await supportedOn(id, "2026-11-24", 7);
    expect(await read("2026-11-24")).toBe(5);
    expect(await read("2026-11-25")).toBe(12);
    // the answer to a support, the tracking page and HR's console show the same published count
    const given = await supportIdea(
      env,
      new Request("https://candor.test/", { headers: from(freshIp()) }),
      id,
      token(),
      new Date("2026-11-25T09:00:00Z"),
    );
    expect(given).toEqual({ supportCount: 12 });
    const at = new Date("2026-11-25T09:00:00Z");
    expect((await trackIdea(env, new Request("https://candor.test/", { headers: from(freshIp()) }), receipt, at)).supportCount).toBe(12);
    expect((await adminIdea(env, id, at)).supportCount).toBe(12);
    expect((await inbox(env, {}, at)).ideas.find((i) => i.id === id)?.supportCount).toBe(12);
    // the day after, the support of the 25th is still one short of a step
    expect(await read("2026-11-26")).toBe(12);
  });

  it("stores only a hash of the token, per idea", async () => {
    const a = await published({}, "A");
    const b = await published({}, "B");
    const t = token();
    await support(a.id, t);
    await support(b.id, t);
    const rows = await env.DB.prepare("SELECT token_hash FROM idea_supports").all<{ token_hash: string }>();
    expect(rows.results).toHaveLength(2);
    expect(rows.results[0]!.token_hash).not.toBe(rows.results[1]!.token_hash);
    expect(await dumpIdeaTables()).not.toContain(t);
  });

  it("404 for an unpublished or unknown idea, nothing stored", async () => {
    const { id } = await submit();
    expectError(await support(id, token()), 404, "not_found");
    expectError(await support("00000000-0000-4000-8000-000000000000", token()), 404, "not_found");
    expectError(await support("<script>'; DROP TABLE ideas;--", token()), 404, "not_found");
    const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM idea_supports").first<{ n: number }>();
    expect(n!.n).toBe(0);
  });

  it("422 for a missing, short or odd token; 405 for GET", async () => {
    const { id } = await published();
    expectError(await api(`/api/ideas/${id}/support`, { method: "POST", json: {} }), 422, "validation_failed");
    expectError(await support(id, "short"), 422, "validation_failed");
    expectError(await support(id, "x".repeat(129)), 422, "validation_failed");
    expectError(await support(id, "<script>alert(1)</script>aaaaaa"), 422, "validation_failed");
    expectError(await support(id, 1234567890123456), 422, "validation_failed");
    expectError(await api(`/api/ideas/${id}/support`), 405, "method_not_allowed");
    expect((await board()).body.ideas[0].supportCount).toBe(0);
  });

  it("caps supports per client (idea_support), then resets", async () => {
    const limited = { ...env, RATE_LIMITS: JSON.stringify({ idea_support: { limit: 2, windowSeconds: 3600 } }) };
    const request = new Request("https://candor.test/api/ideas/x/support", { headers: from("203.0.113.50") });
    const ideas = [await published({}, "1"), await published({}, "2"), await published({}, "3")];
    const at = new Date("2026-11-27T10:00:00Z");
    await supportIdea(limited, request, ideas[0]!.id, token(), at);
    await supportIdea(limited, request, ideas[1]!.id, token(), at);
    const err = await supportIdea(limited, request, ideas[2]!.id, token(), at).catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect([err.status, err.code]).toEqual([429, "rate_limited"]);
    // three hits in this hour: it must become the previous one and decay to one (3600 × (1 − 1/3) s into the next)
    expect(Number(err.headers["Retry-After"])).toBe(3600 + 2400);
    await expect(supportIdea(limited, request, ideas[2]!.id, token(), new Date("2026-11-27T11:40:00Z"))).resolves.toHaveProperty(
      "supportCount",
    );
    expect(await supportRows()).toBe(3);
  });
});

describe("POST /api/ideas/{id}/support on a settled idea", () => {
  it.each(["done", "declined", "duplicate"] as const)("409 support_closed once the idea is %s; nothing stored", async (status) => {
    const { id } = await published();
    await setStatus(env, id, status, "2026-11-25", null);
    expectError(await support(id, token()), 409, "support_closed");
    expect(await supportRows()).toBe(0);
  });

  it("keeps the supports given while the idea was open", async () => {
    const { id } = await published();
    await supportedOn(id, "2026-11-24", 5);
    await setStatus(env, id, "done", "2026-11-25", null);
    expect((await board()).body.ideas[0].supportCount).toBe(5);
  });
});

describe("DELETE /api/ideas/{id}/support", () => {
  it("takes back this browser's support: 200 with the published count, then 409 not_supported", async () => {
    const { id } = await published();
    const mine = token();
    await supportedOn(id, "2026-11-24", 5);
    await support(id, mine);
    await support(id, token());
    const res = await withdraw(id, mine);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.body).toEqual({ supportCount: 5 });
    expect(await supportRows()).toBe(6);
    expectError(await withdraw(id, mine), 409, "not_supported");
    // and it can be given again
    expect((await support(id, mine)).status).toBe(201);
    expect(await supportRows()).toBe(7);
  });

  it("removes only the support of the token given, never another browser's", async () => {
    const { id } = await published();
    const theirs = token();
    await support(id, theirs);
    expectError(await withdraw(id, token()), 409, "not_supported");
    expect(await supportRows()).toBe(1);
  });

  it("lets a support on a settled idea be withdrawn", async () => {
    const { id } = await published();
    const mine = token();
    await support(id, mine);
    await setStatus(env, id, "declined", "2026-11-25", null);
    expect((await withdraw(id, mine)).body).toEqual({ supportCount: 0 });
    expect(await supportRows()).toBe(0);
  });

  it("404 for an unpublished, unknown or hostile id; nothing removed", async () => {
    const open = await published();
    const mine = token();
    await support(open.id, mine);
    const { id: unpublished } = await submit();
    expectError(await withdraw(unpublished, mine), 404, "not_found");
    expectError(await withdraw("00000000-0000-4000-8000-000000000000", mine), 404, "not_found");
    expectError(await withdraw("<script>'; DROP TABLE idea_supports;--", mine), 404, "not_found");
    expectError(await withdraw("%00", mine), 404, "not_found");
    expect(await supportRows()).toBe(1);
  });

  it("refuses bad bodies with the error shape, removing nothing", async () => {
    const { id } = await published();
    const mine = token();
    await support(id, mine);
    const path = `/api/ideas/${id}/support`;
    expectError(await api(path, { method: "DELETE", json: {} }), 422, "validation_failed");
    expectError(await withdraw(id, "short"), 422, "validation_failed");
    expectError(await withdraw(id, "x".repeat(129)), 422, "validation_failed");
    expectError(await withdraw(id, `${mine}\u0000`), 422, "validation_failed");
    expectError(await withdraw(id, 42), 422, "validation_failed");
    expectError(await api(path, { method: "DELETE", json: { token: mine, extra: "field" } }), 422, "validation_failed");
    expectError(
      await api(path, { method: "DELETE", body: "{not json", headers: { "Content-Type": "application/json" } }),
      400,
      "malformed_json",
    );
    expectError(
      await api(path, { method: "DELETE", body: `token=${mine}`, headers: { "Content-Type": "text/plain" } }),
      415,
      "unsupported_media_type",
    );
    expectError(
      await api(path, {
        method: "DELETE",
        body: JSON.stringify({ token: "a".repeat(200_000) }),
        headers: { "Content-Type": "application/json" },
      }),
      413,
      "body_too_large",
    );
    expectError(
      await api(path, { method: "DELETE", json: { token: mine }, headers: { Origin: "https://evil.example" } }),
      403,
      "forbidden_origin",
    );
    expectError(await api(path, { method: "PUT", json: { token: mine } }), 405, "method_not_allowed");
    expect(await supportRows()).toBe(1);
  });

  it("counts withdrawals against the idea_support limit", async () => {
    const limited = { ...env, RATE_LIMITS: JSON.stringify({ idea_support: { limit: 2, windowSeconds: 3600 } }) };
    const request = new Request("https://candor.test/api/ideas/x/support", { method: "DELETE", headers: from("203.0.113.51") });
    const { id } = await published();
    const mine = token();
    const at = new Date("2026-11-27T10:00:00Z");
    await supportIdea(limited, request, id, mine, at);
    await withdrawSupport(limited, request, id, mine, at);
    const err = await supportIdea(limited, request, id, mine, at).catch((e) => e);
    expect([err.status, err.code]).toEqual([429, "rate_limited"]);
  });
});
