// The surveys API through the real Pages router and middleware, against a
// real local D1. The Worker's day is pinned (CANDOR_TODAY, vitest.config.ts)
// and demo surveys are picked by their status on that day, so the tests mean
// the same thing on any real date; if the demo content's dates move away from
// the pinned day, the helper says which file to update.
import { env } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { addDays, systemClock } from "#lib/clock.ts";
import { SURVEYS, type Survey } from "#lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import { surveyStatus, type SurveyStatus } from "#lib/surveys/schema.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { storeResponse } from "#server/db/responses.ts";
import { createTokens, readTokenState } from "#server/db/tokens.ts";
import { listSurveys, submitResponse, type SurveySummary } from "#server/surveys.ts";
import type { ChoiceResult, QuestionResult } from "#lib/surveys/results.ts";
import { countHit, DEFAULT_LIMITS, forgetCounts } from "#server/rate-limit.ts";
import { ORIGIN, api, expectError, routeNow } from "./helpers";

const TODAY = env.CANDOR_TODAY;
const ADMIN = { Authorization: `Bearer ${env.ADMIN_TOKEN}` };

function survey(status: SurveyStatus, access: Survey["access"] = "open"): Survey {
  const found = SURVEYS.find((s) => surveyStatus(s, TODAY) === status && s.access === access);
  if (!found) throw new Error(`no ${access} demo survey is ${status} on ${TODAY}: adjust the dates in src/content/surveys/`);
  return found;
}
const byId = (id: string) => SURVEYS.find((s) => s.id === id)!;

let seq = 0;
function sid(): string {
  seq += 1;
  return `test-${crypto.randomUUID()}-${seq}`.slice(0, 64);
}

function validAnswers(s: Survey, seed = 1): Record<string, unknown> {
  return sampleAnswers(s.definition, s.questions, seededRandom(seed), { comments: ["Fine."], commentRate: 1 });
}

function post(s: Survey | string, body: unknown, headers: Record<string, string> = {}) {
  const id = typeof s === "string" ? s : s.id;
  return api(`/api/surveys/${id}/responses`, { method: "POST", json: body, headers });
}

async function count(table: string, where = "1 = 1", ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`)
    .bind(...binds)
    .first<{ n: number }>();
  return row!.n;
}

async function dumpSurveyTables(): Promise<string> {
  const out: unknown[] = [];
  for (const t of ["survey_responses", "survey_answers", "survey_submissions", "survey_tokens", "survey_spent_tokens"]) {
    out.push((await env.DB.prepare(`SELECT * FROM ${t}`).all()).results);
  }
  return JSON.stringify(out);
}

// The audit log is append-only (a trigger refuses DELETE): tests count the rows added after this mark.
let auditMark = 0;
async function newAuditRows<T = Record<string, unknown>>(): Promise<T[]> {
  return (await env.DB.prepare("SELECT * FROM audit_log WHERE id > ?1 ORDER BY id").bind(auditMark).all<T>()).results;
}

beforeEach(async () => {
  await env.DB.batch(
    [
      "survey_answers",
      "survey_responses",
      "survey_submissions",
      "survey_tokens",
      "survey_spent_tokens",
      "published_k",
      "survey_audience_raises",
      "survey_redemption_days",
    ].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  );
  forgetCounts();
  auditMark = (await env.DB.prepare("SELECT COALESCE(MAX(id), 0) AS n FROM audit_log").first<{ n: number }>())!.n;
});

// ---------------------------------------------------------------- reading

describe("GET /api/surveys", () => {
  it("lists every survey with status, dates, access, visibility and responses so far", async () => {
    const res = await api("/api/surveys");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const list = res.body.surveys as SurveySummary[];
    expect(list.map((s) => s.id).sort()).toEqual(SURVEYS.map((s) => s.id).sort());
    for (const item of list) {
      const s = byId(item.id);
      expect(item).toMatchObject({
        status: surveyStatus(s, TODAY),
        opens: s.opens,
        closes: s.closes,
        access: s.access,
        resultsVisibility: s.resultsVisibility,
        audience: s.audience,
        audienceRaises: [],
        responses: 0,
      });
      expect(item.minGroupSize).toBeGreaterThanOrEqual(3);
      expect(item).not.toHaveProperty("definition");
    }
    expect(new Set(list.map((s) => s.status))).toEqual(new Set(["open", "upcoming", "closed"]));
  });

  it("answers a wrong method with 405", async () => {
    expectError(await api("/api/surveys", { method: "POST", json: {} }), 405, "method_not_allowed");
  });

  it("decides status on the local Worker's pinned day; a Worker without CANDOR_ENV (as deployed) ignores the pin", async () => {
    const h2 = byId("reward-survey-2026-h2");
    const statusOn = async (vars: Partial<AppEnv>) =>
      (await listSurveys({ ...env, ...vars }, readClock({ ...env, ...vars }).now())).find((s) => s.id === h2.id)!.status;
    expect(await statusOn({})).toBe(surveyStatus(h2, TODAY));
    expect(await statusOn({ CANDOR_TODAY: addDays(h2.opens, -1) })).toBe("upcoming");
    expect(await statusOn({ CANDOR_TODAY: h2.opens })).toBe("open");
    expect(await statusOn({ CANDOR_TODAY: addDays(h2.closes, 1) })).toBe("closed");
    // A pin whose status differs from the real date's, so the real date showing through is visible on any day.
    const real = surveyStatus(h2, systemClock.today());
    const pin = [addDays(h2.opens, -1), h2.opens, addDays(h2.closes, 1)].find((day) => surveyStatus(h2, day) !== real)!;
    expect(await statusOn({ CANDOR_ENV: undefined, CANDOR_TODAY: pin })).toBe(real);
    expect(await statusOn({ CANDOR_ENV: "production", CANDOR_TODAY: pin })).toBe(real);
  });
});

describe("GET /api/surveys/{id}", () => {
  it("returns the metadata and the exact SurveyJS definition the server validates against", async () => {
    const s = survey("open");
    const res = await api(`/api/surveys/${s.id}`);
    expect(res.status).toBe(200);
    expect(res.body.definition).toEqual(s.definition);
    expect(res.body.title).toEqual(s.title);
    expect(res.body.status).toBe("open");
    // who takes part: the audience, and responses in participation steps; codes only for an invitation survey
    expect(res.body).toMatchObject({ audience: s.audience, audienceRaises: [], participation: { responses: 0, codes: null } });
    const inv = survey("open", "invitation");
    await createTokens(env, inv, 3, { actor: "test", at: TODAY });
    const invRes = await api(`/api/surveys/${inv.id}`);
    expect(invRes.body.participation).toMatchObject({ responses: 0, codes: { issued: 3, withdrawn: 0 } });
  });

  it("answers an unknown or hostile id with a JSON 404", async () => {
    expectError(await api("/api/surveys/no-such-survey"), 404, "not_found");
    const err = expectError(await api("/api/surveys/%3Cscript%3Ealert(1)%3C%2Fscript%3E"), 404, "not_found");
    expect(err.message).not.toContain("<script>");
    expectError(await api("/api/surveys/'%20OR%201=1--/stats"), 404, "not_found");
  });
});

// ---------------------------------------------------------------- submitting

describe("POST /api/surveys/{id}/responses", () => {
  it("stores a valid response as one row per answered question, with version and day only (the locale is accepted, never stored)", async () => {
    const s = survey("open");
    const answers = validAnswers(s);
    const res = await post(s, { submissionId: sid(), answers, locale: "zh-cn" }, { Origin: ORIGIN });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ok: true });
    const resp = await env.DB.prepare("SELECT * FROM survey_responses").all();
    expect(resp.results).toHaveLength(1);
    expect(resp.results[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      survey_id: s.id,
      survey_version: s.version,
      day: TODAY,
    });
    expect(JSON.stringify(await dumpSurveyTables())).not.toContain("zh-cn");
    const rows = await env.DB.prepare("SELECT question FROM survey_answers").all<{ question: string }>();
    expect(rows.results.map((r) => r.question).sort()).toEqual(Object.keys(answers).sort());
  });

  it("answers in English without a locale and in Chinese with one, storing the same rows either way", async () => {
    const s = survey("open");
    const bad = { ...validAnswers(s), nope: 1 };
    expect(expectError(await post(s, { submissionId: sid(), answers: bad }), 422, "invalid_answers").fields!["answers.nope"]).toMatch(
      /[A-Za-z]/,
    );
    const zh = expectError(await post(s, { submissionId: sid(), answers: bad, locale: "zh-cn" }), 422, "invalid_answers");
    expect(zh.fields!["answers.nope"]).toMatch(/[\u4e00-\u9fff]/);
    expect((await post(s, { submissionId: sid(), answers: validAnswers(s), locale: "en" })).status).toBe(201);
    expect((await post(s, { submissionId: sid(), answers: validAnswers(s), locale: "zh-cn" })).status).toBe(201);
    const rows = await env.DB.prepare("SELECT survey_id, survey_version, day FROM survey_responses").all();
    expect(rows.results[0]).toEqual(rows.results[1]);
  });

  it("answers the same submissionId again with 200 and stores nothing more, even with other answers", async () => {
    const s = survey("open");
    const id = sid();
    expect((await post(s, { submissionId: id, answers: validAnswers(s, 1) })).status).toBe(201);
    const before = await dumpSurveyTables();
    const again = await post(s, { submissionId: id, answers: validAnswers(s, 2) });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ok: true });
    expect(await dumpSurveyTables()).toBe(before);
  });

  it("stores 200 concurrent submissions exactly once each", async () => {
    const s = survey("open");
    const ids = Array.from({ length: 200 }, sid);
    const results = await Promise.all(ids.map((id, i) => post(s, { submissionId: id, answers: validAnswers(s, i) })));
    expect(results.map((r) => r.status)).toEqual(Array(200).fill(201));
    expect(await count("survey_responses")).toBe(200);
    expect(await count("survey_submissions")).toBe(200);
  }, 60_000); // a load test on a shared 2-core machine: allow time, assert only on counts

  it("stores one response when the same submission arrives 20 times at once", async () => {
    const s = survey("open");
    const body = { submissionId: sid(), answers: validAnswers(s) };
    const results = await Promise.all(Array.from({ length: 20 }, () => post(s, body)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((x) => x === 201)).toHaveLength(1);
    expect(statuses.filter((x) => x === 200)).toHaveLength(19);
    expect(await count("survey_responses")).toBe(1);
  });

  it("refuses a closed survey with 409 survey_closed and an upcoming one with 409 survey_not_open", async () => {
    const closed = survey("closed");
    expectError(await post(closed, { submissionId: sid(), answers: validAnswers(closed) }), 409, "survey_closed");
    const upcoming = survey("upcoming");
    expectError(await post(upcoming, { submissionId: sid(), answers: validAnswers(upcoming) }), 409, "survey_not_open");
    expect(await count("survey_responses")).toBe(0);
  });

  describe("the day of a response is the day its batch commits", () => {
    // SQLite reads the real clock at commit; the Worker's clock is set to just
    // before that day's midnight, as for a request that began at 23:59:59.9.
    afterEach(() => {
      vi.useRealTimers();
    });
    async function beganBeforeMidnight() {
      const commitDay = (await env.DB.prepare("SELECT date('now') AS d").first<{ d: string }>())!.d;
      const startDay = addDays(commitDay, -1);
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date(`${startDay}T23:59:59.900Z`));
      return { commitDay, startDay, started: systemClock.now() };
    }
    const request = () => new Request(ORIGIN, { headers: { "CF-Connecting-IP": "203.0.113.91" } });

    it("is stored under the day it committed, never under a day that has ended (whose steps may be published)", async () => {
      const { commitDay, startDay, started } = await beganBeforeMidnight();
      const s = { ...survey("open"), opens: startDay, closes: commitDay };
      await expect(submitResponse(env, request(), s, { submissionId: sid(), answers: validAnswers(s) }, started)).resolves.toBe("stored");
      const days = (await env.DB.prepare("SELECT day FROM survey_responses").all<{ day: string }>()).results;
      expect(days).toEqual([{ day: commitDay }]);
    });

    it("is refused (409 survey_closed, nothing stored) when the survey closed at the midnight between start and commit", async () => {
      const { startDay, started } = await beganBeforeMidnight();
      const s = { ...survey("open"), opens: addDays(startDay, -3), closes: startDay };
      const err = await submitResponse(env, request(), s, { submissionId: sid(), answers: validAnswers(s) }, started).catch((e) => e);
      expect(err).toMatchObject({ status: 409, code: "survey_closed" });
      expect(await dumpSurveyTables()).toBe(JSON.stringify([[], [], [], [], []]));
    });
  });

  it("answers an unknown survey with 404", async () => {
    expectError(await post("no-such-survey", { submissionId: sid(), answers: {} }), 404, "not_found");
  });

  it("answers a wrong method with 405", async () => {
    const res = await api(`/api/surveys/${survey("open").id}/responses`);
    expectError(res, 405, "method_not_allowed");
    expect(res.headers.get("Allow")).toBe("POST");
  });

  describe("answers the server does not accept → 422 with a message per question", () => {
    const s = () => survey("open");
    const submit = async (patch: Record<string, unknown>, drop: string[] = []) => {
      const answers: Record<string, unknown> = { ...validAnswers(s()), ...patch };
      for (const d of drop) delete answers[d];
      return post(s(), { submissionId: sid(), answers });
    };
    const q = (type: string) => s().questions.find((x) => x.type === type)!;

    it("unknown question names, including hostile ones", async () => {
      const res = await submit({ nope: 1, "<script>alert(1)</script>": "x", "'; DROP TABLE survey_answers; --": 1 });
      const err = expectError(res, 422, "invalid_answers");
      expect(Object.keys(err.fields!)).toEqual(
        expect.arrayContaining(["answers.nope", "answers.<script>alert(1)</script>", "answers.'; DROP TABLE survey_answers; --"]),
      );
      expect(await count("survey_answers")).toBe(0);
    });

    it("a value outside the choices, a rating outside its scale, a wrong type", async () => {
      const rating = q("rating");
      const radio = q("radiogroup");
      const bool = q("boolean");
      const err = expectError(await submit({ [rating.name]: 99, [radio.name]: "maybe", [bool.name]: "yes" }), 422, "invalid_answers");
      expect(Object.keys(err.fields!).sort()).toEqual([`answers.${bool.name}`, `answers.${radio.name}`, `answers.${rating.name}`].sort());
      const err2 = expectError(await submit({ [rating.name]: "5" }), 422, "invalid_answers");
      expect(err2.fields![`answers.${rating.name}`]).toBeTruthy();
      const err3 = expectError(await submit({ [rating.name]: [5] }), 422, "invalid_answers");
      expect(err3.fields![`answers.${rating.name}`]).toMatch(/type/);
    });

    it("a missing required answer, with SurveyJS's own message in the respondent's language", async () => {
      const required = s().questions.find((x) => x.type === "rating")!;
      const en = expectError(await submit({}, [required.name]), 422, "invalid_answers");
      expect(en.fields![`answers.${required.name}`]).toBe("Response required.");
      const answers = validAnswers(s());
      delete answers[required.name];
      const zh = expectError(await post(s(), { submissionId: sid(), answers, locale: "zh-cn" }), 422, "invalid_answers");
      expect(zh.fields![`answers.${required.name}`]).toBe("请填写此问题");
    });

    it("an answer to a question the survey's own logic hides", async () => {
      const conditional = s().questions.find((x) => x.type === "checkbox")!;
      // pick the workload answer that hides it: the first choice ("lighter than usual")
      const trigger = s().questions.find((x) => x.type === "radiogroup")!;
      const err = expectError(
        await submit({ [trigger.name]: trigger.choices[0]!.value, [conditional.name]: [conditional.choices[0]!.value] }),
        422,
        "invalid_answers",
      );
      expect(Object.keys(err.fields!)).toEqual([`answers.${conditional.name}`]);
    });

    it("checkbox arrays with duplicates, unknown items or too many items", async () => {
      const cb = q("checkbox");
      const trigger = s().questions.find((x) => x.type === "radiogroup")!;
      const heavy = { [trigger.name]: trigger.choices[2]!.value };
      const values = cb.choices.map((c) => c.value);
      for (const bad of [[values[0], values[0]], ["nope"], values.slice(0, cb.maxSelected + 1), "volume", [{}]]) {
        const err = expectError(await submit({ ...heavy, [cb.name]: bad }), 422, "invalid_answers");
        expect(Object.keys(err.fields!)).toEqual([`answers.${cb.name}`]);
      }
      expect((await submit({ ...heavy, [cb.name]: values.slice(0, cb.maxSelected) })).status).toBe(201);
    });

    it("oversize free text, control characters and direction overrides", async () => {
      const c = q("comment");
      const err = expectError(await submit({ [c.name]: "x".repeat(c.maxLength + 1) }), 422, "invalid_answers");
      expect(err.fields![`answers.${c.name}`]).toMatch(/too long/);
      const nul = expectError(await submit({ [c.name]: "fine\u0000then" }), 422, "invalid_answers");
      expect(nul.fields![`answers.${c.name}`]).toMatch(/control/);
      // direction overrides and isolates, and C1 controls: one rule with the suggestion box (src/lib/text/unsafe-text.ts)
      for (const text of ["\u202Eevil", "a\u2066b\u2069", "next\u0085line"]) {
        const err = expectError(await submit({ [c.name]: text }), 422, "invalid_answers");
        expect(err.fields![`answers.${c.name}`]).toMatch(/text-direction overrides/);
      }
      expect(await count("survey_responses")).toBe(0);
    });

    it("stores hostile-looking but harmless text verbatim (script tags, SQL, RTL and zero-width characters)", async () => {
      const c = q("comment");
      const texts = [
        "<script>alert(1)</script><img src=x onerror=alert(1)>",
        "'); DROP TABLE survey_responses; --",
        // right-to-left marks and zero-width characters are text; a direction override is not (below)
        "\u200Fevil\u200B\u200Dtext\u061C",
      ];
      for (const text of texts) expect((await submit({ [c.name]: text })).status).toBe(201);
      const stored = await env.DB.prepare("SELECT text FROM survey_answers WHERE question = ?1").bind(c.name).all<{ text: string }>();
      expect(stored.results.map((r) => r.text).sort()).toEqual([...texts].sort());
      expect(await count("survey_responses")).toBe(3);
    });
  });

  describe("malformed requests", () => {
    const s = () => survey("open");
    const raw = (body: string, contentType = "application/json") =>
      api(`/api/surveys/${s().id}/responses`, { method: "POST", headers: { "Content-Type": contentType }, body });

    it("400 malformed JSON, 415 not JSON, 413 too large", async () => {
      expectError(await raw("{not json"), 400, "malformed_json");
      expectError(await raw(`{"submissionId": "abc`), 400, "malformed_json");
      expectError(await raw("a=1", "application/x-www-form-urlencoded"), 415, "unsupported_media_type");
      expectError(await post(s(), { submissionId: sid(), answers: { x: "y".repeat(40_000) } }), 413, "body_too_large");
      expect(await count("survey_responses")).toBe(0);
    });

    it("422 for unknown fields, wrong types and bad submission ids", async () => {
      const answers = validAnswers(s());
      const unknown = expectError(await post(s(), { submissionId: sid(), answers, ip: "1.2.3.4" }), 422, "validation_failed");
      expect(unknown.fields).toHaveProperty("ip");
      expectError(await post(s(), { submissionId: 42, answers }), 422, "validation_failed");
      expectError(await post(s(), { submissionId: "short", answers }), 422, "validation_failed");
      expectError(await post(s(), { submissionId: "<script>alert(1)</script>xxxxxxx", answers }), 422, "validation_failed");
      expectError(await post(s(), { submissionId: sid(), answers: [1, 2] }), 422, "validation_failed");
      expectError(await post(s(), { submissionId: sid(), answers: "all good" }), 422, "validation_failed");
      expectError(await post(s(), { submissionId: sid(), answers, locale: "fr" }), 422, "validation_failed");
      expectError(await post(s(), [answers]), 422, "validation_failed");
      expectError(await post(s(), null), 422, "validation_failed");
      expect(await count("survey_responses")).toBe(0);
    });

    it("survives a __proto__ key and prototype-looking names without a 500", async () => {
      const body = `{"submissionId":"${sid()}","answers":{"__proto__":{"polluted":1},"constructor":1,"toString":2}}`;
      const res = await raw(body);
      const err = expectError(res, 422, "invalid_answers");
      // each one is named as an unknown question, "__proto__" included (zod's record used to drop it: a silent 201)
      for (const name of ["__proto__", "constructor", "toString"]) expect(Object.hasOwn(err.fields!, `answers.${name}`), name).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const open = survey("open");
      const alone = await api(`/api/surveys/${open.id}/responses`, {
        method: "POST",
        body: `{"submissionId":"${sid()}","answers":{${JSON.stringify(validAnswers(open)).slice(1, -1)},"__proto__":1}}`,
        headers: { "Content-Type": "application/json" },
      });
      expect(Object.keys(expectError(alone, 422, "invalid_answers").fields!)).toEqual(["answers.__proto__"]);
      expect(await count("survey_responses")).toBe(0);
    });

    it("refuses another site's origin with 403", async () => {
      expectError(
        await post(s(), { submissionId: sid(), answers: validAnswers(s()) }, { Origin: "https://evil.example" }),
        403,
        "forbidden_origin",
      );
    });
  });

  it("counts invalid answers and replays apart from stored responses: neither can use up a colleague's quota", async () => {
    const s = survey("open");
    const limited = {
      ...env,
      RATE_LIMITS: JSON.stringify({
        survey_response: { limit: 3, windowSeconds: 3600 },
        survey_rejected: { limit: 2, windowSeconds: 3600 },
      }),
    };
    const request = new Request(ORIGIN, { headers: { "CF-Connecting-IP": "203.0.113.88" } });
    const invalid = { submissionId: sid(), answers: { nope: 1 } };
    for (let i = 0; i < 2; i++)
      await expect(submitResponse(limited, request, s, invalid, routeNow())).rejects.toMatchObject({ status: 422 });
    await expect(submitResponse(limited, request, s, invalid, routeNow())).rejects.toMatchObject({ status: 429 });
    // the flood of invalid ones is refused; a real response from the same address is not
    const real = { submissionId: sid(), answers: validAnswers(s) };
    await expect(submitResponse(limited, request, s, real, routeNow())).resolves.toBe("stored");
    // replays are answered (200) until their own ceiling, and still leave room for new responses
    await expect(submitResponse(limited, request, s, real, routeNow())).rejects.toMatchObject({ status: 429 });
    await expect(submitResponse(limited, request, s, { submissionId: sid(), answers: validAnswers(s, 2) }, routeNow())).resolves.toBe(
      "stored",
    );
    expect(await count("survey_responses")).toBe(2);
  });

  it("does not count what the cheap checks refuse: more empty bodies than the refusal limit cost the next refusal nothing", async () => {
    const s = survey("open");
    const headers = { "CF-Connecting-IP": "203.0.113.89" };
    // counted, they would fill survey_rejected (600 an hour) and the invalid answers below would be a 429
    for (let i = 0; i < DEFAULT_LIMITS.survey_rejected.limit + 1; i++) expectError(await post(s, {}, headers), 422, "validation_failed");
    expectError(await post(s, { submissionId: sid(), answers: { nope: 1 } }, headers), 422, "invalid_answers");
    expect((await post(s, { submissionId: sid(), answers: validAnswers(s) }, headers)).status).toBe(201);
  }, 60_000);

  it("limits one address to the survey bucket (600/hour by default) with 429 and Retry-After, and stores nothing over it", async () => {
    const s = survey("open");
    const request = new Request(ORIGIN, { headers: { "CF-Connecting-IP": "203.0.113.77" } });
    const now = routeNow();
    // the hour's 600 responses of a contact centre behind this address, as counted so far
    for (let i = 0; i < DEFAULT_LIMITS.survey_response.limit; i++) await countHit(env, request, "survey_response", now);
    const err = await submitResponse(env, request, s, { submissionId: sid(), answers: validAnswers(s) }, now).catch((e) => e);
    expect(err).toMatchObject({ status: 429, code: "rate_limited" });
    expect(Number(err.headers["Retry-After"])).toBeGreaterThan(0);
    expect(await count("survey_responses")).toBe(0);
    // another address behind another NAT still gets through
    const other = new Request(ORIGIN, { headers: { "CF-Connecting-IP": "198.51.100.1" } });
    await expect(submitResponse(env, other, s, { submissionId: sid(), answers: validAnswers(s) }, now)).resolves.toBe("stored");
  });

  it("answers a resend of a stored response as one (200) even over the limit, and never counts it as a new response", async () => {
    const s = survey("open");
    const limited = { ...env, RATE_LIMITS: JSON.stringify({ survey_response: { limit: 1, windowSeconds: 3600 } }) };
    const request = new Request(ORIGIN, { headers: { "CF-Connecting-IP": "203.0.113.78" } });
    const body = { submissionId: sid(), answers: validAnswers(s) };
    await expect(submitResponse(limited, request, s, body, routeNow())).resolves.toBe("stored");
    await expect(submitResponse(limited, request, s, body, routeNow())).resolves.toBe("duplicate");
    await expect(submitResponse(limited, request, s, { submissionId: sid(), answers: validAnswers(s) }, routeNow())).rejects.toMatchObject({
      status: 429,
    });
    expect(await count("survey_responses")).toBe(1);
  });
});

describe("POST /api/admin/surveys/{id}/tokens", () => {
  const inv = () => survey("open", "invitation");
  const call = (body: unknown, headers: Record<string, string> = ADMIN, id = inv().id) =>
    api(`/api/admin/surveys/${id}/tokens`, { method: "POST", json: body, headers });

  it("returns N distinct codes once, stores only their hashes, and writes the audit log", async () => {
    const res = await call({ count: 20 });
    expect(res.status).toBe(201);
    const codes = res.body.codes as string[];
    expect(new Set(codes).size).toBe(20);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(await count("survey_tokens", "survey_id = ?1 AND used = 0", inv().id)).toBe(20);
    const dump = await dumpSurveyTables();
    for (const c of codes) {
      expect(dump).not.toContain(c);
      expect(dump).not.toContain(c.replace(/-/g, ""));
    }
    const audit = {
      results: await newAuditRows<{
        actor: string;
        action: string;
        target_type: string;
        target_id: string;
        detail: string;
      }>(),
    };
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]).toMatchObject({
      actor: "admin-token",
      action: "survey.tokens.create",
      target_type: "survey",
      target_id: inv().id,
    });
    expect(JSON.parse(audit.results[0].detail)).toEqual({ count: 20 });
    expect(JSON.stringify(audit.results)).not.toContain(codes[0]);
  });

  it("creates 500 codes in one two-statement batch (the codes, the audit row), each usable once", async () => {
    const batches: number[] = [];
    const db = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "batch") return (statements: D1PreparedStatement[]) => (batches.push(statements.length), target.batch(statements));
        const v = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    // an audience of 500 (the demo survey's is 24): codes never exceed it
    const made = await createTokens({ DB: db }, { ...inv(), audience: 500 }, 500, { actor: "test", at: TODAY });
    if (made === "audience_reached") throw new Error("500 codes for an audience of 500 were refused");
    const codes = made.codes;
    expect(batches).toEqual([2]);
    expect(new Set(codes).size).toBe(500);
    expect(await count("survey_tokens", "survey_id = ?1 AND used = 0", inv().id)).toBe(500);
    expect(await readTokenState(env, inv().id, codes[499]!)).toBe("valid");
    expect(await newAuditRows()).toHaveLength(1);
  });

  it("never lets the codes still usable exceed the audience: 409 audience_reached, nothing written; withdrawn codes stay counted", async () => {
    const s = inv();
    expect(s.audience).toBe(24);
    expect((await call({ count: 20 })).status).toBe(201);
    const over = expectError(await call({ count: 5 }), 409, "audience_reached");
    expect(over.message).toMatch(/24 people.*20 of its codes.*at most 4 more/);
    expect(await count("survey_tokens", "survey_id = ?1", s.id)).toBe(20);
    expect((await newAuditRows()).map((r) => r.action)).toEqual(["survey.tokens.create"]);
    // two HR people minting the last codes at once: one batch wins, the other is refused whole
    const racing = await Promise.all([call({ count: 4 }), call({ count: 4 })]);
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await count("survey_tokens", "survey_id = ?1", s.id)).toBe(24);
    // a withdrawn code frees its place — and is counted, publicly, as withdrawn, so minting again cannot hide
    const withdraw = await api(`/api/admin/surveys/${s.id}/tokens`, { method: "DELETE", json: {}, headers: ADMIN });
    expect(withdraw.body).toEqual({ withdrawn: 24 });
    expect((await call({ count: 24 })).status).toBe(201);
    expectError(await call({ count: 1 }), 409, "audience_reached");
    const pub = (await api(`/api/surveys/${s.id}`)).body.participation.codes;
    expect(pub).toEqual({ issued: 48, withdrawn: 24 });
    expect((await api(`/api/surveys/${s.id}/stats`)).body.codes).toEqual({ issued: 48, withdrawn: 24 });
    // raising the audience (audited, public) lets more codes out
    const raised = await api(`/api/admin/surveys/${s.id}`, { method: "PATCH", json: { audience: 30 }, headers: ADMIN });
    expect(raised.status).toBe(200);
    expect(raised.body.survey).toMatchObject({ audience: 30, audienceRaises: [{ on: TODAY, from: 24, to: 30 }] });
    expect((await call({ count: 6 })).status).toBe(201);
    expectError(await call({ count: 1 }), 409, "audience_reached");
  });

  it("401 without or with a wrong bearer token, nothing created", async () => {
    expectError(await call({ count: 1 }, {}), 401, "unauthorized");
    expectError(await call({ count: 1 }, { Authorization: "Bearer wrong-token-wrong-token" }), 401, "unauthorized");
    expectError(await call({ count: 1 }, { Authorization: `Basic ${btoa("admin:" + env.ADMIN_TOKEN)}` }), 401, "unauthorized");
    expect(await count("survey_tokens")).toBe(0);
    expect(await newAuditRows()).toHaveLength(0);
  });

  // sign-in itself (fail-closed, Access JWTs, tokens) is tested once for every admin endpoint in admin-ideas.test.ts

  it("422 for a bad count, 404 for an unknown survey, 409 for an open-access survey, 405 for GET", async () => {
    for (const body of [{ count: 0 }, { count: 501 }, { count: "5" }, { count: 1.5 }, {}, { count: 1, extra: true }]) {
      expectError(await call(body), 422, "validation_failed");
    }
    expectError(await call({ count: 1 }, ADMIN, "no-such-survey"), 404, "not_found");
    expectError(await call({ count: 1 }, ADMIN, survey("open").id), 409, "survey_not_invitation_only");
    expectError(await api(`/api/admin/surveys/${inv().id}/tokens`, { headers: ADMIN }), 405, "method_not_allowed");
    expect(await count("survey_tokens")).toBe(0);
  });

  it("400 / 413 / 415 for malformed bodies", async () => {
    const url = `/api/admin/surveys/${inv().id}/tokens`;
    expectError(
      await api(url, { method: "POST", body: "{", headers: { ...ADMIN, "Content-Type": "application/json" } }),
      400,
      "malformed_json",
    );
    expectError(
      await api(url, { method: "POST", body: "count=1", headers: { ...ADMIN, "Content-Type": "text/plain" } }),
      415,
      "unsupported_media_type",
    );
    expectError(await call({ count: 1, pad: "x".repeat(40_000) }), 413, "body_too_large");
  });
});

// ---------------------------------------------------------------- anonymity

describe("what is stored", () => {
  it("has no column for an address, a user agent, an account or a time of day", async () => {
    const columns: Record<string, string[]> = {};
    for (const t of ["survey_responses", "survey_answers", "survey_submissions", "survey_tokens", "survey_spent_tokens"]) {
      const info = await env.DB.prepare(`PRAGMA table_info(${t})`).all<{ name: string; type: string }>();
      columns[t] = info.results.map((c) => c.name);
    }
    expect(columns).toEqual({
      survey_responses: ["id", "survey_id", "survey_version", "day"],
      survey_answers: ["response_id", "survey_id", "question", "num", "text", "json"],
      survey_submissions: ["submission_hash", "survey_id"],
      survey_tokens: ["token_hash", "survey_id", "used", "redeemed_with", "withdrawn"],
      survey_spent_tokens: ["token_hash", "survey_id"],
    });
    // no hidden insertion order either: the tables have no rowid
    await expect(env.DB.prepare("SELECT rowid FROM survey_responses").all()).rejects.toThrow();
    await expect(env.DB.prepare("SELECT rowid FROM survey_answers").all()).rejects.toThrow();
  });
});

// ---------------------------------------------------------------- stats and results

async function seed(s: Survey, n: number, day: string, patch: (i: number) => Record<string, unknown> = () => ({})) {
  for (let i = 0; i < n; i++) {
    const answers = {
      ...sampleAnswers(s.definition, s.questions, seededRandom(1000 + i), { comments: ["secret free text 42"], commentRate: 1 }),
      ...patch(i),
    };
    const { validateAnswers } = await import("#lib/surveys/validate.ts");
    const checked = validateAnswers(s.definition, answers, "en", s.questions);
    if (!checked.ok) throw new Error(JSON.stringify(checked.fields));
    await storeResponse(env, { surveyId: s.id, surveyVersion: s.version, day, rows: checked.rows, submissionId: sid() });
  }
}

describe("GET /api/surveys/{id}/stats", () => {
  it("reports participation in steps of at least k over past days: audience, rate and the steps", async () => {
    const s = survey("open");
    await seed(s, 2, "2026-01-01");
    await seed(s, 3, "2026-01-02"); // 5: a step
    await seed(s, 4, "2026-01-03"); // 4 since: not yet
    const res = await api(`/api/surveys/${s.id}/stats`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: s.id,
      status: "open",
      responses: 5,
      audience: s.audience,
      rate: Math.round((5 / s.audience) * 1000) / 1000,
      perDay: [{ day: "2026-01-02", responses: 5 }],
      before: "2026-01-03",
      audienceRaises: [],
      codes: null,
    });
    expectError(await api("/api/surveys/nope/stats"), 404, "not_found");
    expectError(await api(`/api/surveys/${s.id}/stats`, { method: "POST", json: {} }), 405, "method_not_allowed");
  });

  it("is no clock for anyone's submission: today's responses never count, and no poll sees a move of fewer than k", async () => {
    const s = survey("open");
    const read = async () => ((await api(`/api/surveys/${s.id}/stats`)).body as { responses: number }).responses;
    const list = async () =>
      ((await api("/api/surveys")).body.surveys as { id: string; responses: number }[]).find((x) => x.id === s.id)!.responses;
    expect([await read(), await list()]).toEqual([0, 0]);
    for (let i = 0; i < 7; i++) {
      expect((await post(s, { submissionId: sid(), answers: validAnswers(s, i) })).status).toBe(201);
      expect([await read(), await list()]).toEqual([0, 0]);
    }
    await seed(s, 4, "2026-01-01");
    expect(await read()).toBe(0);
    await seed(s, 1, "2026-01-02");
    expect([await read(), await list()]).toEqual([5, 5]);
  });
});

describe("GET /api/surveys/{id}/results", () => {
  /** A closed survey publishing after close with the half-yearly questions these tests answer (policyRead, enps…). */
  const closed = () =>
    SURVEYS.find(
      (s) =>
        surveyStatus(s, TODAY) === "closed" && s.resultsVisibility === "after-close" && s.questions.some((q) => q.name === "policyRead"),
    )!;

  it("suppresses everything while fewer than k people responded", async () => {
    const s = closed();
    await seed(s, 4, s.closes);
    const res = await api(`/api/surveys/${s.id}/results`);
    expect(res.status).toBe(200);
    expect(res.body.k).toBe(5);
    expect(res.body.suppressed).toBe(true);
    expect(res.body.responses).toBeNull();
    for (const q of res.body.questions) {
      expect(q.suppressed).toBe(true);
      expect(q).not.toHaveProperty("choices");
      expect(q).not.toHaveProperty("mean");
    }
  });

  it("publishes aggregates at k, withholds small counts only where they cannot be solved, never free text", async () => {
    const s = closed();
    // 11 responses: policyRead monthly ×2, quarterly ×3, never ×6 → the two small counts are withheld
    // (2 + 3 = 5 has several splits); promotionPathKnown yes ×1, no ×10 → one small count is 11 − 10,
    // so the whole question is suppressed; enps 3 ×5, 10 ×6 → every count shown, so mean and NPS too.
    await seed(s, 11, s.closes, (i) => ({
      policyRead: i < 2 ? "monthly" : i < 5 ? "quarterly" : "never",
      promotionPathKnown: i === 0,
      enps: i < 5 ? 3 : 10,
    }));
    const res = await api(`/api/surveys/${s.id}/results`);
    expect(res.status).toBe(200);
    expect(res.body.suppressed).toBe(false);
    expect(res.body.responses).toBe(11);
    const policyRead = res.body.questions.find((q: QuestionResult) => q.name === "policyRead");
    expect(policyRead.answered).toBe(11);
    const counts = Object.fromEntries(policyRead.choices.map((c: ChoiceResult) => [c.value, c.count]));
    expect(counts).toEqual({ monthly: null, quarterly: null, rarely: 0, never: 6 });
    const known = res.body.questions.find((q: QuestionResult) => q.name === "promotionPathKnown");
    expect(known).toMatchObject({ suppressed: true, answered: null });
    expect(known).not.toHaveProperty("choices");
    const enps = res.body.questions.find((q: QuestionResult) => q.name === "enps");
    expect(enps.mean).toBeCloseTo((5 * 3 + 6 * 10) / 11, 2);
    expect(enps.nps).toBe(Math.round(((6 - 5) / 11) * 100));
    const ranking = res.body.questions.find((q: QuestionResult) => q.type === "ranking");
    expect(ranking.ranking).toHaveLength(5);
    for (const q of res.body.questions.filter((x: QuestionResult) => x.type === "comment" || x.type === "text")) {
      expect(q.published).toBe(false);
      expect(q).not.toHaveProperty("choices");
    }
    expect(JSON.stringify(res.body)).not.toContain("secret free text");
  });

  it("counts only the current version's responses: an earlier version's off-list answers leave no gap to read", async () => {
    const s = closed();
    await seed(s, 6, s.closes, () => ({ policyRead: "never" }));
    for (let i = 0; i < 2; i++) {
      // another version of the survey offered a choice the current one does not
      await storeResponse(env, {
        surveyId: s.id,
        surveyVersion: s.version + 1,
        day: s.closes,
        submissionId: sid(),
        rows: [{ question: "policyRead", num: null, text: "weekly", json: null }],
      });
    }
    const res = await api(`/api/surveys/${s.id}/results`);
    expect(res.body.responses).toBe(6);
    const policyRead = res.body.questions.find((q: QuestionResult) => q.name === "policyRead");
    expect(policyRead.answered).toBe(6);
    expect(policyRead.choices.reduce((n: number, c: ChoiceResult) => n + (c.count ?? 0), 0)).toBe(6);
  });

  it(
    "publishes nothing of the answers before the close, whatever has arrived: every public route of an open survey",
    { timeout: 60_000 },
    async () => {
      for (const s of [survey("open"), survey("open", "invitation")]) {
        const k = s.minGroupSize ?? 5;
        await seed(s, 3 * k, "2026-01-01");
        await seed(s, 3 * k, addDays(TODAY, -1));
        expectError(await api(`/api/surveys/${s.id}/results`), 409, "results_not_yet_available");
        // what the other routes say of the survey holds no answer: the same after more answers of another kind
        const reads = async () =>
          JSON.stringify([
            { ...(await api(`/api/surveys/${s.id}`)).body, definition: undefined }, // the form itself names every question
            (await api(`/api/surveys/${s.id}/stats`)).body,
            (await api("/api/surveys")).body.surveys.find((x: { id: string }) => x.id === s.id),
          ]);
        const before = await reads();
        await seed(s, 1, TODAY, () => ({})); // today: never counted
        expect(await reads()).toBe(before);
        for (const q of s.questions) expect(before).not.toContain(`"${q.name}"`);
      }
    },
  );

  it("keeps the k a survey first published with: raising it later shows nothing the first publication did not", async () => {
    const s = closed();
    await seed(s, 14, s.closes, (i) => ({ policyRead: i < 5 ? "monthly" : i < 9 ? "quarterly" : "never" }));
    const first = await api(`/api/surveys/${s.id}/results`);
    expect(first.body.k).toBe(5);
    const { surveyResults } = await import("#server/surveys.ts");
    const { readableFigures } = await import("#lib/surveys/raised-k.ts");
    const raised = await surveyResults(env, { ...s, minGroupSize: 6 } as Survey, readClock(env).now());
    expect([raised.k, raised.responses]).toEqual([6, 14]);
    const shownThen = readableFigures(first.body);
    for (const [key, value] of readableFigures(raised)) if (!key.includes(":withheld:")) expect(shownThen.get(key), key).toBe(value);
    // policyRead (5 monthly, 4 quarterly, 5 never): at k = 5 the one small count could be solved, so it is
    // suppressed whole; at k = 6 all three would be withheld side by side, showing its answered count, which
    // k = 5 did not show: suppressed whole again
    const policyRead = (r: { questions: QuestionResult[] }) => r.questions.find((q) => q.name === "policyRead")!;
    expect(policyRead(first.body).suppressed).toBe(true);
    expect(policyRead(raised)).toMatchObject({ suppressed: true, answered: null });
    const row = await env.DB.prepare("SELECT k FROM published_k WHERE scope = ?1").bind(`survey:${s.id}`).first<{ k: number }>();
    expect(row!.k).toBe(5);
  });

  it(
    "withholds the answers, saying why, when more responses arrived than the audience; a public raise publishes them",
    { timeout: 60_000 },
    async () => {
      const s = closed();
      await seed(s, s.audience + 1, s.closes);
      const res = await api(`/api/surveys/${s.id}/results`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        withheld: { reason: "responses_exceed_audience", audience: s.audience },
        responses: null,
        suppressed: true,
        breakdown: null,
        trends: null,
      });
      for (const q of res.body.questions) expect(q).toMatchObject({ suppressed: true, answered: null });
      // a later run's trend does not compare with what was withheld
      const raise = await api(`/api/admin/surveys/${s.id}`, { method: "PATCH", json: { audience: s.audience + 1 }, headers: ADMIN });
      expect(raise.status).toBe(200);
      const now = await api(`/api/surveys/${s.id}/results`);
      expect([now.body.withheld, now.body.responses]).toEqual([null, s.audience + 1]);
      // the raise is public, with its day
      expect((await api(`/api/surveys/${s.id}`)).body.audienceRaises).toEqual([{ on: TODAY, from: s.audience, to: s.audience + 1 }]);
    },
  );

  it("obeys visibility: after-close survey still open/upcoming → 409, hidden → 403", async () => {
    const notYet = SURVEYS.find((x) => x.resultsVisibility === "after-close" && surveyStatus(x, TODAY) !== "closed")!;
    expectError(await api(`/api/surveys/${notYet.id}/results`), 409, "results_not_yet_available");
    // no demo survey hides its results: the same service with the setting changed
    const { surveyResults } = await import("#server/surveys.ts");
    const hidden = { ...closed(), resultsVisibility: "hidden" } as Survey;
    await expect(surveyResults(env, hidden, readClock(env).now())).rejects.toMatchObject({ status: 403, code: "results_hidden" });
    expectError(await api("/api/surveys/nope/results"), 404, "not_found");
  });
});
