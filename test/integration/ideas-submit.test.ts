import { env } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { onRequestPost as submitRoute } from "../../functions/api/ideas/index.ts";
import { addDays, systemClock } from "#lib/clock.ts";
import { hashReceipt } from "#lib/receipt.ts";
import { HttpError } from "#server/http.ts";
import { submitIdea, trackIdea } from "#server/ideas.ts";
import { seal } from "#server/seal.ts";
import { SITEVERIFY_URL } from "#server/turnstile.ts";
import { delta, dumpDatabase } from "./battery/db.ts";
import { api, expectError, routeNow } from "./helpers.ts";
import { SAMPLE, clearIdeas, countIdeas, dumpIdeaTables, freshIp, from, submit } from "./ideas-fixtures.ts";

const RECEIPT_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const HOSTILE = {
  title: `<script>alert("x")</script> '; DROP TABLE ideas; --`,
  body: `Robert'); DELETE FROM ideas WHERE ('1'='1, \u200Fright-to-left mark, zero\u200Bwidth\u200D, <img src=x onerror=alert(1)> {{7*7}} \${x}`,
};
/** What no idea may hold (src/lib/text/unsafe-text.ts): NUL, other controls, direction overrides and isolates. */
const UNSAFE = ["\u0000", "\u0007", "\u0085", "\u202E", "\u2066"];

beforeEach(clearIdeas);

function post(json: unknown, ip = freshIp(), headers: Record<string, string> = {}) {
  return api("/api/ideas", { method: "POST", json, headers: from(ip, headers) });
}

describe("POST /api/ideas with a submissionId (retries)", () => {
  const withId = (submissionId: string) => ({ ...SAMPLE, submissionId });

  it("answers a retry with 200 and the same receipt, storing nothing twice", async () => {
    const id = crypto.randomUUID();
    const first = await post(withId(id));
    expect(first.status).toBe(201);
    const again = await post(withId(id));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await countIdeas()).toBe(1);
    expect(
      (await trackIdea(env, new Request("https://candor.test/", { headers: from(freshIp()) }), first.body.receipt, routeNow())).title,
    ).toBe(SAMPLE.title);
  });

  it("treats the id case-insensitively: an uppercase id retried in either case gets the same receipt", async () => {
    const id = crypto.randomUUID().toUpperCase();
    const first = await post(withId(id));
    expect(first.status).toBe(201);
    const again = await post(withId(id));
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toEqual(first.body);
    const lower = await post(withId(id.toLowerCase()));
    expect(lower.status).toBe(200);
    expect(lower.body).toEqual(first.body);
    expect(await countIdeas()).toBe(1);
  });

  it("answers 409 submission_conflict, not 500, when a stored submission cannot be opened with its id", async () => {
    const id = crypto.randomUUID();
    expect((await post(withId(id))).status).toBe(201);
    // a row sealed under another opener (an older spelling of the id, or damage)
    await env.DB.prepare("UPDATE idea_submissions SET sealed_receipt = ?1")
      .bind(await seal("K7Q2-9XMD-4TRB-0HZE", "someone-else", "candor idea receipt"))
      .run();
    expectError(await post(withId(id)), 409, "submission_conflict");
    expect(await countIdeas()).toBe(1);
  });

  it("stores exactly one idea when ten retries of one submission race", async () => {
    const id = crypto.randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => post(withId(id))));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.receipt)).size).toBe(1);
    expect(await countIdeas()).toBe(1);
  });

  it("keeps distinct submissions distinct", async () => {
    await post(withId(crypto.randomUUID()));
    await post(withId(crypto.randomUUID()));
    expect(await countIdeas()).toBe(2);
  });

  it("stores neither the submission id nor the receipt in clear", async () => {
    const id = crypto.randomUUID();
    const { body } = await post(withId(id));
    const dump = await dumpIdeaTables();
    expect(dump).not.toContain(id);
    expect(dump).not.toContain(body.receipt);
    expect(dump).not.toContain(body.receipt.replace(/-/g, ""));
    const row = await env.DB.prepare("SELECT submission_hash, sealed_receipt FROM idea_submissions").first<{
      submission_hash: string;
      sealed_receipt: string;
    }>();
    expect(row!.submission_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.sealed_receipt).toMatch(/^[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
  });

  it("forgets retry records of ideas received more than 2 days ago, on the next submission, keeping the ideas", async () => {
    const request = () => new Request("https://candor.test/api/ideas", { headers: from(freshIp()) });
    const input = (submissionId: string) => ({ ...SAMPLE, submissionId });
    const old = crypto.randomUUID();
    const recent = crypto.randomUUID();
    await submitIdea(env, request(), input(old), new Date("2026-11-24T23:00:00Z"));
    await submitIdea(env, request(), input(recent), new Date("2026-11-25T08:00:00Z"));
    const count = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM idea_submissions").first<{ n: number }>())!.n;
    expect(await count()).toBe(2);
    await submitIdea(env, request(), SAMPLE, new Date("2026-11-27T09:00:00Z"));
    // the 24th is gone, the 25th (two days back) still answers a retry
    expect(await count()).toBe(1);
    expect(await countIdeas()).toBe(3);
    // a retry two days later still promises the answer by the day counted from when the idea arrived
    await expect(submitIdea(env, request(), input(recent), new Date("2026-11-27T09:05:00Z"))).resolves.toMatchObject({
      replayed: true,
      acknowledgeBy: "2026-12-02",
    });
    // an expired id is a new submission: a second idea, a new receipt
    await expect(submitIdea(env, request(), input(old), new Date("2026-11-27T09:06:00Z"))).resolves.toMatchObject({ replayed: false });
    expect(await countIdeas()).toBe(4);
  });

  it("promises the first answer ACK_PROMISE_DAYS after the day the idea arrived, as configured", async () => {
    const request = new Request("https://candor.test/api/ideas", { headers: from(freshIp()) });
    const slower = { ...env, ACK_PROMISE_DAYS: "10" };
    await expect(submitIdea(slower, request, SAMPLE, new Date("2026-11-30T23:59:00Z"))).resolves.toMatchObject({
      acknowledgeBy: "2026-12-10",
    });
    await expect(submitIdea(env, request, SAMPLE, new Date("2026-12-28T08:00:00Z"))).resolves.toMatchObject({
      acknowledgeBy: "2027-01-04",
    });
  });

  it("stores an idea under the day its batch commits: one begun at 23:59:59.9 and committed after midnight carries the new day", async () => {
    // SQLite reads the real clock at commit; the Worker's clock is set to just before that day's midnight.
    const commitDay = (await env.DB.prepare("SELECT date('now') AS d").first<{ d: string }>())!.d;
    const startDay = addDays(commitDay, -1);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date(`${startDay}T23:59:59.900Z`));
      const request = new Request("https://candor.test/api/ideas", { headers: from(freshIp()) });
      await submitIdea(env, request, { ...SAMPLE, submissionId: crypto.randomUUID() }, systemClock.now());
    } finally {
      vi.useRealTimers();
    }
    const rows = await env.DB.prepare("SELECT received_on, (SELECT on_day FROM idea_status_history) AS status_day FROM ideas").all();
    expect(rows.results).toEqual([{ received_on: commitDay, status_day: commitDay }]);
  });

  it("counts replays apart from new ideas: resending one idea does not block colleagues behind the same address", async () => {
    const limited = { ...env, RATE_LIMITS: JSON.stringify({ idea_submit: { limit: 2, windowSeconds: 600 } }) };
    const request = new Request("https://candor.test/api/ideas", { headers: from("203.0.113.21") });
    const input = { ...SAMPLE, submissionId: crypto.randomUUID() };
    await expect(submitIdea(limited, request, input, routeNow())).resolves.toMatchObject({ replayed: false });
    // 30 resends of the same idea (the default idea_rejected limit is 60 an hour)
    for (let i = 0; i < 30; i++) await expect(submitIdea(limited, request, input, routeNow())).resolves.toMatchObject({ replayed: true });
    // a colleague's new idea still goes through: one of the two new ideas allowed is left
    await expect(submitIdea(limited, request, { ...SAMPLE, submissionId: crypto.randomUUID() }, routeNow())).resolves.toMatchObject({
      replayed: false,
    });
    expect(await countIdeas()).toBe(2);
    // replays have their own ceiling
    const strict = { ...env, RATE_LIMITS: JSON.stringify({ idea_rejected: { limit: 2, windowSeconds: 600 } }) };
    const other = new Request("https://candor.test/api/ideas", { headers: from("203.0.113.22") });
    await submitIdea(strict, other, input, routeNow());
    await submitIdea(strict, other, input, routeNow());
    await expect(submitIdea(strict, other, input, routeNow())).rejects.toMatchObject({ status: 429 });
  });

  it("binds a submission id to its idea: the same id with another body is 409 and stores nothing, and gives no receipt", async () => {
    const id = crypto.randomUUID();
    const first = await post(withId(id));
    expect(first.status).toBe(201);
    for (const changed of [
      { title: "Another title entirely" },
      { body: `${SAMPLE.body} (edited)` },
      { publishConsent: !SAMPLE.publishConsent },
      { category: "tools" },
    ]) {
      const res = await post({ ...withId(id), ...changed });
      const err = expectError(res, 409, "submission_conflict");
      expect(JSON.stringify(res.body)).not.toContain(first.body.receipt);
      expect(err.message).toBeTruthy();
    }
    expect(await countIdeas()).toBe(1);
    // the same body, in the same id's other spelling, still gets its receipt back
    expect((await post(withId(id.toUpperCase()))).body).toEqual(first.body);
  });

  it("accepts only random (v4) submission ids: the nil UUID and time-based ones are 422", async () => {
    for (const bad of [
      "00000000-0000-0000-0000-000000000000",
      "c232ab00-9414-11ec-b3c8-9f6bdeced846",
      "6ba7b810-9dad-31d1-80b4-00c04fd430c8",
    ]) {
      const err = expectError(await post(withId(bad)), 422, "validation_failed");
      expect(err.fields).toHaveProperty("submissionId");
    }
    expect(await countIdeas()).toBe(0);
  });

  it("refuses a submissionId that is not a UUID with 422", async () => {
    for (const bad of ["not-a-uuid", 42, "", "<script>", "x".repeat(5000)]) {
      const err = expectError(await post({ ...SAMPLE, submissionId: bad }), 422, "validation_failed");
      expect(err.fields).toHaveProperty("submissionId");
    }
    expect(await countIdeas()).toBe(0);
  });
});

describe("POST /api/ideas", () => {
  it("stores the idea and answers 201 with a receipt code, shown once", async () => {
    const res = await post(SAMPLE);
    expect(res.status).toBe(201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(Object.keys(res.body)).toEqual(["receipt", "acknowledgeBy", "acknowledgeWithinDays"]);
    expect(res.body.acknowledgeWithinDays).toBe(7);
    expect(res.body.receipt).toMatch(RECEIPT_SHAPE);
    const row = await env.DB.prepare("SELECT * FROM ideas").first<Record<string, unknown>>();
    // HR's promise, counted from the day the idea was stored: ACK_PROMISE_DAYS (7 in wrangler.toml) later
    const received = new Date(`${row!.received_on as string}T00:00:00Z`);
    expect(res.body.acknowledgeBy).toBe(new Date(received.getTime() + 7 * 86_400_000).toISOString().slice(0, 10));
    expect(row).toMatchObject({
      category: "reward_policy",
      title: SAMPLE.title,
      body: SAMPLE.body,
      publish_consent: 1,
      status: "received",
      published: 0,
      rewarded: 0,
    });
    // the language the idea was written in is stored nowhere (it singles out the few who write in the other one)
    expect(row).not.toHaveProperty("locale");
    expect(JSON.stringify(await dumpIdeaTables())).not.toMatch(/"en"|zh-cn/);
    const history = await env.DB.prepare("SELECT status, seq, note FROM idea_status_history").all();
    expect(history.results).toEqual([{ status: "received", seq: 1, note: null }]);
  });

  it("refuses text that is not well-formed Unicode (a lone surrogate) with 422, storing nothing", async () => {
    for (const broken of ["\\ud800", "tail \\udfff", "\\udc00\\ud800"]) {
      const raw = `{"category":"process","title":"Lone surrogate ${broken} here","body":"${"A long enough body. ".repeat(3)}","publishConsent":false}`;
      const res = await api("/api/ideas", {
        method: "POST",
        body: raw,
        headers: { "Content-Type": "application/json", ...from(freshIp()) },
      });
      const err = expectError(res, 422, "validation_failed");
      expect(Object.keys(err.fields!)).toEqual(["title"]);
    }
    // a well-formed pair (an emoji) is fine
    const ok = `{"category":"process","title":"Pair \\ud83d\\ude00 here","body":"${"A long enough body. ".repeat(3)}","publishConsent":false}`;
    expect(
      (await api("/api/ideas", { method: "POST", body: ok, headers: { "Content-Type": "application/json", ...from(freshIp()) } })).status,
    ).toBe(201);
    expect(await countIdeas()).toBe(1);
  });

  it("stores only the receipt's SHA-256, never the code", async () => {
    const { receipt } = await submit();
    const row = await env.DB.prepare("SELECT receipt_hash FROM ideas").first<{ receipt_hash: string }>();
    expect(row!.receipt_hash).toBe(await hashReceipt(receipt));
    const dump = await dumpIdeaTables();
    expect(dump).not.toContain(receipt);
    expect(dump).not.toContain(receipt.replace(/-/g, ""));
  });

  it("stores no address, user agent or time of day: not in the schema, not in the row", async () => {
    const ip = "203.0.113.77";
    const ua = "Mozilla/5.0 (CandorTest; Agent-7731)";
    const res = await post(SAMPLE, ip, { "User-Agent": ua, "X-Forwarded-For": ip });
    expect(res.status).toBe(201);
    for (const table of ["ideas", "idea_status_history", "idea_messages", "idea_supports", "idea_submissions"]) {
      const columns = await env.DB.prepare(`SELECT name, type FROM pragma_table_info('${table}')`).all<{ name: string; type: string }>();
      for (const { name } of columns.results) {
        expect(name, `${table}.${name}`).not.toMatch(
          /(^|_)(ip|ip_hash|address|addr|user_agent|agent|ua|time|timestamp|at|created|updated|host|device|seconds)(_|$)/i,
        );
      }
    }
    const dump = await dumpIdeaTables();
    expect(dump).not.toContain(ip);
    expect(dump).not.toContain("CandorTest");
    const row = await env.DB.prepare("SELECT * FROM ideas").first<Record<string, unknown>>();
    expect(row!.received_on).toBe(env.CANDOR_TODAY);
    // no value anywhere in the row looks like a time of day or an epoch timestamp
    for (const [key, value] of Object.entries(row!)) {
      expect(String(value), key).not.toMatch(/\d{2}:\d{2}|T\d{2}|^\d{10,13}$/);
    }
  });

  it("stores hostile text verbatim and returns it as text", async () => {
    const { receipt } = await submit({ ...HOSTILE, locale: "zh-cn" });
    const row = await env.DB.prepare("SELECT title, body FROM ideas").first<{ title: string; body: string }>();
    expect(row).toEqual(HOSTILE);
    const tracked = await api("/api/ideas/track", { method: "POST", json: { receipt }, headers: from(freshIp()) });
    expect(tracked.status).toBe(200);
    expect(tracked.headers.get("Content-Type")).toContain("application/json");
    expect(tracked.body.idea.title).toBe(HOSTILE.title);
    expect(tracked.body.idea.body).toBe(HOSTILE.body);
    expect(await countIdeas()).toBe(1);
  });

  it("refuses NUL, control characters and direction overrides in the title and body: 422 naming the field, nothing stored", async () => {
    for (const c of UNSAFE) {
      for (const field of ["title", "body"] as const) {
        const text = `${SAMPLE[field].slice(0, 10)}${c}${SAMPLE[field].slice(10)}`;
        const err = expectError(await post({ ...SAMPLE, [field]: text }), 422, "validation_failed");
        expect(Object.keys(err.fields!), JSON.stringify(c)).toEqual([field]);
      }
    }
    expectError(await post({ ...SAMPLE, title: "Two\nlines" }), 422, "validation_failed");
    expect(await countIdeas()).toBe(0);
  });

  it("keeps the text exactly, including surrounding whitespace and Chinese", async () => {
    const body = "  建议每季度公布奖励等级的门槛，让主管提前规划。\n第二行  ";
    const { receipt } = await submit({ title: "公布门槛", body });
    const tracked = await api("/api/ideas/track", { method: "POST", json: { receipt }, headers: from(freshIp()) });
    expect(tracked.body.idea.body).toBe(body);
    expect(tracked.body.idea.title).toBe("公布门槛");
  });

  describe("refuses bad input with the right error and stores nothing", () => {
    let before: string;
    beforeEach(async () => {
      await submit();
      before = await dumpIdeaTables();
    });
    afterEach(async () => {
      expect(await dumpIdeaTables()).toBe(before);
    });

    it("400 for malformed JSON", async () => {
      const res = await api("/api/ideas", {
        method: "POST",
        body: '{"title": "x",',
        headers: from(freshIp(), { "Content-Type": "application/json" }),
      });
      expectError(res, 400, "malformed_json");
    });

    it("415 for a body that is not JSON", async () => {
      const res = await api("/api/ideas", {
        method: "POST",
        body: "title=x",
        headers: from(freshIp(), { "Content-Type": "application/x-www-form-urlencoded" }),
      });
      expectError(res, 415, "unsupported_media_type");
    });

    it("413 for a 1 MB string", async () => {
      const res = await post({ ...SAMPLE, body: "x".repeat(1024 * 1024) });
      expectError(res, 413, "body_too_large");
    });

    it("422 for a field over its own limit, per field", async () => {
      const err = expectError(await post({ ...SAMPLE, title: "t".repeat(121) }), 422, "validation_failed");
      expect(Object.keys(err.fields!)).toEqual(["title"]);
      const err2 = expectError(await post({ ...SAMPLE, body: "b".repeat(4001) }), 422, "validation_failed");
      expect(Object.keys(err2.fields!)).toEqual(["body"]);
    });

    it("422 for text that is only whitespace or too short", async () => {
      const err = expectError(await post({ ...SAMPLE, title: "   \u200B  ", body: "short" }), 422, "validation_failed");
      expect(Object.keys(err.fields!).sort()).toEqual(["body", "title"]);
    });

    it("422 for wrong types, unknown categories and unknown fields", async () => {
      const err = expectError(
        await post({ ...SAMPLE, publishConsent: "yes", category: "salary", locale: "fr", ip: "1.2.3.4" }),
        422,
        "validation_failed",
      );
      expect(Object.keys(err.fields!).sort()).toEqual(["category", "ip", "locale", "publishConsent"]);
      expect(err.fields!.ip).toBe("Unknown field.");
      expectError(await post([SAMPLE]), 422, "validation_failed");
      expectError(await post(null), 422, "validation_failed");
      expectError(await post({}), 422, "validation_failed");
    });

    it("405 for a wrong method, with Allow", async () => {
      const res = await api("/api/ideas", { method: "PUT", json: SAMPLE });
      expectError(res, 405, "method_not_allowed");
      expect(res.headers.get("Allow")).toBe("GET, POST");
    });

    it("403 for another site's form", async () => {
      expectError(await post(SAMPLE, freshIp(), { Origin: "https://evil.example" }), 403, "forbidden_origin");
    });
  });
});

describe("POST /api/ideas: per-client limit (idea_submit)", () => {
  it("trips with 429 and Retry-After after the configured number, without storing the extra idea", async () => {
    const ip = freshIp();
    for (let i = 0; i < 30; i++) expect((await post(SAMPLE, ip)).status).toBe(201);
    const res = await post(SAMPLE, ip);
    expectError(res, 429, "rate_limited");
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await countIdeas()).toBe(30);
    // a different client (another NAT address) is not affected
    expect((await post(SAMPLE)).status).toBe(201);
  });

  it("resets when the window ends", async () => {
    const limited = { ...env, RATE_LIMITS: JSON.stringify({ idea_submit: { limit: 2, windowSeconds: 600 } }) };
    const request = new Request("https://candor.test/api/ideas", { headers: from("203.0.113.5") });
    const input = { ...SAMPLE, category: "process" as const };
    await submitIdea(limited, request, input, new Date("2026-11-27T10:00:00Z"));
    await submitIdea(limited, request, input, new Date("2026-11-27T10:05:00Z"));
    const err = await submitIdea(limited, request, input, new Date("2026-11-27T10:09:59Z")).catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.status).toBe(429);
    // the window slides: at 10:10 the three hits of 10:00–10:10 still weigh in full
    await expect(submitIdea(limited, request, input, new Date("2026-11-27T10:10:00Z"))).rejects.toMatchObject({ status: 429 });
    // and decay: at 10:25 the one hit of 10:10–10:20 weighs half, so one more fits
    await expect(submitIdea(limited, request, input, new Date("2026-11-27T10:25:00Z"))).resolves.toHaveProperty("receipt");
    expect(await countIdeas()).toBe(3);
  });

  it("counts in memory only: a refused idea and a stored one leave no trace of the client in any table", async () => {
    const before = await dumpDatabase();
    const ip = "203.0.113.99";
    const request = new Request("https://candor.test/api/ideas/track", { headers: from(ip) });
    await trackIdea(env, request, "0000-0000-0000-0000", routeNow()).catch(() => undefined);
    const { receipt } = await submitIdea(env, request, SAMPLE, routeNow());
    const changed = delta(before, await dumpDatabase());
    // the idea and its first status, nothing else: no counter, no hash of the address, no time
    expect([...changed.keys()].sort()).toEqual(["idea_status_history", "ideas"]);
    const written = JSON.stringify([...changed.values()]);
    expect(written).not.toContain(ip);
    expect(written).not.toContain(receipt);
  });
});

describe("POST /api/ideas with Turnstile configured", () => {
  // Cloudflare's documented test secrets: 1x… always passes, 2x… always fails.
  const PASS = "1x0000000000000000000000000000000AA";
  const FAIL = "2x0000000000000000000000000000000AA";
  const calls: { url: string; form: Record<string, string> }[] = [];

  beforeEach(() => {
    calls.length = 0;
    // siteverify leaves the machine: a stand-in answers as Cloudflare does for the test secrets
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      const form = Object.fromEntries([...((init?.body as FormData) ?? new FormData()).entries()].map(([k, v]) => [k, String(v)]));
      calls.push({ url, form });
      const success = form.secret === PASS;
      return new Response(JSON.stringify(success ? { success: true } : { success: false, "error-codes": ["invalid-input-response"] }), {
        headers: { "Content-Type": "application/json" },
      });
    });
  });
  afterEach(() => vi.restoreAllMocks());

  function call(secret: string, body: unknown) {
    const request = new Request("https://candor.test/api/ideas", {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": freshIp() },
      body: JSON.stringify(body),
    });
    const ctx = {
      request,
      env: { ...env, TURNSTILE_SECRET_KEY: secret },
      params: {},
      data: {},
      functionPath: "/api/ideas",
      next: async () => new Response(null, { status: 404 }),
      waitUntil: () => undefined,
      passThroughOnException: () => undefined,
    };
    return (submitRoute as unknown as (c: typeof ctx) => Promise<Response>)(ctx);
  }

  it("accepts a token Cloudflare verifies, without sending the client's address", async () => {
    const res = await call(PASS, { ...SAMPLE, turnstileToken: "XXXX.DUMMY.TOKEN.XXXX" });
    expect(res.status).toBe(201);
    expect(calls).toEqual([{ url: SITEVERIFY_URL, form: { secret: PASS, response: "XXXX.DUMMY.TOKEN.XXXX" } }]);
    expect(await countIdeas()).toBe(1);
  });

  it("refuses with 403 when Cloudflare rejects the token, and stores nothing", async () => {
    const err = await call(FAIL, { ...SAMPLE, turnstileToken: "XXXX.DUMMY.TOKEN.XXXX" }).catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect([err.status, err.code]).toEqual([403, "turnstile_failed"]);
    expect(calls).toHaveLength(1);
    expect(await countIdeas()).toBe(0);
  });

  it("asks for the token (422 on turnstileToken) when it is missing", async () => {
    const err = await call(PASS, SAMPLE).catch((e) => e);
    expect([err.status, err.code]).toEqual([422, "validation_failed"]);
    expect(Object.keys(err.fields)).toEqual(["turnstileToken"]);
    expect(calls).toHaveLength(0);
  });

  it("is off when no secret is configured: no outbound call", async () => {
    expect((await post(SAMPLE)).status).toBe(201);
    expect(calls).toHaveLength(0);
  });
});
