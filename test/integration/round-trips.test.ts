// D1 calls per request type, counted on a wrapped DB binding, so the count an
// accepted submission costs cannot silently grow (src/server/surveys.ts and
// src/server/ideas.ts say what each path costs and why). Every call to D1 —
// a statement's first/all/run/raw, a batch, an exec — is one round trip. The
// per-client limits cost none: they are counted in the isolate's memory.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { blindToken, finishToken } from "#lib/invitation/client.ts";
import type { TIdeaInput } from "#lib/ideas/model.ts";
import { SURVEYS, type Survey } from "#lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import { surveyStatus } from "#lib/surveys/schema.ts";
import { readClock } from "#server/clock.ts";
import { publishIdea } from "../support/idea-writes.ts";
import type { AppEnv } from "#server/config.ts";
import { submitIdea, supportIdea, trackIdea } from "#server/ideas.ts";
import { forgetCounts } from "#server/rate-limit.ts";
import { redeemInvitation, submitResponse } from "#server/surveys.ts";
import { api } from "./helpers";

const TODAY = env.CANDOR_TODAY;
const ADMIN = { Authorization: `Bearer ${env.ADMIN_TOKEN}` };

/** The binding with every round trip written down (statement SQL or "batch of n"). */
function countingDb(db: D1Database): { db: D1Database; calls: string[] } {
  const calls: string[] = [];
  const real = new WeakMap<object, D1PreparedStatement>();
  const passThrough = (target: object, prop: string | symbol) => {
    const value = Reflect.get(target, prop, target) as unknown;
    return typeof value === "function" ? value.bind(target) : value;
  };
  const statement = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapped = new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => statement(target.bind(...values), sql);
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw") {
          return (...args: unknown[]) => {
            calls.push(`${prop}: ${sql.replace(/\s+/g, " ").slice(0, 80)}`);
            return (target[prop] as (...a: unknown[]) => unknown)(...args);
          };
        }
        return passThrough(target, prop);
      },
    });
    real.set(wrapped, stmt);
    return wrapped;
  };
  const wrapped = new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => statement(target.prepare(sql), sql);
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          calls.push(`batch of ${statements.length}`);
          return target.batch(statements.map((s) => real.get(s) ?? s));
        };
      }
      if (prop === "exec") {
        return (sql: string) => {
          calls.push(`exec: ${sql.slice(0, 80)}`);
          return target.exec(sql);
        };
      }
      return passThrough(target, prop);
    },
  });
  return { db: wrapped, calls };
}

const now = () => readClock(env).now();
const openSurvey = () => SURVEYS.find((s) => s.access === "open" && surveyStatus(s, TODAY) === "open")!;
const invitationSurvey = () => SURVEYS.find((s) => s.access === "invitation" && surveyStatus(s, TODAY) === "open")!;
const answers = (s: Survey, seed = 1) =>
  sampleAnswers(s.definition, s.questions, seededRandom(seed), { comments: ["Fine."], commentRate: 1 });
const from = (ip: string) => new Request("https://candor.test/api/x", { method: "POST", headers: { "CF-Connecting-IP": ip } });
let seq = 0;
const sid = () => `rt-${crypto.randomUUID()}-${++seq}`.slice(0, 64);

async function rows(table: string): Promise<number> {
  return (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
}

/** Runs `act` against a counting binding and returns what it answered (or threw) and the calls it made. */
async function counted<T>(act: (e: AppEnv) => Promise<T>, extra: Partial<AppEnv> = {}) {
  const { db, calls } = countingDb(env.DB);
  const outcome = await act({ ...(env as unknown as AppEnv), ...extra, DB: db }).then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error: error as { status?: number; headers?: Record<string, string> } }),
  );
  return { ...outcome, calls };
}

beforeEach(() => {
  forgetCounts();
});

describe("D1 round trips per request type", () => {
  it("an accepted survey response costs one call: the batch that stores it", async () => {
    const s = openSurvey();
    const r = await counted((e) => submitResponse(e, from("192.0.2.10"), s, { submissionId: sid(), answers: answers(s) }, now()));
    expect(r.value).toBe("stored");
    expect(r.calls).toEqual([expect.stringMatching(/^batch of \d+$/)]);
  });

  it("an accepted response to an invitation survey costs one call too", async () => {
    const s = invitationSurvey();
    const issued = await api(`/api/admin/surveys/${s.id}/tokens`, { method: "POST", json: { count: 1 }, headers: ADMIN });
    const key = (await api(`/api/surveys/${s.id}`)).body.invitationKey as string;
    const pending = await blindToken(key);
    const redeemed = await api(`/api/surveys/${s.id}/redeem`, {
      method: "POST",
      json: { code: issued.body.codes[0], blinded: pending.blinded },
    });
    const token = await finishToken(key, pending, redeemed.body.evaluation);
    const r = await counted((e) => submitResponse(e, from("192.0.2.11"), s, { submissionId: sid(), answers: answers(s), token }, now()));
    expect(r.value).toBe("stored");
    expect(r.calls).toEqual([expect.stringMatching(/^batch of \d+$/)]);
  });

  it("a resend costs one (the batch its idempotency key refuses) and stores nothing", async () => {
    const s = openSurvey();
    const body = { submissionId: sid(), answers: answers(s) };
    await submitResponse(env as unknown as AppEnv, from("192.0.2.12"), s, body, now());
    const before = await rows("survey_responses");
    const r = await counted((e) => submitResponse(e, from("192.0.2.12"), s, body, now()));
    expect(r.value).toBe("duplicate");
    expect(r.calls).toEqual([expect.stringMatching(/^batch of \d+$/)]);
    expect(await rows("survey_responses")).toBe(before);
  });

  it("invalid answers cost one (is it a resend?)", async () => {
    const s = openSurvey();
    const r = await counted((e) => submitResponse(e, from("192.0.2.13"), s, { submissionId: sid(), answers: {} }, now()));
    expect(r.error?.status).toBe(422);
    expect(r.calls).toEqual([expect.stringMatching(/^first: SELECT [^;]*\bFROM survey_submissions\b/)]);
  });

  it("over the limit: 429 with Retry-After, nothing stored, one call (is it a resend? — a resend is still answered as one)", async () => {
    const s = openSurvey();
    const limits = { RATE_LIMITS: JSON.stringify({ survey_response: { limit: 2, windowSeconds: 3600 } }) };
    for (let i = 0; i < 2; i++) {
      const ok = await counted(
        (e) => submitResponse(e, from("192.0.2.14"), s, { submissionId: sid(), answers: answers(s, i) }, now()),
        limits,
      );
      expect(ok.value).toBe("stored");
    }
    const tables = ["survey_responses", "survey_answers", "survey_submissions"];
    const before = await Promise.all(tables.map(rows));
    const r = await counted(
      (e) => submitResponse(e, from("192.0.2.14"), s, { submissionId: sid(), answers: answers(s, 9) }, now()),
      limits,
    );
    expect(r.error?.status).toBe(429);
    expect(Number(r.error?.headers?.["Retry-After"])).toBeGreaterThan(0);
    expect(r.calls).toEqual([expect.stringMatching(/^first: SELECT [^;]*\bFROM survey_submissions\b/)]);
    expect(await Promise.all(tables.map(rows))).toEqual(before);
    // another address behind another NAT is not affected
    const other = await counted(
      (e) => submitResponse(e, from("192.0.2.15"), s, { submissionId: sid(), answers: answers(s) }, now()),
      limits,
    );
    expect(other.value).toBe("stored");
  });

  const idea = (submissionId?: string): TIdeaInput => ({
    category: "process",
    title: "Round trips",
    body: "Count the calls an idea costs, so that nobody adds one by accident.",
    publishConsent: false,
    ...(submissionId ? { submissionId } : {}),
  });

  it("an accepted idea costs one call, or two with a submission id (is it a resend?, then the batch)", async () => {
    const bare = await counted((e) => submitIdea(e, from("192.0.2.20"), idea(), now()));
    expect(bare.value).toMatchObject({ replayed: false });
    expect(bare.calls).toEqual([expect.stringMatching(/^batch of \d+$/)]);

    const withId = await counted((e) => submitIdea(e, from("192.0.2.20"), idea(crypto.randomUUID()), now()));
    expect(withId.value).toMatchObject({ replayed: false });
    expect(withId.calls).toHaveLength(2);
    expect(withId.calls[0]).toMatch(/^first: SELECT [^;]*\bFROM idea_submissions\b/);
    expect(withId.calls[1]).toMatch(/^batch of \d+$/);
  });

  it("an idea over the limit: 429 with Retry-After, nothing stored, one call (is it a resend?)", async () => {
    const limits = { RATE_LIMITS: JSON.stringify({ idea_submit: { limit: 1, windowSeconds: 3600 } }) };
    expect((await counted((e) => submitIdea(e, from("192.0.2.21"), idea(crypto.randomUUID()), now()), limits)).value).toBeDefined();
    const before = await Promise.all(["ideas", "idea_submissions", "idea_status_history"].map(rows));
    const r = await counted((e) => submitIdea(e, from("192.0.2.21"), idea(crypto.randomUUID()), now()), limits);
    expect(r.error?.status).toBe(429);
    expect(Number(r.error?.headers?.["Retry-After"])).toBeGreaterThan(0);
    expect(r.calls).toEqual([expect.stringMatching(/^first: SELECT [^;]*\bFROM idea_submissions\b/)]);
    expect(await Promise.all(["ideas", "idea_submissions", "idea_status_history"].map(rows))).toEqual(before);
  });

  it("a redemption costs one call (the code used up), a wrong code one too (the look-up that finds none)", async () => {
    const s = invitationSurvey();
    const issued = await api(`/api/admin/surveys/${s.id}/tokens`, { method: "POST", json: { count: 1 }, headers: ADMIN });
    const key = (await api(`/api/surveys/${s.id}`)).body.invitationKey as string;
    const right = await counted(async (e) =>
      redeemInvitation(e, from("192.0.2.30"), s, { code: issued.body.codes[0], blinded: (await blindToken(key)).blinded }, now()),
    );
    expect(right.value).toHaveProperty("evaluation");
    expect(right.calls).toHaveLength(1);
    const wrong = await counted(async (e) =>
      redeemInvitation(e, from("192.0.2.30"), s, { code: "ZZZZ-ZZZZ-ZZZZ", blinded: (await blindToken(key)).blinded }, now()),
    );
    expect(wrong.error?.status).toBe(403);
    expect(wrong.calls).toHaveLength(1);
  });

  it('tracking costs two calls (the look-up by receipt, the thread), a "me too" one (the batch that adds and counts it)', async () => {
    const { receipt } = (await submitIdea(env as unknown as AppEnv, from("192.0.2.40"), { ...idea(), publishConsent: true }, now())) as {
      receipt: string;
    };
    const tracked = await counted((e) => trackIdea(e, from("192.0.2.41"), receipt, now()));
    expect(tracked.value).toHaveProperty("id");
    expect(tracked.calls).toHaveLength(2);
    const id = tracked.value!.id;
    // published as HR would publish it (HR sees an idea the day after it arrived; this test is about the support)
    await publishIdea(env, id, { title: "Round trips", body: "Published to be supported.", day: "2026-11-29" });
    const supported = await counted((e) => supportIdea(e, from("192.0.2.42"), id, "round-trips-token-0123456789", now()));
    expect(supported.value).toHaveProperty("supportCount");
    expect(supported.calls).toEqual([expect.stringMatching(/^batch of \d+$/)]);
  });
});
