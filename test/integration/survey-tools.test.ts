// HR's survey tools through the real Pages router and a real local D1:
// participation, results with the breakdown by segment (and its suppression,
// subtraction across groups and across two segments, k−1 against k), trends,
// comments, the CSV export parsed back from its bytes, invitation codes
// withdrawn, the audit rows of every read, the public list of those reads,
// sign-in and bad input on every endpoint. "Today" is DEMO_TODAY
// (CANDOR_TODAY in vitest.config.ts).
import { env } from "cloudflare:test";
import Papa from "papaparse";
import { beforeEach, describe, expect, it } from "vitest";
import { dropHiddenAnswers, modelFor } from "#lib/surveys/questions.ts";
import { SURVEYS, findSurvey, type Survey } from "#lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import { surveyStatus } from "#lib/surveys/schema.ts";
import { validateAnswers } from "#lib/surveys/validate.ts";
import { storeResponse } from "#server/db/responses.ts";
import { appendAudit } from "#server/db/audit.ts";
import { createTokens, readTokenState } from "#server/db/tokens.ts";
import { invitationCodeHash } from "#lib/invitation/codes.ts";
import { readLog, renderReadLog } from "#server/read-log.ts";
import { api, expectError } from "./helpers.ts";

/** The Worker's pinned day (CANDOR_TODAY in vitest.config.ts). */
const TODAY = env.CANDOR_TODAY;
const ADMIN = { Authorization: `Bearer ${env.ADMIN_TOKEN}` };
const HOSTILE = `<script>alert(1)</script>'; DROP TABLE survey_answers;-- \u0000 {{7*7}}`;

/** The first half-year's reward survey: closed, results after close, segments team and tenure, a previous run in its series. */
const closedWithSegments = () => {
  const s = findSurvey("reward-survey-2026-h1")!;
  expect([surveyStatus(s, TODAY), s.resultsVisibility, s.segments]).toEqual(["closed", "after-close", ["team", "tenure"]]);
  return s;
};
/** An invitation survey that is open today. */
const openInvitation = () => SURVEYS.find((s) => surveyStatus(s, TODAY) === "open" && s.access === "invitation")!;
/** An open survey: HR waits for the close. */
const openOpenAccess = () => SURVEYS.find((s) => surveyStatus(s, TODAY) === "open" && s.access === "open")!;

let seq = 0;
let auditMark = 0;
beforeEach(async () => {
  await env.DB.batch(
    ["survey_answers", "survey_responses", "survey_submissions", "survey_tokens", "survey_audience_raises", "survey_redemption_days"].map(
      (t) => env.DB.prepare(`DELETE FROM ${t}`),
    ),
  );
  auditMark = (await env.DB.prepare("SELECT COALESCE(MAX(id), 0) AS n FROM audit_log").first<{ n: number }>())!.n;
});
const newAudit = async () =>
  (await env.DB.prepare("SELECT * FROM audit_log WHERE id > ?1 ORDER BY id").bind(auditMark).all<Record<string, string>>()).results;

const get = (path: string, headers: Record<string, string> = ADMIN) => api(path, { headers });

/**
 * A person's answers: every rating and yes/no question asked of everyone at
 * the top of its scale (favourable) or the bottom, the rest sampled; the
 * segment answers given, or left out when null.
 */
function answers(survey: Survey, fav: boolean, segments: Record<string, string | null>, extra: Record<string, unknown> = {}) {
  const out = sampleAnswers(survey.definition, survey.questions, seededRandom(++seq), { commentRate: 0 });
  for (const q of survey.questions) {
    if (q.dependsOn.length > 0) continue;
    if (q.type === "boolean") out[q.name] = fav;
    if (q.type === "rating") {
      const values = q.choices.map((c) => Number(c.value)).sort((a, b) => a - b);
      out[q.name] = fav ? values.at(-1) : values[0];
    }
  }
  for (const [name, value] of Object.entries(segments)) {
    if (value === null) delete out[name];
    else out[name] = value;
  }
  Object.assign(out, extra);
  dropHiddenAnswers(modelFor(survey.definition), out);
  return out;
}

async function respond(survey: Survey, given: Record<string, unknown>, day = survey.opens) {
  const checked = validateAnswers(survey.definition, given, "en", survey.questions);
  if (!checked.ok) throw new Error(`fixture answers invalid: ${JSON.stringify(checked.fields)}`);
  const outcome = await storeResponse(env, {
    surveyId: survey.id,
    surveyVersion: survey.version,
    day,
    rows: checked.rows,
    submissionId: `fixture-${crypto.randomUUID()}`,
  });
  expect(outcome).toBe("stored");
}

/** `n` people of one team and tenure band, `fav` of them favourable. */
async function people(survey: Survey, n: number, fav: number, team: string | null, tenure: string | null | ((i: number) => string | null)) {
  for (let i = 0; i < n; i++)
    await respond(survey, answers(survey, i < fav, { team, tenure: typeof tenure === "function" ? tenure(i) : tenure }));
}
const alternate = (i: number) => (i % 2 === 0 ? "y1to3" : "y3to5");

// ---------------------------------------------------------------- who may call

describe("HR sign-in on the survey tools", () => {
  const endpoints = (): [string, string, unknown?][] => {
    const s = closedWithSegments().id;
    const inv = openInvitation().id;
    return [
      ["GET", "/api/admin/surveys"],
      ["GET", `/api/admin/surveys/${s}`],
      ["GET", `/api/admin/surveys/${s}/results`],
      ["GET", `/api/admin/surveys/${s}/comments`],
      ["GET", `/api/admin/surveys/${s}/responses.csv`],
      ["DELETE", `/api/admin/surveys/${inv}/tokens`],
      ["POST", `/api/admin/surveys/${inv}/tokens/replace`, { code: "7KQ2-M9XD-4RTB" }],
      ["PATCH", `/api/admin/surveys/${inv}`, { audience: 30 }],
    ];
  };

  it("401 on every new endpoint without credentials or with wrong ones; no read logged, no code withdrawn", async () => {
    await people(closedWithSegments(), 6, 3, "phone", alternate);
    await createTokens(env, openInvitation(), 3, { actor: "test", at: `${TODAY}T09:00:00.000Z` });
    auditMark = (await env.DB.prepare("SELECT MAX(id) AS n FROM audit_log").first<{ n: number }>())!.n;
    for (const headers of [
      {} as Record<string, string>,
      { Authorization: "Bearer wrong-token-wrong-token-wrong-token-0000" },
      { Authorization: `Basic ${btoa(`admin:${env.ADMIN_TOKEN}`)}` },
      { "Cf-Access-Jwt-Assertion": "eyJhbGciOiJub25lIn0.e30." },
    ]) {
      for (const [method, path, json] of endpoints()) {
        const res = await api(path, { method, json, headers });
        expectError(res, 401, "unauthorized");
        expect(res.headers.get("WWW-Authenticate")).toBe("Bearer");
      }
    }
    expect(await newAudit()).toHaveLength(0);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM survey_tokens WHERE withdrawn = 0").first<{ n: number }>())!.n).toBe(3);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM survey_audience_raises").first<{ n: number }>())!.n).toBe(0);
  });

  it("a wrong method is 405, an unknown survey 404, unknown query parameters 422, hostile ids 404", async () => {
    const s = closedWithSegments().id;
    for (const path of [
      `/api/admin/surveys/${s}/results`,
      `/api/admin/surveys/${s}/comments`,
      `/api/admin/surveys/${s}/responses.csv`,
      "/api/admin/surveys",
    ]) {
      for (const method of ["POST", "PUT", "DELETE"]) {
        expectError(await api(path, { method, headers: ADMIN, json: {} }), 405, "method_not_allowed");
      }
      expectError(await get(`${path}?order=date`), 422, "validation_failed");
    }
    for (const id of ["no-such-survey", encodeURIComponent(HOSTILE), "x".repeat(300), "%00"]) {
      for (const tail of ["", "/results", "/comments", "/responses.csv"]) {
        expectError(await get(`/api/admin/surveys/${id}${tail}`), 404, "not_found");
      }
    }
    expectError(await get(`/api/admin/surveys/${s}/responses.csv?lang=fr`), 422, "validation_failed");
    expectError(await get(`/api/admin/surveys/${s}/responses.csv?lang=${encodeURIComponent(HOSTILE)}`), 422, "validation_failed");
    expect(await newAudit()).toHaveLength(0);
  });
});

// ---------------------------------------------------------------- participation

describe("GET /api/admin/surveys and /api/admin/surveys/{id}", () => {
  it("every survey with status, dates, audience and participation in steps of k that never include today", async () => {
    const s = openInvitation();
    for (const [day, n] of [
      ["2026-11-20", 3],
      ["2026-11-21", 3],
      ["2026-11-27", 6],
      [TODAY, 2],
    ] as const) {
      for (let i = 0; i < n; i++) await respond(s, sampleAnswers(s.definition, s.questions, seededRandom(++seq)), day);
    }
    await createTokens(env, s, 7, { actor: "test", at: `${TODAY}T09:00:00.000Z` });
    const list = await get("/api/admin/surveys");
    expect(list.status).toBe(200);
    expect(list.body.surveys.map((x: { id: string }) => x.id).sort()).toEqual(SURVEYS.map((x) => x.id).sort());
    const one = await get(`/api/admin/surveys/${s.id}`);
    expect(one.status).toBe(200);
    const k = one.body.survey.minGroupSize as number;
    const p = one.body.survey.participation;
    // today's 2 are never counted; the rest only in steps of at least k
    expect(p.before <= TODAY).toBe(true);
    for (const step of p.perDay) {
      expect(step.responses).toBeGreaterThanOrEqual(k);
      expect(step.day < TODAY).toBe(true);
    }
    expect(p.responses).toBe(p.perDay.reduce((a: number, x: { responses: number }) => a + x.responses, 0));
    expect(p.responses).toBeLessThanOrEqual(12);
    expect(p.rate).toBeCloseTo(p.responses / s.audience, 3);
    expect(one.body.survey.codes).toEqual({ issued: 7, withdrawn: 0, used: 0, usedBefore: expect.any(String), available: s.audience - 7 });
    expect(one.body.survey).toMatchObject({
      id: s.id,
      status: "open",
      opens: s.opens,
      closes: s.closes,
      audience: s.audience,
      audienceRaises: [],
    });
    expect((await get(`/api/admin/surveys/${closedWithSegments().id}`)).body.survey.codes).toBeNull();
  });
});

// ---------------------------------------------------------------- results and breakdowns

describe("GET /api/admin/surveys/{id}/results: breakdown by segment", () => {
  const segment = (body: { breakdown: { segments: { name: string }[] } }, name: string) =>
    body.breakdown.segments.find((x) => x.name === name) as unknown as {
      groups: { value: string | null; shown: boolean }[];
      questions: { name: string; shown: boolean; cells: ({ answered: number; favourable: number } | null)[]; others: unknown }[];
    };
  const groupShown = (seg: ReturnType<typeof segment>, value: string | null) => seg.groups.find((g) => g.value === value)!.shown;

  it("k − 1 against k: a team of 4 is withheld, a team of 5 shown; the withheld teams are shown together when they pass", async () => {
    const s = closedWithSegments();
    await people(s, 10, 5, "phone", alternate);
    await people(s, 10, 5, "chat", alternate);
    await people(s, 6, 3, "escalations", alternate);
    await people(s, 6, 3, null, alternate);
    await people(s, 4, 0, "billing", alternate); // k − 1
    let res = await get(`/api/admin/surveys/${s.id}/results`);
    expect(res.status).toBe(200);
    let team = segment(res.body, "team");
    expect(groupShown(team, "billing")).toBe(false);
    expect(groupShown(team, "phone")).toBe(true);
    const first = team.questions[0]!;
    expect(first.shown).toBe(true);
    // escalations, billing and "did not say" together: 16 people, 6 favourable
    expect(first.others).toEqual({ answered: 16, favourable: 6 });
    expect(JSON.stringify(team)).not.toMatch(/"answered":[1-4],/);

    await people(s, 1, 0, "billing", alternate); // now k, all alike: passes on its own
    res = await get(`/api/admin/surveys/${s.id}/results`);
    team = segment(res.body, "team");
    expect(groupShown(team, "billing")).toBe(true);
    expect(team.questions[0]!.cells[s.questions.find((q) => q.name === "team")!.choices.findIndex((c) => c.value === "billing")]).toEqual({
      answered: 5,
      favourable: 0,
    });
  });

  it("subtraction across groups: when the withheld groups together would not pass, the question is withheld whole", async () => {
    const s = closedWithSegments();
    await people(s, 10, 5, "phone", alternate);
    await people(s, 10, 5, "chat", alternate);
    await people(s, 3, 1, "billing", alternate); // alone: total − phone − chat would be these three
    const res = await get(`/api/admin/surveys/${s.id}/results`);
    const team = segment(res.body, "team");
    expect(team.questions.every((q) => !q.shown && q.cells.every((c) => c === null) && q.others === null)).toBe(true);
    expect(team.groups.every((g) => !g.shown)).toBe(true);
  });

  it("subtraction across two segments: a team inside a tenure band, with one other person there, withholds the team question", async () => {
    const s = closedWithSegments();
    await people(s, 10, 5, "phone", alternate);
    await people(s, 10, 5, "chat", alternate);
    await people(s, 10, 5, "billing", "lt1"); // billing is every newcomer…
    await people(s, 1, 1, null, "lt1"); // …but one, who named no team: newcomers − billing = that person
    const res = await get(`/api/admin/surveys/${s.id}/results`);
    const tenure = segment(res.body, "tenure");
    expect(groupShown(tenure, "lt1")).toBe(true);
    const team = segment(res.body, "team");
    expect(team.questions.every((q) => !q.shown)).toBe(true);
    // without that person, nothing is left to subtract: both show
    await env.DB.batch(["survey_answers", "survey_responses"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
    await people(s, 10, 5, "phone", alternate);
    await people(s, 10, 5, "chat", alternate);
    await people(s, 10, 5, "billing", "lt1");
    const again = await get(`/api/admin/surveys/${s.id}/results`);
    expect(segment(again.body, "team").questions.every((q) => q.shown)).toBe(true);
  });

  it("the public results show the same breakdown once the survey's results are published", async () => {
    const s = closedWithSegments();
    await people(s, 10, 5, "phone", alternate);
    await people(s, 10, 5, "chat", alternate);
    await people(s, 6, 3, null, alternate);
    const [hr, pub] = [await get(`/api/admin/surveys/${s.id}/results`), await api(`/api/surveys/${s.id}/results`)];
    expect(pub.status).toBe(200);
    expect(pub.body.breakdown).toEqual(hr.body.breakdown);
  });

  it("HR waits for the close of every survey, open-access or by invitation, and sees nothing before it opens", async () => {
    for (const open of [openOpenAccess(), openInvitation()]) {
      for (let i = 0; i < 20; i++)
        await respond(
          open,
          sampleAnswers(open.definition, open.questions, seededRandom(++seq), { comments: ["x"], commentRate: 1 }),
          "2026-11-20",
        );
      expectError(await get(`/api/admin/surveys/${open.id}/results`), 409, "results_not_yet_available");
      expectError(await get(`/api/admin/surveys/${open.id}/comments`), 409, "results_not_yet_available");
      expectError(await get(`/api/admin/surveys/${open.id}/responses.csv`), 409, "results_not_yet_available");
    }
    const upcoming = SURVEYS.find((x) => surveyStatus(x, TODAY) === "upcoming")!;
    expectError(await get(`/api/admin/surveys/${upcoming.id}/results`), 409, "results_not_yet_available");
    expect(await newAudit()).toHaveLength(0);
  });
});

describe("trends across runs", () => {
  it("each question's change since the previous run; a changed scale is not comparable; a new question is new", async () => {
    const s = closedWithSegments();
    const previous = findSurvey("reward-survey-2025-h2")!;
    expect(previous.series).toBe(s.series);
    for (let i = 0; i < 10; i++) await respond(previous, answers(previous, i < 5, {}));
    for (let i = 0; i < 15; i++) await respond(s, answers(s, i < 10, { team: null, tenure: null }));
    const res = await get(`/api/admin/surveys/${s.id}/results`);
    expect(res.body.trends.previous.id).toBe(previous.id);
    const trend = (name: string) => res.body.trends.questions.find((q: { name: string }) => q.name === name);
    // ratings on 1–5: 5 of 10 at 5 (the rest at 1) → 10 of 15
    expect(trend("criteriaFair")).toMatchObject({ status: "compared", favourable: 16.7, mean: 0.67 });
    expect(trend("promotionPathKnown")).toMatchObject({ status: "compared", favourable: 16.7 });
    expect(trend("kpiReflects").status).toBe("scale_changed"); // 1–10 then, 1–5 now
    expect(trend("team").status).toBe("new");
    expect(res.body.trends.questions.some((q: { name: string }) => q.name === "comments")).toBe(false);
    expect((await api(`/api/surveys/${s.id}/results`)).body.trends).toEqual(res.body.trends);
  });
});

// ---------------------------------------------------------------- comments

describe("GET /api/admin/surveys/{id}/comments", () => {
  const texts = [
    "Bonus dates slip.",
    "培训很有帮助。",
    "Shifts: fine",
    "More staff on launch weeks",
    "表彰更及时",
    "KPIs are fair",
    "x",
    "y",
    "z",
    "w",
  ];

  it("refused below k (k − 1 responses), served at k; nothing else of the responses; audited", async () => {
    const s = closedWithSegments();
    for (let i = 0; i < 4; i++) await respond(s, answers(s, true, { team: null, tenure: null }, { comments: texts[i] }));
    expectError(await get(`/api/admin/surveys/${s.id}/comments`), 409, "too_few_responses");
    expect(await newAudit()).toHaveLength(0);
    await respond(s, answers(s, true, { team: null, tenure: null }, { comments: texts[4] }));
    const res = await get(`/api/admin/surveys/${s.id}/comments`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["cap", "id", "k", "questions", "responses"]);
    const comments = res.body.questions.find((q: { name: string }) => q.name === "comments");
    expect(Object.keys(comments).sort()).toEqual(["comments", "count", "name", "title"]);
    expect(comments.comments.sort()).toEqual(texts.slice(0, 5).sort());
    for (const c of comments.comments) expect(typeof c).toBe("string");
    expect(JSON.stringify(res.body.questions.map((q: { comments: string[] }) => q.comments))).not.toMatch(/20\d\d-\d\d-\d\d|"en"|"zh-cn"/);
    const audit = await newAudit();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "admin-token", action: "survey.comments.read", target_type: "survey", target_id: s.id });
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ responses: 5 });
  });

  it("unordered: two reads give the same set in a different order, and every read is on the log", async () => {
    const s = closedWithSegments();
    for (const text of texts) await respond(s, answers(s, false, { team: null, tenure: null }, { comments: text }));
    const read = async () =>
      (await get(`/api/admin/surveys/${s.id}/comments`)).body.questions.find((q: { name: string }) => q.name === "comments")
        .comments as string[];
    const [a, b] = [await read(), await read()];
    expect([...a].sort()).toEqual([...b].sort());
    // ten comments: the chance of the same order twice is 1 in 3,628,800
    expect(a).not.toEqual(b);
    expect(await newAudit()).toHaveLength(2);
  });

  it("per question: a question fewer than k answered shows no comment and no count, however many responded", async () => {
    const s = closedWithSegments();
    // ten responses, one of them with a comment: the survey has k responses, the question one answer
    for (let i = 0; i < 9; i++) await respond(s, answers(s, true, { team: null, tenure: null }));
    await respond(s, answers(s, true, { team: null, tenure: null }, { comments: "Only I wrote something." }));
    const res = await get(`/api/admin/surveys/${s.id}/comments`);
    expect(res.status).toBe(200);
    expect(res.body.responses).toBe(10);
    const comments = res.body.questions.find((q: { name: string }) => q.name === "comments");
    expect(comments).toMatchObject({ count: null, comments: [] });
    expect(JSON.stringify(res.body)).not.toContain("Only I wrote something.");
    // at k answers to the question, they show
    for (let i = 0; i < 4; i++) await respond(s, answers(s, true, { team: null, tenure: null }, { comments: `also ${i}` }));
    const now = (await get(`/api/admin/surveys/${s.id}/comments`)).body.questions.find((q: { name: string }) => q.name === "comments");
    expect(now.count).toBe(5);
    expect(now.comments).toContain("Only I wrote something.");
  });
});

// ---------------------------------------------------------------- export

describe("GET /api/admin/surveys/{id}/responses.csv", () => {
  const tricky = [
    'He said "fine, really", then left,\r\nand a second line',
    '=HYPERLINK("http://evil.example","click")',
    "=1+1\nstarts a formula and goes on past a line break",
    "奖励标准公开以后清楚多了，谢谢！",
    "+1 from me",
    "@admin see this",
    "-2 points",
  ];

  async function csv(s: Survey, lang = "en") {
    const res = await workerRaw(`/api/admin/surveys/${s.id}/responses.csv?lang=${lang}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toContain(`${s.id}-responses-${lang}.csv`);
    return new Uint8Array(await res.arrayBuffer());
  }
  async function workerRaw(path: string) {
    const { workerFetch, ORIGIN } = await import("./helpers.ts");
    return workerFetch(new Request(`${ORIGIN}${path}`, { headers: ADMIN }));
  }

  it("parses back: BOM, CRLF, RFC 4180 quoting, Chinese text, formulas neutralised, no day, segment or free-text column, labels", async () => {
    const s = closedWithSegments();
    // The tricky texts are free text, which the export never carries (beside the rest of someone's answers it would
    // say who wrote it): they go in the comments, and must not reach the file. Quoting and formulas over arbitrary
    // cells are proved in test/unit/surveys-export.test.ts.
    for (const [i, text] of tricky.entries())
      await respond(s, answers(s, i % 2 === 0, { team: "phone", tenure: "gt5" }, { comments: text }));
    const bytes = await csv(s);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    // every line ends in CRLF, except breaks inside a quoted cell, which are kept as written
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(text.endsWith("\r\n")).toBe(true);
    // the header is written alone before the rows stream: no blank line after it
    expect(text.split("\r\n")[1]).not.toBe("");
    const [header, ...rows] = parsed.data;
    expect(rows).toHaveLength(tricky.length);
    const col = (title: string) => header!.findIndex((h) => h === title);
    // no free text: neither its column nor anything anyone wrote
    expect(col("Anything else you want HR to know? (optional)")).toBe(-1);
    for (const written of tricky) expect(text).not.toContain(written.slice(0, 12));
    // no day, no language, no team or tenure (they would undo the breakdown's suppression)
    expect(header).not.toContain("day");
    expect(header).not.toContain("Which team do you work in? (optional)");
    expect(header).not.toContain("How long have you worked here? (optional)");
    expect(text).not.toMatch(/20\d\d-\d\d-\d\d|Phone support|More than 5 years/);
    // labels in the language asked, checkboxes joined with "; ", rankings as "a > b > c"
    const ranks = rows.map((r) => r[col("Rank these reward forms from most to least valuable to you.")]!);
    for (const cell of ranks)
      expect(cell.split(" > ").sort()).toEqual(
        [
          "Honour certificates and commendation meetings",
          "Performance bonus",
          "Promotion opportunities",
          "Team activities",
          "Training and development",
        ].sort(),
      );
    const support = rows.map((r) => r[col("Which support would help most? (up to three)")]!).filter(Boolean);
    for (const cell of support) expect(cell.split("; ").length).toBeLessThanOrEqual(3);
    const audit = await newAudit();
    expect(audit.map((a) => a.action)).toEqual(["survey.responses.export"]);
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ responses: tricky.length, lang: "en" });
  });

  it("in Chinese: headings and labels in Chinese; rows in a new random order on every export", async () => {
    const s = closedWithSegments();
    for (let i = 0; i < 12; i++) await respond(s, answers(s, i % 2 === 0, { team: null, tenure: null }));
    const read = async () =>
      Papa.parse<string[]>(new TextDecoder().decode(await csv(s, "zh-cn")).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    const [a, b] = [await read(), await read()];
    expect(a[0]!.some((h) => /[\u4e00-\u9fff]/.test(h))).toBe(true);
    expect(a.flat().some((cell) => cell === "是" || cell === "否")).toBe(true);
    const order = (rows: string[][]) => rows.slice(1).map((r) => JSON.stringify(r));
    expect([...order(a)].sort()).toEqual([...order(b)].sort());
    expect(new Set(order(a)).size).toBeGreaterThan(6); // sampled answers: the rows differ, so their order shows
    expect(order(a)).not.toEqual(order(b));
  });

  it("no free-text column, even when everyone wrote something; refused below k responses", async () => {
    const s = closedWithSegments();
    for (let i = 0; i < 4; i++) await respond(s, answers(s, true, { team: null, tenure: null }, { comments: `I wrote ${i}.` }));
    expectError(await get(`/api/admin/surveys/${s.id}/responses.csv`), 409, "too_few_responses");
    for (let i = 4; i < 12; i++) await respond(s, answers(s, true, { team: null, tenure: null }, { comments: `I wrote ${i}.` }));
    const text = new TextDecoder().decode(await csv(s));
    expect(text).not.toContain("I wrote");
    expect(text).not.toContain("Anything else you want HR to know?");
    const freeText = s.questions.filter((q) => q.type === "comment" || q.type === "text");
    expect(freeText.length).toBeGreaterThan(0);
    for (const q of freeText) expect(text).not.toContain(typeof q.title === "string" ? q.title : q.title.default);
  });
});

// ---------------------------------------------------------------- invitation codes

describe("DELETE /api/admin/surveys/{id}/tokens", () => {
  const url = () => `/api/admin/surveys/${openInvitation().id}/tokens`;
  const minted = async (s: Survey, n: number) => {
    const made = await createTokens(env, s, n, { actor: "test", at: `${TODAY}T09:00:00.000Z` });
    if (made === "audience_reached") throw new Error("over the audience");
    return made.codes;
  };

  it("withdraws every code not yet withdrawn, used or not, and audits how many", async () => {
    const s = openInvitation();
    const codes = await minted(s, 6);
    await env.DB.prepare("UPDATE survey_tokens SET used = 1 WHERE token_hash = (SELECT token_hash FROM survey_tokens LIMIT 1)").run();
    auditMark = (await env.DB.prepare("SELECT MAX(id) AS n FROM audit_log").first<{ n: number }>())!.n;
    const res = await api(url(), { method: "DELETE", headers: ADMIN, json: {} });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ withdrawn: 6 });
    // with no body at all, the same: nothing is left to withdraw
    expect((await api(url(), { method: "DELETE", headers: ADMIN })).body).toEqual({ withdrawn: 0 });
    const states = await Promise.all(codes.map((c) => readTokenState(env, s.id, c)));
    expect(states).toEqual(codes.map(() => "withdrawn"));
    // nothing is deleted: every code ever minted stays counted, and the withdrawn ones with it
    expect((await get(`/api/admin/surveys/${s.id}`)).body.survey.codes).toMatchObject({ issued: 6, withdrawn: 6, available: s.audience });
    const audit = await newAudit();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ action: "survey.tokens.delete", actor: "admin-token", target_id: s.id });
    expect(audit.map((a) => JSON.parse(a.detail!))).toEqual([
      { one: false, count: 6 },
      { one: false, count: 0 },
    ]);
  });

  it("withdraws one code typed loosely from a lost slip, answering the same whether it was used or not", async () => {
    const s = openInvitation();
    const [a, b, used] = await minted(s, 3);
    await env.DB.prepare("UPDATE survey_tokens SET used = 1 WHERE token_hash = ?1")
      .bind(await (await import("#lib/invitation/codes.ts")).invitationCodeHash(s.id, used!))
      .run();
    const withdraw = (code: string) => api(url(), { method: "DELETE", headers: ADMIN, json: { code } });
    const before = (await get(`/api/admin/surveys/${s.id}`)).body.survey.codes;
    const loose = a!.toLowerCase().replace(/-/g, " ").replace(/0/g, "o");
    const [unusedAnswer, usedAnswer] = [await withdraw(loose), await withdraw(used!)];
    // the same status, the same body: HR, who may know whose code it was, learns nothing of its use
    expect([unusedAnswer.status, unusedAnswer.body]).toEqual([200, { withdrawn: 1 }]);
    expect([usedAnswer.status, usedAnswer.body]).toEqual([200, { withdrawn: 1 }]);
    const after = (await get(`/api/admin/surveys/${s.id}`)).body.survey.codes;
    expect(after).toEqual({ ...before, withdrawn: 2, available: before.available + 2 });
    expect(await readTokenState(env, s.id, a!)).toBe("withdrawn");
    expect(await readTokenState(env, s.id, used!)).toBe("withdrawn");
    expect(await readTokenState(env, s.id, b!)).toBe("valid");
    // withdrawn already, or no such code: nothing
    expect((await withdraw(a!)).body).toEqual({ withdrawn: 0 });
    expect((await withdraw(HOSTILE.slice(0, 60))).body).toEqual({ withdrawn: 0 });
    expect(await readTokenState(env, s.id, b!)).toBe("valid");
  });

  it("bad input: malformed, wrong type, unknown field, oversized, not JSON, an open survey, an unknown one", async () => {
    const s = openInvitation();
    await createTokens(env, s, 2, { actor: "test", at: `${TODAY}T09:00:00.000Z` });
    auditMark = (await env.DB.prepare("SELECT MAX(id) AS n FROM audit_log").first<{ n: number }>())!.n;
    expectError(
      await api(url(), { method: "DELETE", body: "{", headers: { ...ADMIN, "Content-Type": "application/json" } }),
      400,
      "malformed_json",
    );
    expectError(
      await api(url(), { method: "DELETE", body: "code=1", headers: { ...ADMIN, "Content-Type": "text/plain" } }),
      415,
      "unsupported_media_type",
    );
    for (const json of [{ code: 5 }, { code: "" }, { code: "x".repeat(65) }, { code: "ABCD", extra: 1 }, [], "code"]) {
      const res = await api(url(), { method: "DELETE", json, headers: ADMIN });
      expect([res.status, JSON.stringify(json)]).toEqual([422, JSON.stringify(json)]);
      expectError(res, 422, "validation_failed");
    }
    expectError(await api(url(), { method: "DELETE", json: { code: "x".repeat(40_000) }, headers: ADMIN }), 413, "body_too_large");
    const open = SURVEYS.find((x) => x.access === "open")!;
    expectError(await api(`/api/admin/surveys/${open.id}/tokens`, { method: "DELETE", headers: ADMIN }), 409, "survey_not_invitation_only");
    expectError(await api("/api/admin/surveys/no-such/tokens", { method: "DELETE", headers: ADMIN }), 404, "not_found");
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM survey_tokens WHERE withdrawn = 0").first<{ n: number }>())!.n).toBe(2);
    expect(await newAudit()).toHaveLength(0);
  });
});

// ---------------------------------------------------------------- the audience

describe("PATCH /api/admin/surveys/{id}: raising the audience", () => {
  const patch = (id: string, json: unknown, headers: Record<string, string> = ADMIN) =>
    api(`/api/admin/surveys/${id}`, { method: "PATCH", json, headers });

  it("raises it, audited in the same batch, shown on the public survey and counted by the code cap", async () => {
    const s = openInvitation();
    const res = await patch(s.id, { audience: s.audience + 6 });
    expect(res.status).toBe(200);
    expect(res.body.survey).toMatchObject({
      id: s.id,
      audience: s.audience + 6,
      audienceRaises: [{ on: TODAY, from: s.audience, to: s.audience + 6 }],
      codes: { available: s.audience + 6 },
    });
    expect(res.body.survey.participation.audience).toBe(s.audience + 6);
    const audit = await newAudit();
    expect(audit.map((r) => [r.action, r.target_id, JSON.parse(r.detail!)])).toEqual([
      ["survey.audience.raise", s.id, { from: s.audience, to: s.audience + 6 }],
    ]);
    // everyone sees the raise, with its day, on every public read of the survey
    for (const path of [`/api/surveys/${s.id}`, `/api/surveys/${s.id}/stats`]) {
      expect((await api(path)).body).toMatchObject({
        audience: s.audience + 6,
        audienceRaises: [{ on: TODAY, from: s.audience, to: s.audience + 6 }],
      });
    }
    const listed = (await api("/api/surveys")).body.surveys.find((x: { id: string }) => x.id === s.id);
    expect(listed.audienceRaises).toHaveLength(1);
    // a second raise keeps the first
    expect((await patch(s.id, { audience: s.audience + 10 })).body.survey.audienceRaises).toEqual([
      { on: TODAY, from: s.audience, to: s.audience + 6 },
      { on: TODAY, from: s.audience + 6, to: s.audience + 10 },
    ]);
  });

  it("never lowers it or keeps it: 422 with the current audience; nothing written", async () => {
    const s = openInvitation();
    for (const audience of [s.audience, s.audience - 1, 1]) {
      const err = expectError(await patch(s.id, { audience }), 422, "validation_failed");
      expect(err.fields).toEqual({ audience: `The audience can only be raised: it is ${s.audience} now.` });
    }
    expect(await newAudit()).toHaveLength(0);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM survey_audience_raises").first<{ n: number }>())!.n).toBe(0);
  });

  it("two HR people raising at once from the same audience: one raise lands, the other is 409 and writes nothing", async () => {
    const s = closedWithSegments();
    const answers = await Promise.all([patch(s.id, { audience: s.audience + 1 }), patch(s.id, { audience: s.audience + 2 })]);
    const statuses = answers.map((r) => r.status).sort();
    // D1 runs the two batches one after the other: the second sees the first's raise unless both read first
    expect(statuses[0]).toBe(200);
    if (statuses[1] === 409)
      expectError(
        answers.find((r) => r.status === 409)!,
        409,
        "audience_changed",
      );
    const rows = (await env.DB.prepare("SELECT from_audience, to_audience FROM survey_audience_raises").all()).results;
    expect(await newAudit()).toHaveLength(rows.length);
    // every raise starts where the one before it ended
    const sorted = [...rows].sort((a, b) => Number(a.to_audience) - Number(b.to_audience));
    sorted.forEach((r, i) => expect(r.from_audience).toBe(i === 0 ? s.audience : sorted[i - 1]!.to_audience));
  });

  it("bad input: 401 signed out, 404 unknown survey, 422 wrong type, unknown field, out of range; 405 other methods", async () => {
    const s = openInvitation();
    expectError(await patch(s.id, { audience: 30 }, {}), 401, "unauthorized");
    expectError(await patch("no-such-survey", { audience: 30 }), 404, "not_found");
    for (const json of [
      {},
      { audience: "30" },
      { audience: 30.5 },
      { audience: 0 },
      { audience: 1_000_001 },
      { audience: 30, x: 1 },
      [],
      null,
    ]) {
      expectError(await patch(s.id, json), 422, "validation_failed");
    }
    expectError(
      await api(`/api/admin/surveys/${s.id}`, { method: "POST", json: { audience: 30 }, headers: ADMIN }),
      405,
      "method_not_allowed",
    );
    expect(await newAudit()).toHaveLength(0);
  });
});

// ---------------------------------------------------------------- the public list of reads

describe("GET /api/read-log", () => {
  it("lists, per survey, the day and action of every read of comments and every export; the role only by default", async () => {
    const s = closedWithSegments();
    for (let i = 0; i < 5; i++) await respond(s, answers(s, true, { team: null, tenure: null }, { comments: `c${i}` }));
    // the audit log keeps every read of this file's earlier tests: count what these add
    const times = async (action: string) =>
      ((await api("/api/read-log")).body.surveys.find((x: { id: string }) => x.id === s.id)?.reads ?? []).find(
        (r: { day: string; action: string }) => r.day === TODAY && r.action === action,
      )?.times ?? 0;
    const [comments0, exports0] = [await times("survey.comments.read"), await times("survey.responses.export")];
    await get(`/api/admin/surveys/${s.id}/comments`);
    await get(`/api/admin/surveys/${s.id}/comments`);
    await get(`/api/admin/surveys/${s.id}/responses.csv`);
    const res = await api("/api/read-log");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.body.names).toBe(false);
    const entry = res.body.surveys.find((x: { id: string }) => x.id === s.id);
    expect(entry.reads).toEqual(
      expect.arrayContaining([
        { day: TODAY, action: "survey.comments.read", by: null, times: comments0 + 2 },
        { day: TODAY, action: "survey.responses.export", by: null, times: exports0 + 1 },
      ]),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/admin-token|T\d\d:\d\d/);
    expectError(await api("/api/read-log?x=1"), 422, "validation_failed");
    expectError(await api("/api/read-log", { method: "POST", json: {} }), 405, "method_not_allowed");
  });

  it("names the HR person where the organisation chose READ_LOG_NAMES = name; the HTML is escaped", async () => {
    const s = closedWithSegments();
    // a row as the console writes it: on the chain (src/server/db/audit.ts)
    await appendAudit(env, {
      at: `${TODAY}T08:00:00.000Z`,
      actor: "<b>hr</b>@example.com",
      action: "survey.comments.read",
      targetType: "survey",
      targetId: s.id,
    });
    const named = await readLog({ ...env, READ_LOG_NAMES: "name" });
    expect(named.surveys.find((x) => x.id === s.id)!.reads.map((r) => r.by)).toContain("<b>hr</b>@example.com");
    const html = renderReadLog(named, "zh-cn");
    expect(html).toContain("&#60;b&#62;hr&#60;/b&#62;@example.com");
    expect(html).not.toContain("<b>hr</b>");
    expect(html).toContain("查看文字回答");
    // a count after Chinese text is spaced as Chinese is ("查看文字回答 7 次")
    expect(html).not.toMatch(/\p{Script=Han}\d+ 次/u);
    expect(renderReadLog(await readLog(env), "en")).not.toContain("example.com");
  });
});

describe("POST /api/admin/surveys/{id}/tokens/replace", () => {
  const url = () => `/api/admin/surveys/${openInvitation().id}/tokens/replace`;
  const minted = async (s: Survey, n: number) => {
    const made = await createTokens(env, s, n, { actor: "test", at: `${TODAY}T09:00:00.000Z` });
    if (made === "audience_reached") throw new Error("over the audience");
    return made.codes;
  };
  const markUsed = async (s: Survey, code: string) =>
    env.DB.prepare("UPDATE survey_tokens SET used = 1 WHERE token_hash = ?1")
      .bind(await invitationCodeHash(s.id, code))
      .run();
  const replace = (code: string) => api<{ surveyId: string; code: string }>(url(), { method: "POST", headers: ADMIN, json: { code } });
  const liveCount = async () =>
    (await env.DB.prepare("SELECT COUNT(*) AS n FROM survey_tokens WHERE withdrawn = 0").first<{ n: number }>())!.n;

  it("withdraws the code and mints one in its place, as one audited action, answering alike whether it was used or not", async () => {
    const s = openInvitation();
    const [unused, used, other] = await minted(s, 3);
    await markUsed(s, used!);
    auditMark = (await env.DB.prepare("SELECT MAX(id) AS n FROM audit_log").first<{ n: number }>())!.n;
    const before = (await get(`/api/admin/surveys/${s.id}`)).body.survey.codes;
    // typed loosely, as HR would from a slip held up to the phone
    const [forUnused, forUsed] = [await replace(unused!.toLowerCase().replace(/-/g, " ")), await replace(used!)];
    for (const res of [forUnused, forUsed]) {
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(["code", "surveyId"]);
      expect(res.body.surveyId).toBe(s.id);
      expect(res.body.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    }
    // HR, who may know whose code it was, learns nothing of its use: the same status and the same shape
    expect(forUnused.headers.get("Content-Type")).toBe(forUsed.headers.get("Content-Type"));
    for (const old of [unused!, used!]) expect(await readTokenState(env, s.id, old)).toBe("withdrawn");
    for (const fresh of [forUnused.body.code, forUsed.body.code]) expect(await readTokenState(env, s.id, fresh)).toBe("valid");
    expect(await readTokenState(env, s.id, other!)).toBe("valid");
    // the codes that can still be used stay as many; the public totals show the withdrawal and the new code
    const after = (await get(`/api/admin/surveys/${s.id}`)).body.survey.codes;
    expect(after).toEqual({ ...before, issued: before.issued + 2, withdrawn: before.withdrawn + 2, available: before.available });
    const audit = await newAudit();
    expect(audit.map((a) => [a.action, a.actor, a.target_id, JSON.parse(a.detail!)])).toEqual([
      ["survey.tokens.replace", "admin-token", s.id, { count: 1 }],
      ["survey.tokens.replace", "admin-token", s.id, { count: 1 }],
    ]);
    // never the codes, old or new, in the log
    for (const code of [unused!, used!, forUnused.body.code, forUsed.body.code]) expect(JSON.stringify(audit)).not.toContain(code);
  });

  it("works at a full audience, where no new code can be minted, and leaves it full", async () => {
    const s = openInvitation();
    const codes = await minted(s, s.audience);
    expectError(
      await api(`/api/admin/surveys/${s.id}/tokens`, { method: "POST", headers: ADMIN, json: { count: 1 } }),
      409,
      "audience_reached",
    );
    await markUsed(s, codes[0]!);
    const res = await replace(codes[0]!);
    expect(res.status).toBe(201);
    expect(await liveCount()).toBe(s.audience);
    expect((await get(`/api/admin/surveys/${s.id}`)).body.survey.codes).toMatchObject({ available: 0 });
  });

  it("an unknown code, one withdrawn, or one replaced already: 422 naming the code, and nothing written", async () => {
    const s = openInvitation();
    const [a, b] = await minted(s, 2);
    expect((await replace(a!)).status).toBe(201);
    await api(`/api/admin/surveys/${s.id}/tokens`, { method: "DELETE", headers: ADMIN, json: { code: b! } });
    auditMark = (await env.DB.prepare("SELECT MAX(id) AS n FROM audit_log").first<{ n: number }>())!.n;
    const live = await liveCount();
    for (const code of [a!, b!, "7KQ2-M9XD-4RTB", HOSTILE.slice(0, 60)]) {
      const res = await replace(code);
      expectError(res, 422, "validation_failed");
      expect(Object.keys((res.body as unknown as { error: { fields: Record<string, string> } }).error.fields)).toEqual(["code"]);
    }
    expect(await liveCount()).toBe(live);
    expect(await newAudit()).toHaveLength(0);
  });

  it("two HR people replacing the same code at once: one new code, one audit row", async () => {
    const s = openInvitation();
    const [a] = await minted(s, 1);
    auditMark = (await env.DB.prepare("SELECT MAX(id) AS n FROM audit_log").first<{ n: number }>())!.n;
    const answers = await Promise.all([replace(a!), replace(a!)]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(await liveCount()).toBe(1);
    expect(await newAudit()).toHaveLength(1);
  });

  it("bad input: malformed, wrong type, unknown field, oversized, not JSON, an open survey, an unknown one", async () => {
    const s = openInvitation();
    await minted(s, 2);
    auditMark = (await env.DB.prepare("SELECT MAX(id) AS n FROM audit_log").first<{ n: number }>())!.n;
    expectError(
      await api(url(), { method: "POST", body: "{", headers: { ...ADMIN, "Content-Type": "application/json" } }),
      400,
      "malformed_json",
    );
    expectError(
      await api(url(), { method: "POST", body: "code=1", headers: { ...ADMIN, "Content-Type": "text/plain" } }),
      415,
      "unsupported_media_type",
    );
    for (const json of [{}, { code: 5 }, { code: "" }, { code: "x".repeat(65) }, { code: "ABCD", extra: 1 }, [], "code"]) {
      const res = await api(url(), { method: "POST", json, headers: ADMIN });
      expect([res.status, JSON.stringify(json)]).toEqual([422, JSON.stringify(json)]);
      expectError(res, 422, "validation_failed");
    }
    expectError(await api(url(), { method: "POST", json: { code: "x".repeat(40_000) }, headers: ADMIN }), 413, "body_too_large");
    expectError(await api(url(), { method: "GET", headers: ADMIN }), 405, "method_not_allowed");
    const open = SURVEYS.find((x) => x.access === "open")!;
    expectError(
      await api(`/api/admin/surveys/${open.id}/tokens/replace`, { method: "POST", headers: ADMIN, json: { code: "7KQ2-M9XD-4RTB" } }),
      409,
      "survey_not_invitation_only",
    );
    expectError(
      await api("/api/admin/surveys/no-such/tokens/replace", { method: "POST", headers: ADMIN, json: { code: "7KQ2-M9XD-4RTB" } }),
      404,
      "not_found",
    );
    expect(await liveCount()).toBe(2);
    expect(await newAudit()).toHaveLength(0);
  });
});
