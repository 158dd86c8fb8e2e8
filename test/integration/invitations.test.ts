// Invitation codes redeemed for unlinkable tokens (src/lib/invitation/token.ts),
// through the real router and a real local D1: the browser's steps are played
// with the very module the form uses (src/lib/invitation/client.ts).
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { blindToken, finishToken } from "#lib/invitation/client.ts";
import { DEV_INVITATION_KEY_SEED } from "#lib/invitation/key.ts";
import type { SpendableToken } from "#lib/invitation/token.ts";
import { SURVEYS, type Survey } from "#lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import { surveyStatus } from "#lib/surveys/schema.ts";
import { readClock } from "#server/clock.ts";
import { evaluateBlinded, parseBlinded, surveyPublicKey } from "#server/invitation-keys.ts";
import { forgetCounts } from "#server/rate-limit.ts";
import { addDays } from "#lib/clock.ts";
import { redeemInvitation, submitResponse } from "#server/surveys.ts";
import { DEMO_CODES, DEMO_CODE_SURVEY, seedDemoCodes } from "../../scripts/seed/0100-surveys.ts";
import { ORIGIN, api, expectError } from "./helpers";

const TODAY = env.CANDOR_TODAY; // the Worker's pinned day (vitest.config.ts)
const ADMIN = { Authorization: `Bearer ${env.ADMIN_TOKEN}` };
const TABLES = [
  "survey_responses",
  "survey_answers",
  "survey_submissions",
  "survey_tokens",
  "survey_spent_tokens",
  "survey_redemption_days",
];

const inv = (): Survey => {
  const found = SURVEYS.find((s) => s.access === "invitation" && surveyStatus(s, TODAY) === "open");
  if (!found) throw new Error(`no invitation demo survey is open on ${TODAY}: adjust the dates in src/content/surveys/`);
  return found;
};
const open = () => SURVEYS.find((s) => s.access === "open" && surveyStatus(s, TODAY) === "open")!;

let seq = 0;
const sid = () => `inv-${crypto.randomUUID()}-${++seq}`.slice(0, 64);
const answers = (s: Survey, seed = 1) =>
  sampleAnswers(s.definition, s.questions, seededRandom(seed), { comments: ["Fine."], commentRate: 1 });

async function codes(n: number, s = inv()): Promise<string[]> {
  const res = await api(`/api/admin/surveys/${s.id}/tokens`, { method: "POST", json: { count: n }, headers: ADMIN });
  expect(res.status).toBe(201);
  return res.body.codes;
}

async function publicKey(s = inv()): Promise<string> {
  const res = await api(`/api/surveys/${s.id}`);
  expect(res.status).toBe(200);
  return res.body.invitationKey as string;
}

const redeemRaw = (s: Survey, body: unknown, headers: Record<string, string> = {}) =>
  api(`/api/surveys/${s.id}/redeem`, { method: "POST", json: body, headers });

/** What the form does when the code is entered: blind, redeem, check the proof, unblind. */
async function redeem(code: string, s = inv()): Promise<SpendableToken> {
  const key = await publicKey(s);
  const pending = await blindToken(key);
  const res = await redeemRaw(s, { code, blinded: pending.blinded });
  if (res.status !== 200) throw new Error(`redeem: ${res.status} ${JSON.stringify(res.body)}`);
  return finishToken(key, pending, res.body.evaluation);
}

const submit = (s: Survey, body: unknown, headers: Record<string, string> = {}) =>
  api(`/api/surveys/${s.id}/responses`, { method: "POST", json: body, headers });

async function count(table: string, where = "1 = 1", ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`)
    .bind(...binds)
    .first<{ n: number }>();
  return row!.n;
}

/** Every cell of the survey tables, as "table.column=value" strings. */
async function cells(): Promise<Set<string>> {
  const out = new Set<string>();
  for (const t of TABLES) {
    for (const row of (await env.DB.prepare(`SELECT * FROM ${t}`).all<Record<string, unknown>>()).results) {
      for (const [column, value] of Object.entries(row)) out.add(`${t}.${column}=${String(value)}`);
    }
  }
  return out;
}

beforeEach(async () => {
  await env.DB.batch([...TABLES, "published_k", "survey_audience_raises"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
  forgetCounts();
});

describe("GET /api/surveys/{id} for an invitation survey", () => {
  it("publishes the survey's token key — the one committed in its file, which this server derives — and one per survey", async () => {
    const key = await publicKey();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).toBe(inv().invitationKey);
    expect(await surveyPublicKey(env, inv().id)).toBe(key);
    expect(await publicKey()).toBe(key);
    expect((await api(`/api/surveys/${open().id}`)).body).not.toHaveProperty("invitationKey");
  });
});

describe("POST /api/surveys/{id}/redeem", () => {
  it("uses up a code HR generated and returns an evaluation the browser can check and unblind", async () => {
    const [code] = await codes(1);
    const token = await redeem(code!);
    expect(token.input).toMatch(/^[0-9a-f]{64}$/);
    expect(token.output).toMatch(/^[0-9a-f]{128}$/);
    expect(await count("survey_tokens", "used = 1 AND redeemed_with IS NOT NULL")).toBe(1);
    // the day is counted apart, per survey: never on the code's row
    expect((await env.DB.prepare("SELECT * FROM survey_redemption_days").all()).results).toEqual([
      { survey_id: inv().id, redeemed_on: TODAY, redemptions: 1 },
    ]);
    // nothing of the response side is written at redemption
    for (const t of ["survey_responses", "survey_answers", "survey_submissions", "survey_spent_tokens"]) expect(await count(t)).toBe(0);
  });

  it("gives the same evaluation again to a retry of the same redemption, and 409 to any other", async () => {
    const [code] = await codes(1);
    const key = await publicKey();
    const pending = await blindToken(key);
    const first = await redeemRaw(inv(), { code, blinded: pending.blinded });
    const retry = await redeemRaw(inv(), { code, blinded: pending.blinded });
    expect([first.status, retry.status]).toEqual([200, 200]);
    const a = await finishToken(key, pending, first.body.evaluation);
    const b = await finishToken(key, pending, retry.body.evaluation);
    expect(b).toEqual(a);
    const other = await blindToken(key);
    expectError(await redeemRaw(inv(), { code, blinded: other.blinded }), 409, "invitation_code_used");
    // counted once, not once per retry
    expect(await count("survey_redemption_days", "redemptions = 1")).toBe(1);
  });

  it("refuses a withdrawn code as one that never existed, used or not (403), and counts no redemption for it", async () => {
    const [unused, used] = await codes(2);
    const token = await redeem(used!);
    expect(token.input).toMatch(/^[0-9a-f]{64}$/);
    const admin = (code: string) => api(`/api/admin/surveys/${inv().id}/tokens`, { method: "DELETE", json: { code }, headers: ADMIN });
    expect([(await admin(unused!)).body, (await admin(used!)).body]).toEqual([{ withdrawn: 1 }, { withdrawn: 1 }]);
    const { blinded } = await blindToken(await publicKey());
    const tried = [await redeemRaw(inv(), { code: unused, blinded }), await redeemRaw(inv(), { code: used, blinded })];
    for (const res of tried) expectError(res, 403, "invalid_invitation_code");
    expect(tried[0]!.body).toEqual(tried[1]!.body);
    expect(await count("survey_redemption_days", "redemptions = 1")).toBe(1); // the one real redemption
    // a token redeemed before its code was withdrawn still answers once: it is linked to no code
    expect((await submit(inv(), { submissionId: sid(), answers: answers(inv()), token })).status).toBe(201);
  });

  it("shows HR the codes used only over whole past days, in steps of at least k: never the redemption as it happens", async () => {
    const s = inv();
    const k = s.minGroupSize!;
    const issued = await codes(2 * k);
    const used = async () => (await api(`/api/admin/surveys/${s.id}`, { headers: ADMIN })).body.survey.codes.used as number;
    const on = async (code: string, day: string) => {
      const { blinded } = await blindToken(await publicKey());
      await redeemInvitation(env, new Request(ORIGIN), s, { code, blinded }, new Date(`${day}T12:00:00Z`));
    };
    // today's redemption: HR sees nothing move
    await on(issued[0]!, TODAY);
    expect(await used()).toBe(0);
    // k − 1 yesterday (plus today's one): no step yet
    for (const code of issued.slice(1, k)) await on(code, addDays(TODAY, -1));
    expect(await used()).toBe(0);
    // the k-th yesterday: a step of k, counted over days before today
    await on(issued[k]!, addDays(TODAY, -1));
    expect(await used()).toBe(k);
    // and the day's count is all that is stored: no code row carries a day
    const tokenCells = JSON.stringify((await env.DB.prepare("SELECT * FROM survey_tokens").all()).results);
    expect(tokenCells).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("accepts the seeded demo code typed full-width (a Chinese input method's default), with any dashes", async () => {
    await seedDemoCodes(env);
    const s = SURVEYS.find((x) => x.id === DEMO_CODE_SURVEY)!;
    const fullWidth = DEMO_CODES[0]!.replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/-/g, "—");
    await expect(redeem(fullWidth, s)).resolves.toMatchObject({ input: expect.any(String) });
  });

  it("403 for an unknown code or another survey's, 409 on an open-access survey, 422 for what is no blinded token", async () => {
    const key = await publicKey();
    const { blinded } = await blindToken(key);
    expectError(await redeemRaw(inv(), { code: "ZZZZ-ZZZZ-ZZZZ", blinded }), 403, "invalid_invitation_code");
    expectError(await redeemRaw(inv(), { code: "<script>alert(1)</script>", blinded }), 403, "invalid_invitation_code");
    expectError(await redeemRaw(open(), { code: "ZZZZ-ZZZZ-ZZZZ", blinded }), 409, "survey_not_invitation_only");
    const [code] = await codes(1);
    for (const bad of ["", "zz", "00".repeat(32), "ff".repeat(32), "0".repeat(300)]) {
      expectError(await redeemRaw(inv(), { code, blinded: bad }), 422, "validation_failed");
    }
    expectError(await redeemRaw(inv(), { code, blinded, extra: 1 }), 422, "validation_failed");
    expectError(await redeemRaw(inv(), { blinded }), 422, "validation_failed");
    expect(await count("survey_tokens", "used = 0")).toBe(1);
  });

  it("slows wrong codes after 30 from one address, but never refuses a right one for it", async () => {
    const key = await publicKey();
    const [code] = await codes(1);
    const from = { "CF-Connecting-IP": "203.0.113.40" };
    for (let i = 0; i < 30; i++) {
      expectError(
        await redeemRaw(inv(), { code: "ZZZZ-ZZZZ-ZZZZ", blinded: (await blindToken(key)).blinded }, from),
        403,
        "invalid_invitation_code",
      );
    }
    const refused = await redeemRaw(inv(), { code: "ZZZZ-ZZZZ-ZZZZ", blinded: (await blindToken(key)).blinded }, from);
    expectError(refused, 429, "rate_limited");
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    const pending = await blindToken(key);
    expect((await redeemRaw(inv(), { code, blinded: pending.blinded }, from)).status).toBe(200);
  });

  it("fails closed (503) on a deployed Worker without INVITATION_KEY_SEED", async () => {
    const [code] = await codes(1);
    const { blinded } = await blindToken(await publicKey());
    const deployed = { ...env, CANDOR_ENV: undefined, INVITATION_KEY_SEED: undefined };
    await expect(
      redeemInvitation(deployed, new Request(ORIGIN), inv(), { code: code!, blinded }, readClock(env).now()),
    ).rejects.toMatchObject({
      status: 503,
      code: "server_misconfigured",
    });
    // and the code is not used up by a server that could not give a token for it
    expect(await count("survey_tokens", "used = 0")).toBe(1);
    await expect(redeem(code!)).resolves.toMatchObject({ input: expect.any(String) });
  });
});

describe("the server evaluates only under the survey's published key", () => {
  const OTHER_SEED = "5e".repeat(32);

  it("refuses to redeem (503) when its seed derives another key than the committed one, and leaves the code unused", async () => {
    const [code] = await codes(1);
    const { blinded } = await blindToken(await publicKey());
    const reseeded = { ...env, INVITATION_KEY_SEED: OTHER_SEED };
    expect(await surveyPublicKey(reseeded, inv().id)).not.toBe(inv().invitationKey);
    const refused = await redeemInvitation(reseeded, new Request(ORIGIN), inv(), { code: code!, blinded }, readClock(env).now()).catch(
      (e) => e,
    );
    expect(refused).toMatchObject({ status: 503, code: "invitation_key_mismatch" });
    expect((refused as Error).message).toMatch(/not the one published with the survey/);
    // nor can the evaluation be asked for on its own, under any key but the published one
    await expect(evaluateBlinded(reseeded, inv(), parseBlinded(blinded))).rejects.toMatchObject({ status: 503 });
    await expect(evaluateBlinded(env, { ...inv(), invitationKey: "ab".repeat(32) }, parseBlinded(blinded))).rejects.toMatchObject({
      code: "invitation_key_mismatch",
    });
    expect(await count("survey_tokens", "used = 0")).toBe(1);
    // the same code, on the server whose seed derives the published key
    await expect(redeem(code!)).resolves.toMatchObject({ input: expect.any(String) });
  });

  it("a deployed Worker refuses the public development seed (503); a local one uses it", async () => {
    expect(env.INVITATION_KEY_SEED).toBe(DEV_INVITATION_KEY_SEED);
    const [code] = await codes(1);
    const { blinded } = await blindToken(await publicKey());
    const deployed = { ...env, CANDOR_ENV: undefined };
    await expect(
      redeemInvitation(deployed, new Request(ORIGIN), inv(), { code: code!, blinded }, readClock(env).now()),
    ).rejects.toMatchObject({ status: 503, code: "server_misconfigured" });
    expect(await count("survey_tokens", "used = 0")).toBe(1);
    // a deployed Worker with a seed of its own derives its own keys (and so refuses the demo's)
    await expect(
      redeemInvitation(
        { ...deployed, INVITATION_KEY_SEED: OTHER_SEED },
        new Request(ORIGIN),
        inv(),
        { code: code!, blinded },
        readClock(env).now(),
      ),
    ).rejects.toMatchObject({ status: 503, code: "invitation_key_mismatch" });
    await expect(redeem(code!)).resolves.toMatchObject({ input: expect.any(String) });
  });
});

describe("POST /api/surveys/{id}/responses with a token", () => {
  it("needs a token (422), accepts a redeemed one once (201), refuses it again (409) and refuses a forged one (403)", async () => {
    const s = inv();
    expect(expectError(await submit(s, { submissionId: sid(), answers: answers(s) }), 422, "invalid_answers").fields).toHaveProperty(
      "token",
    );
    const token = await redeem((await codes(1))[0]!);
    expect((await submit(s, { submissionId: sid(), answers: answers(s), token })).status).toBe(201);
    expectError(await submit(s, { submissionId: sid(), answers: answers(s), token }), 409, "invitation_code_used");
    const forged = { input: token.input.replace(/^./, (c) => (c === "0" ? "1" : "0")), output: token.output };
    expectError(await submit(s, { submissionId: sid(), answers: answers(s), token: forged }), 403, "invalid_invitation_token");
    expect(await count("survey_responses")).toBe(1);
  });

  it("refuses the old plain code with the answers, and any token on an open survey", async () => {
    const s = inv();
    const [code] = await codes(1);
    expect(
      expectError(await submit(s, { submissionId: sid(), answers: answers(s), token: code }), 422, "validation_failed").fields,
    ).toHaveProperty("token");
    const token = await redeem((await codes(1))[0]!);
    expect(
      expectError(await submit(open(), { submissionId: sid(), answers: answers(open()), token }), 422, "invalid_answers").fields,
    ).toHaveProperty("token");
  });

  it("lets only one of ten simultaneous submissions with the same token through, and answers 200 to every retry of it", async () => {
    const s = inv();
    const token = await redeem((await codes(1))[0]!);
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) => submit(s, { submissionId: sid(), answers: answers(s, i), token })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    const other = await redeem((await codes(1))[0]!);
    const body = { submissionId: sid(), answers: answers(s), token: other };
    const retries = await Promise.all(Array.from({ length: 10 }, () => submit(s, body)));
    expect(retries.filter((r) => r.status === 201)).toHaveLength(1);
    expect(retries.filter((r) => r.status === 200)).toHaveLength(9);
    expect(await count("survey_responses")).toBe(2);
  });

  it("counts no answer with a token per client: a whole office behind one address answers, whatever survey_response allows", async () => {
    const s = inv();
    const limited = { ...env, RATE_LIMITS: JSON.stringify({ survey_response: { limit: 1, windowSeconds: 3600 } }) };
    const office = new Request(ORIGIN, { headers: { "CF-Connecting-IP": "203.0.113.60" } });
    const tokens: SpendableToken[] = [];
    for (const code of await codes(4)) tokens.push(await redeem(code));
    for (const token of tokens) {
      await expect(
        submitResponse(limited, office, s, { submissionId: sid(), answers: answers(s), token }, readClock(env).now()),
      ).resolves.toBe("stored");
    }
    expect(await count("survey_responses")).toBe(4);
    // an open survey's answers from the same address are counted
    const o = open();
    await expect(submitResponse(limited, office, o, { submissionId: sid(), answers: answers(o) }, readClock(env).now())).resolves.toBe(
      "stored",
    );
    await expect(
      submitResponse(limited, office, o, { submissionId: sid(), answers: answers(o) }, readClock(env).now()),
    ).rejects.toMatchObject({
      status: 429,
    });
  });

  it("a token of one survey opens no other", async () => {
    const s = inv();
    const token = await redeem((await codes(1))[0]!);
    const forOther = await submitResponse(
      env,
      new Request(ORIGIN),
      { ...s, id: `${s.id}-other` } as Survey,
      {
        submissionId: sid(),
        answers: answers(s),
        token,
      },
      readClock(env).now(),
    ).catch((e) => e);
    expect(forOther).toMatchObject({ status: 403, code: "invalid_invitation_token" });
  });
});

describe("unlinkable, even with every past state of the database", () => {
  // The survey tables only; test/integration/linkability.test.ts checks every table, every request of a day.
  it("nothing written at redemption appears in anything written at submission", async () => {
    const s = inv();
    const issued = await codes(3);
    const before = await cells();
    const tokens: SpendableToken[] = [];
    for (const code of issued) tokens.push(await redeem(code));
    const afterRedeeming = await cells();
    const headers = { "CF-Connecting-IP": "192.0.2.55", "User-Agent": "Mozilla/5.0 (X11; Linux) TestBrowser/99.1", Origin: ORIGIN };
    // answered in another order than redeemed, as people do
    const submissionIds = [sid(), sid(), sid()];
    for (const i of [2, 0, 1])
      expect((await submit(s, { submissionId: submissionIds[i], answers: answers(s, i), token: tokens[i] }, headers)).status).toBe(201);
    const afterSubmitting = await cells();

    const written = (from: Set<string>, to: Set<string>) => [...to].filter((c) => !from.has(c));
    const atRedemption = written(before, afterRedeeming);
    const atSubmission = written(afterRedeeming, afterSubmitting);
    expect(atRedemption.length).toBeGreaterThan(0);
    // redemption touched the codes and the day's count of redemptions only; submission touched neither
    expect(new Set(atRedemption.map((c) => c.split(".")[0]))).toEqual(new Set(["survey_tokens", "survey_redemption_days"]));
    expect(atSubmission.some((c) => c.startsWith("survey_tokens.") || c.startsWith("survey_redemption_days."))).toBe(false);
    // no value written to a code's row is written by a submission (the survey id aside, which both name)
    const values = (list: string[]) =>
      new Set(list.map((c) => c.slice(c.indexOf("=") + 1)).filter((v) => v !== s.id && v !== "1" && v !== "0"));
    const codeRows = atRedemption.filter((c) => c.startsWith("survey_tokens."));
    expect([...values(codeRows)].filter((v) => values(atSubmission).has(v))).toEqual([]);
    // the day's count names no code: its survey, its day and a number — the day being the one a response made
    // that day carries too, as it would without any code
    expect(atRedemption.filter((c) => c.startsWith("survey_redemption_days.")).sort()).toEqual([
      `survey_redemption_days.redeemed_on=${TODAY}`,
      "survey_redemption_days.redemptions=3",
      `survey_redemption_days.survey_id=${s.id}`,
    ]);
    // and neither the codes, the tokens, the address, the agent nor the submission ids are stored in clear
    const dump = [...afterSubmitting].join("\n");
    for (const secret of [
      ...issued,
      ...issued.map((c) => c.replace(/-/g, "")),
      ...tokens.flatMap((t) => [t.input, t.output]),
      ...submissionIds,
    ]) {
      expect(dump).not.toContain(secret);
    }
    for (const secret of ["192.0.2.55", "TestBrowser"]) expect(dump).not.toContain(secret);
    expect(dump).not.toMatch(/\d{2}:\d{2}/); // no time of day anywhere
  });
});
