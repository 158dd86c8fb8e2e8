// Retention that deletes (docs/operations.md#retention), on the real local D1
// with the demo data: the run is called with the clock moved to the last day
// each kind is kept, then to the day after; the rows are gone from the
// database itself, each run's counts are in the hash-chained audit log, and
// every public and HR figure answers exactly as before.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import surveysSeed from "../../scripts/seed/0100-surveys.ts";
import ideasSeed from "../../scripts/seed/0200-ideas.ts";
import { verifyChain } from "#lib/audit/chain.ts";
import { addDays, pinnedClock } from "#lib/clock.ts";
import { DEFAULT_TERMS, readTerms } from "#lib/retention.ts";
import { FREE_TEXT_TYPES } from "#lib/surveys/questions.ts";
import { findSurvey, SURVEYS } from "#lib/surveys/registry.ts";
import { readChainRows } from "#server/db/audit.ts";
import { runRetention } from "#server/retention.ts";
import { hrExport } from "#server/survey-tools.ts";
import { renderReadLog, serveReadLogPage, type ReadLog } from "#server/read-log.ts";
import { onRequestGet as readLogRoute } from "../../functions/api/read-log.ts";
import { ADMIN_HEADERS } from "./battery/routes.ts";
import { api, ORIGIN } from "./helpers.ts";
import { freshIp, from, SAMPLE, submit } from "./ideas-fixtures.ts";
import { publishIdea, setStatus } from "../support/idea-writes.ts";
import { adminIdea, inbox } from "#server/admin-ideas.ts";

const at = (day: string) => new Date(`${day}T03:00:00.000Z`);
const one = async <T>(sql: string, ...binds: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...binds)
    .first<T>())!;
const n = async (sql: string, ...binds: unknown[]) => (await one<{ n: number }>(sql, ...binds)).n;

const freeText = (surveyId: string) =>
  findSurvey(surveyId)!
    .questions.filter((q) => FREE_TEXT_TYPES.includes(q.type))
    .map((q) => q.name);
const comments = (surveyId: string) =>
  n(
    "SELECT COUNT(*) AS n FROM survey_answers WHERE survey_id = ?1 AND question IN (SELECT value FROM json_each(?2))",
    surveyId,
    JSON.stringify(freeText(surveyId)),
  );

const allComments = async () => {
  let total = 0;
  for (const survey of SURVEYS) total += await comments(survey.id);
  return total;
};

/** Every figure the public and HR see, answered on the pinned day: results, statistics, the board, HR's results and inbox counts. */
async function figures(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await api(path, { headers: { ...from(freshIp()), ...headers } });
    out[path] = { status: res.status, body: res.body };
  };
  for (const survey of SURVEYS) {
    await get(`/api/surveys/${survey.id}/stats`);
    await get(`/api/surveys/${survey.id}/results`);
    await get(`/api/admin/surveys/${survey.id}/results`, ADMIN_HEADERS);
  }
  await get("/api/surveys");
  await get("/api/ideas?sort=recent");
  await get("/api/ideas?sort=supported");
  return out;
}

/** The closed ideas and the day each was closed (its last status change). */
async function closedIdeas(): Promise<{ id: string; closed: string; title: string }[]> {
  const { results } = await env.DB.prepare(
    `SELECT id, title, (SELECT MAX(on_day) FROM idea_status_history h WHERE h.idea_id = ideas.id) AS closed
     FROM ideas WHERE status IN ('done', 'declined', 'duplicate') ORDER BY closed`,
  ).all<{ id: string; closed: string; title: string }>();
  return results;
}

/** Every term as it is, but the survey answers' kept ten years: the first test leaves them to the answers' own test. */
const keepAnswers = { ...env, RETENTION_ANSWER_DAYS: "3650" };
/** Only the survey answers' term as it is: every other kind kept ten years. */
const answersOnly = {
  ...env,
  RETENTION_IDEA_TEXT_DAYS: "3650",
  RETENTION_COMMENT_DAYS: "3650",
  RETENTION_STANDALONE_COMMENT_DAYS: "3650",
  RETENTION_RETRY_DAYS: "3650",
};

const retentionRows = async () => (await readChainRows(env)).filter((r) => r.action === "retention.delete");

beforeAll(async () => {
  const clock = pinnedClock(env.CANDOR_TODAY);
  await surveysSeed(env, clock);
  await ideasSeed(env, clock);
  // retry records of today: an idea sent with a submission id, an answer to the open pulse
  const idea = await api("/api/ideas", {
    method: "POST",
    headers: from(freshIp()),
    json: { ...SAMPLE, submissionId: crypto.randomUUID() },
  });
  expect(idea.status, JSON.stringify(idea.body)).toBe(201);
  const answer = await api("/api/surveys/pulse-2026-11/responses", {
    method: "POST",
    headers: from(freshIp()),
    json: {
      submissionId: crypto.randomUUID(),
      answers: { satisfaction: 4, workload: "normal", recognised: true, oneThing: "A retention test" },
      locale: "en",
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
}, 120_000);

describe("retention", () => {
  it("reads its terms from RETENTION_* with documented defaults, and refuses a malformed one", () => {
    expect(readTerms({})).toEqual(DEFAULT_TERMS);
    expect(readTerms({ RETENTION_IDEA_TEXT_DAYS: "90", RETENTION_RETRY_DAYS: "0" })).toMatchObject({ ideaTextDays: 90, retryDays: 0 });
    expect(() => readTerms({ RETENTION_COMMENT_DAYS: "a year" })).toThrow(/whole number of days/);
    expect(() => readTerms({ RETENTION_COMMENT_DAYS: "-1" })).toThrow(/whole number of days/);
  });

  it("a malformed RETENTION_* never answers 500: the read log names it and shows the default, the page says so, the run refuses and deletes nothing", async () => {
    const malformed = { ...env, RETENTION_COMMENT_DAYS: "a year", RETENTION_RETRY_DAYS: "-1" };
    const response = await readLogRoute({ env: malformed, request: new Request(`${ORIGIN}/api/read-log`) } as unknown as Parameters<
      typeof readLogRoute
    >[0]);
    expect(response.status).toBe(200);
    const log = (await response.json()) as ReadLog;
    expect(log.retention.malformed).toEqual(["RETENTION_COMMENT_DAYS", "RETENTION_RETRY_DAYS"]);
    expect(log.retention.terms).toEqual(DEFAULT_TERMS);
    expect(renderReadLog(log, "en")).toContain("RETENTION_COMMENT_DAYS, RETENTION_RETRY_DAYS is not a whole number of days");
    expect(renderReadLog(log, "zh-cn")).toContain("单位的设置 RETENTION_COMMENT_DAYS, RETENTION_RETRY_DAYS 不是整数天数");
    // the public page itself answers, with the notice
    const page = await serveReadLogPage(
      malformed,
      new Response("<main><div data-read-log></div></main>", { headers: { "Content-Type": "text/html" } }),
      "en",
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("data-retention-malformed");
    // a well-formed configuration lists nothing malformed
    expect((await api<ReadLog>("/api/read-log", { headers: from(freshIp()) })).body.retention.malformed).toEqual([]);
    // the run refuses before touching anything
    const audit = (await readChainRows(env)).length;
    await expect(runRetention(malformed, at(addDays(env.CANDOR_TODAY, 400)))).rejects.toThrow(/RETENTION_COMMENT_DAYS: a retention term/);
    expect((await readChainRows(env)).length).toBe(audit);
  });

  it("deletes each kind the day after its term, not before; figures stay; every run is counted in the audit chain", async () => {
    const before = await figures();
    const totalAnswers = await n("SELECT COUNT(*) AS n FROM survey_answers");
    const freeBefore = await allComments();
    const retry = async () =>
      (await n("SELECT COUNT(*) AS n FROM idea_submissions")) + (await n("SELECT COUNT(*) AS n FROM survey_submissions"));
    const retryBefore = await retry();
    const responses = await n("SELECT COUNT(*) AS n FROM survey_responses");
    const ideas = await n("SELECT COUNT(*) AS n FROM ideas");
    const supports = await n("SELECT COUNT(*) AS n FROM idea_supports");
    const retryIdeas = await n("SELECT COUNT(*) AS n FROM idea_submissions");
    const retrySurveys = await n("SELECT COUNT(*) AS n FROM survey_submissions WHERE survey_id = 'pulse-2026-11'");
    expect(retryIdeas, "idea retry records").toBeGreaterThan(0);
    expect(retrySurveys, "survey retry records").toBeGreaterThan(0);

    // 1. retry records: kept the 2 days after the idea arrived, gone on the third; a survey's, 2 days after it closed
    const today = env.CANDOR_TODAY;
    // the 2025-h2 reward survey's comments are past their term already (they go in the first run): 30 days after the 2026-h1 run closed (2026-06-30)
    const h2Comments = await comments("reward-survey-2025-h2");
    expect(h2Comments, "2025-h2 comments").toBeGreaterThan(0);
    expect(await n("SELECT COUNT(*) AS n FROM survey_answers WHERE survey_id = 'reward-survey-2025-h2'")).toBeGreaterThan(h2Comments);
    // the submission ids of surveys closed before today (the demo's) go on day 2 with them
    const closedBefore = SURVEYS.filter((s) => s.closes < today).map((s) => s.id);
    const oldRetry = await n(
      "SELECT COUNT(*) AS n FROM survey_submissions WHERE survey_id IN (SELECT value FROM json_each(?1))",
      JSON.stringify(closedBefore),
    );
    const second = await runRetention(keepAnswers, at(addDays(today, 2)));
    expect(second.deleted.retryRecords).toBe(oldRetry);
    expect(second.deleted.surveyComments).toBe(h2Comments);
    expect(await n("SELECT COUNT(*) AS n FROM idea_submissions")).toBe(retryIdeas);
    const third = await runRetention(keepAnswers, at(addDays(today, 3)));
    expect(third.deleted.retryRecords).toBe(retryIdeas);
    expect(third.deleted.surveyComments).toBe(0);
    expect(await n("SELECT COUNT(*) AS n FROM idea_submissions")).toBe(0);
    expect(await comments("reward-survey-2025-h2")).toBe(0);
    const pulseClosed = findSurvey("pulse-2026-11")!.closes;
    expect((await runRetention(keepAnswers, at(addDays(pulseClosed, 2)))).deleted.retryRecords).toBe(0);
    expect((await runRetention(keepAnswers, at(addDays(pulseClosed, 3)))).deleted.retryRecords).toBe(retrySurveys);
    expect(await n("SELECT COUNT(*) AS n FROM survey_submissions WHERE survey_id = 'pulse-2026-11'")).toBe(0);

    // 2. comments: the October pulse's are kept until 30 days after the November run closed
    const pulseComments = await comments("pulse-2026-10");
    expect(pulseComments, "pulse comments").toBeGreaterThan(0);
    const pulseEnd = addDays(pulseClosed, DEFAULT_TERMS.commentDays);
    expect((await runRetention(keepAnswers, at(pulseEnd))).deleted.surveyComments).toBe(0);
    expect(await comments("pulse-2026-10")).toBe(pulseComments);
    const pulseRun = await runRetention(keepAnswers, at(addDays(pulseEnd, 1)));
    expect(pulseRun.deleted.surveyComments).toBe(pulseComments);
    expect(await comments("pulse-2026-10")).toBe(0);
    const hrComments = await api("/api/admin/surveys/pulse-2026-10/comments", { headers: ADMIN_HEADERS });
    expect(hrComments.status).toBe(200);
    expect(JSON.stringify(hrComments.body)).not.toContain("A retention test");

    // 3. idea texts: the last closed idea keeps its texts for a year after it was closed
    const closed = await closedIdeas();
    expect(closed.length).toBeGreaterThan(1);
    const last = closed.at(-1)!;
    const lastEnd = addDays(last.closed, DEFAULT_TERMS.ideaTextDays);
    const early = await runRetention(keepAnswers, at(lastEnd));
    expect(early.deleted.ideaTexts).toBe(closed.filter((c) => c.closed < last.closed).length);
    expect((await one<{ title: string }>("SELECT title FROM ideas WHERE id = ?1", last.id)).title).toBe(last.title);
    const late = await runRetention(keepAnswers, at(addDays(lastEnd, 1)));
    expect(late.deleted.ideaTexts).toBe(closed.filter((c) => c.closed === last.closed).length);
    for (const idea of closed) {
      const row = await one<{ title: string; body: string; verdict_comment: string | null }>(
        "SELECT title, body, verdict_comment FROM ideas WHERE id = ?1",
        idea.id,
      );
      expect(row).toEqual({ title: "", body: "", verdict_comment: null });
      expect(await n("SELECT COUNT(*) AS n FROM idea_messages WHERE idea_id = ?1 AND author = 'author'", idea.id)).toBe(0);
      expect(await n("SELECT COUNT(*) AS n FROM idea_messages WHERE idea_id = ?1 AND visibility = 'private' AND body <> ''", idea.id)).toBe(
        0,
      );
      // HR still opens it: what is left (status, history, HR's published version) answers
      const view = await api(`/api/admin/ideas/${idea.id}`, { headers: ADMIN_HEADERS });
      expect(view.status, JSON.stringify(view.body)).toBe(200);
      expect(JSON.stringify(view.body)).not.toContain(idea.title);
    }
    // open ideas keep everything
    expect(
      await n("SELECT COUNT(*) AS n FROM ideas WHERE status NOT IN ('done', 'declined', 'duplicate') AND (title = '' OR body = '')"),
    ).toBe(0);

    // a second run the same day finds nothing, and writes no audit row
    const rowsSoFar = (await retentionRows()).length;
    expect((await runRetention(keepAnswers, at(addDays(lastEnd, 1)))).deleted).toEqual({
      ideaTexts: 0,
      surveyComments: 0,
      surveyAnswers: 0,
      retryRecords: 0,
    });
    expect((await retentionRows()).length).toBe(rowsSoFar);

    // figures: the same answers, on the pinned day, as before any deletion; no response, idea or support went
    expect(await figures()).toEqual(before);
    expect(await n("SELECT COUNT(*) AS n FROM survey_responses")).toBe(responses);
    expect(await n("SELECT COUNT(*) AS n FROM ideas")).toBe(ideas);
    expect(await n("SELECT COUNT(*) AS n FROM idea_supports")).toBe(supports);
    // only free-text answers went: every other answer is still there
    const freeAfter = await allComments();
    expect(await n("SELECT COUNT(*) AS n FROM survey_answers")).toBe(totalAnswers - freeBefore + freeAfter);

    // the audit log: one counted row per kind and run that deleted something, summing to what went; the chain whole
    const rows = await retentionRows();
    const sum = (kind: string) =>
      rows.filter((r) => r.targetId === kind).reduce((a, r) => a + (JSON.parse(r.detail!) as { count: number }).count, 0);
    expect(sum("retryRecords")).toBe(retryBefore - (await retry()));
    expect(retryBefore - (await retry())).toBeGreaterThanOrEqual(oldRetry + retryIdeas + retrySurveys);
    expect(sum("surveyComments")).toBe(freeBefore - freeAfter);
    expect(freeBefore - freeAfter).toBeGreaterThanOrEqual(h2Comments + pulseComments);
    expect(sum("ideaTexts")).toBe(closed.length);
    expect(rows.every((r) => r.actor === "retention" && r.targetType === "retention")).toBe(true);
    expect((await verifyChain(await readChainRows(env))).problems).toEqual([]);

    // the public access page's data: the terms, and each run's count per kind (small counts as "fewer than k"; no retry records)
    const log = await api<{ retention: { terms: unknown; k: number; runs: { day: string; kind: string; count: number | null }[] } }>(
      "/api/read-log",
      {
        headers: from(freshIp()),
      },
    );
    expect(log.status).toBe(200);
    expect(log.body.retention.terms).toEqual(DEFAULT_TERMS);
    const published = log.body.retention.runs;
    expect(published.map((r) => r.kind).sort()).toEqual(
      rows
        .filter((r) => r.targetId !== "retryRecords")
        .map((r) => r.targetId)
        .sort(),
    );
    for (const run of published) {
      const counted = rows.find((r) => r.targetId === run.kind && r.at.startsWith(run.day))!;
      const { count, smallest } = JSON.parse(counted.detail!) as { count: number; smallest?: number };
      // a survey kind's row names its smallest per-survey count: one survey below k hides the run's count
      if (run.kind !== "ideaTexts") expect(smallest, run.kind).toBeTypeOf("number");
      const k = log.body.retention.k;
      expect(run.count).toBe(count >= k && (smallest === undefined || smallest >= k) ? count : null);
    }
    expect(published.some((r) => r.count === null)).toBe(true);
  }, 180_000);

  it("deletes the answers HR can export (CSV) the day after their term, for real; results keep their published figures, rolled up first", async () => {
    const gone = ["reward-survey-2025-h2", "reward-survey-2026-h1", "pulse-2026-10"] as const;
    const kept = SURVEYS.map((s) => s.id).filter((id) => !(gone as readonly string[]).includes(id));
    const answers = (surveyId: string) => n("SELECT COUNT(*) AS n FROM survey_answers WHERE survey_id = ?1", surveyId);
    const before = await figures();
    const counts = Object.fromEntries(await Promise.all(SURVEYS.map(async (s) => [s.id, await answers(s.id)] as const)));
    for (const id of gone) expect(counts[id], id).toBeGreaterThan(0);
    const responses = await n("SELECT COUNT(*) AS n FROM survey_responses");
    // the tallies are a cache a migration may empty (0011 did): the run must roll them up again before it deletes
    await env.DB.batch([env.DB.prepare("DELETE FROM survey_tallies"), env.DB.prepare("DELETE FROM survey_tally_progress")]);

    // the two older surveys: past their term (closed + 365 days) on the day the October pulse's last day is kept
    const pulseLast = addDays(findSurvey("pulse-2026-10")!.closes, DEFAULT_TERMS.answerDays);
    const first = await runRetention(answersOnly, at(pulseLast));
    expect(first.deleted).toEqual({
      ideaTexts: 0,
      surveyComments: 0,
      surveyAnswers: counts["reward-survey-2025-h2"]! + counts["reward-survey-2026-h1"]!,
      retryRecords: 0,
    });
    expect(await answers("reward-survey-2025-h2")).toBe(0);
    expect(await answers("reward-survey-2026-h1")).toBe(0);
    expect(await answers("pulse-2026-10"), "kept through its last day").toBe(counts["pulse-2026-10"]);
    const second = await runRetention(answersOnly, at(addDays(pulseLast, 1)));
    expect(second.deleted.surveyAnswers).toBe(counts["pulse-2026-10"]);
    for (const id of gone) expect(await answers(id), id).toBe(0);
    for (const id of kept) expect(await answers(id), id).toBe(counts[id]);
    expect((await runRetention(answersOnly, at(addDays(pulseLast, 1)))).deleted.surveyAnswers, "nothing left").toBe(0);

    // figures: every public and HR result, statistic and the board answer exactly as before; responses (participation) stay
    expect(await figures()).toEqual(before);
    expect(await n("SELECT COUNT(*) AS n FROM survey_responses")).toBe(responses);

    // audited as counts per run, with the smallest per-survey count; the chain whole
    const rows = (await retentionRows()).filter((r) => r.targetId === "surveyAnswers");
    expect(rows.map((r) => JSON.parse(r.detail!) as { count: number; surveys: string[]; smallest: number })).toEqual([
      {
        count: first.deleted.surveyAnswers,
        surveys: ["reward-survey-2025-h2", "reward-survey-2026-h1"],
        smallest: Math.min(counts["reward-survey-2025-h2"]!, counts["reward-survey-2026-h1"]!),
      },
      { count: second.deleted.surveyAnswers, surveys: ["pulse-2026-10"], smallest: counts["pulse-2026-10"] },
    ]);
    expect((await verifyChain(await readChainRows(env))).problems).toEqual([]);

    // listed on the public access page, in both languages, with the term
    const log = await api<ReadLog>("/api/read-log", { headers: from(freshIp()) });
    expect(log.body.retention.terms.answerDays).toBe(365);
    expect(log.body.retention.runs.filter((r) => r.kind === "surveyAnswers")).toEqual([
      { day: addDays(pulseLast, 1), kind: "surveyAnswers", count: second.deleted.surveyAnswers },
      { day: pulseLast, kind: "surveyAnswers", count: first.deleted.surveyAnswers },
    ]);
    expect(renderReadLog(log.body, "en")).toContain("Survey answers: ratings and choices (answers)");
    expect(renderReadLog(log.body, "en")).toContain("Survey answers (ratings and choices, what HR can export as a spreadsheet): 365 days");
    expect(renderReadLog(log.body, "zh-cn")).toContain("问卷评分和选择题答案（条）");
    expect(renderReadLog(log.body, "zh-cn")).toContain("问卷结束 365 天后删除");

    // HR's export no longer pretends: past the term it refuses, naming why
    await expect(hrExport(env, findSurvey("pulse-2026-10")!, { actor: "hr" }, at(addDays(pulseLast, 1)), "en")).rejects.toMatchObject({
      status: 409,
      code: "answers_deleted",
    });
  }, 180_000);

  it("after an idea's texts are deleted, every view says so with the term instead of an empty title; the board keeps HR's published version", async () => {
    const today = env.CANDOR_TODAY;
    const ideasOnly = { ...answersOnly, RETENTION_IDEA_TEXT_DAYS: undefined, RETENTION_ANSWER_DAYS: "3650" };
    const title = "Retention view check: one shared handover checklist";
    const { receipt, id } = await submit({ title, publishConsent: true });
    await setStatus(env, id, "done", today);
    await publishIdea(env, id, { title: "A shared handover checklist", body: "HR's edited version, as published.", day: today });
    const later = at(addDays(today, DEFAULT_TERMS.ideaTextDays + 1));
    expect((await adminIdea(env, id, later)).textDeletedAfterDays, "kept: null").toBeNull();
    expect((await runRetention(ideasOnly, later)).deleted.ideaTexts).toBe(1);

    // the author's tracking page
    const tracked = await api<{ idea: { title: string; body: string; textDeletedAfterDays: number | null; publicTitle: string } }>(
      "/api/ideas/track",
      { method: "POST", json: { receipt }, headers: from(freshIp()) },
    );
    expect(tracked.status).toBe(200);
    expect(tracked.body.idea).toMatchObject({ title: "", body: "", textDeletedAfterDays: DEFAULT_TERMS.ideaTextDays });
    expect(tracked.body.idea.publicTitle).toBe("A shared handover checklist");
    // HR's console: the idea and its inbox row
    expect(await adminIdea(env, id, later)).toMatchObject({ title: "", textDeletedAfterDays: DEFAULT_TERMS.ideaTextDays });
    const row = (await inbox(env, { status: "done", limit: 100 }, later)).ideas.find((i) => i.id === id)!;
    expect(row).toMatchObject({ title: "", textDeletedAfterDays: DEFAULT_TERMS.ideaTextDays });
    // open ideas keep their words, and say nothing of retention
    expect(
      (await inbox(env, { status: "received", limit: 100 }, later)).ideas.every((i) => i.textDeletedAfterDays === null && i.title !== ""),
    ).toBe(true);
    // the board: HR's published, edited version
    const board = await api<{ ideas: { id: string; title: string }[] }>("/api/ideas?sort=recent", { headers: from(freshIp()) });
    expect(board.body.ideas.find((i) => i.id === id)?.title).toBe("A shared handover checklist");
  }, 120_000);
});
