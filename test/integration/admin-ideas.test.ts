// The HR console's API through the real Pages router and a real local D1:
// who may call it, what each endpoint does and refuses, and that every change
// and its audit row land together or not at all. "Today" is pinned to
// DEMO_TODAY (CANDOR_TODAY in vitest.config.ts); ideas get fixed received days.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { addDays, pinnedClock, systemClock } from "#lib/clock.ts";
import { LIMITS } from "#lib/ideas/model.ts";
import { certsUrlFor, remoteKeySet } from "#server/access.ts";
import { changeStatus, inbox } from "#server/admin-ideas.ts";
import { readAuthorSide } from "#server/db/ideas.ts";
import { requireAdmin } from "#server/auth.ts";
import { ORIGIN, api, expectError } from "./helpers.ts";
import { SAMPLE, clearIdeas, freshIp, from, submit } from "./ideas-fixtures.ts";

/** The Worker's pinned day (CANDOR_TODAY in vitest.config.ts). */
const TODAY = env.CANDOR_TODAY;
const ADMIN = { Authorization: `Bearer ${env.ADMIN_TOKEN}` };
const HOSTILE = `<script>alert(1)</script>'; DROP TABLE ideas;-- \u200Fevil\u200B {{7*7}} 😀`;

let auditMark = 0;
interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  detail: string | null;
}
async function newAudit(): Promise<AuditRow[]> {
  return (await env.DB.prepare("SELECT * FROM audit_log WHERE id > ?1 ORDER BY id").bind(auditMark).all<AuditRow>()).results;
}

beforeEach(async () => {
  await clearIdeas();
  auditMark = (await env.DB.prepare("SELECT COALESCE(MAX(id), 0) AS n FROM audit_log").first<{ n: number }>())!.n;
});

/** An idea received on `day` (a fixture write: submissions are stamped with the pinned day). */
async function idea(day = "2026-11-28", overrides: Record<string, unknown> = {}) {
  const made = await submit(overrides);
  await env.DB.prepare("UPDATE ideas SET received_on = ?2 WHERE id = ?1").bind(made.id, day).run();
  await env.DB.prepare("UPDATE idea_status_history SET on_day = ?2 WHERE idea_id = ?1").bind(made.id, day).run();
  return made;
}

const get = (path: string, headers: Record<string, string> = ADMIN) => api(path, { headers });
/** One HR intent, each its own route (functions/api/admin/ideas/[id]/). */
const INTENTS = { status: "POST", duplicate: "PUT", publication: "PUT", reward: "PUT" } as const;
type IntentRoute = keyof typeof INTENTS;
const intent =
  (route: IntentRoute) =>
  (id: string, json: unknown, headers: Record<string, string> = ADMIN) =>
    api(`/api/admin/ideas/${id}/${route}`, { method: INTENTS[route], json, headers });
const move = intent("status");
const duplicate = intent("duplicate");
const publication = intent("publication");
const reward = intent("reward");
const answer = (id: string, json: unknown, headers: Record<string, string> = ADMIN) =>
  api(`/api/admin/ideas/${id}/messages`, { method: "POST", json, headers });
const version = async (id: string) => (await get(`/api/admin/ideas/${id}`)).body.idea.version as number;
const track = (receipt: string) => api("/api/ideas/track", { method: "POST", json: { receipt }, headers: from(freshIp()) });

// ---------------------------------------------------------------- who may call

describe("HR sign-in", () => {
  const endpoints = (id: string): [string, string, unknown?][] => [
    ["GET", "/api/admin/ideas"],
    ["GET", `/api/admin/ideas/${id}`],
    ["POST", `/api/admin/ideas/${id}/status`, { version: 0, status: "under_review" }],
    ["PUT", `/api/admin/ideas/${id}/duplicate`, { version: 0, duplicateOf: null }],
    ["PUT", `/api/admin/ideas/${id}/publication`, { version: 0, publish: false }],
    ["PUT", `/api/admin/ideas/${id}/reward`, { version: 0, rewarded: false }],
    ["POST", `/api/admin/ideas/${id}/messages`, { visibility: "private", body: "Hello" }],
    ["GET", "/api/admin/audit"],
    ["GET", "/api/admin/no-such-endpoint"],
  ];

  it("401 on every admin endpoint without credentials, with a wrong token, another scheme or an empty Access header; nothing changes", async () => {
    const { id } = await idea();
    const wrong: Record<string, string>[] = [
      {},
      { Authorization: "Bearer wrong-token-wrong-token-wrong-token-0000" },
      { Authorization: `Basic ${btoa(`admin:${env.ADMIN_TOKEN}`)}` },
      { Authorization: `Bearer ${env.ADMIN_TOKEN}x` },
      { Authorization: `Bearer ${env.ADMIN_TOKEN.slice(0, -1)}` },
      { "Cf-Access-Jwt-Assertion": "" },
      { "Cf-Access-Jwt-Assertion": "eyJhbGciOiJub25lIn0.e30." },
    ];
    for (const headers of wrong) {
      for (const [method, path, json] of endpoints(id)) {
        const res = await api(path, { method, json, headers });
        expectError(res, 401, "unauthorized");
        expect(res.headers.get("WWW-Authenticate")).toBe("Bearer");
      }
    }
    expect(await newAudit()).toHaveLength(0);
    expect(await version(id)).toBe(0);
  });

  it("GET /api/admin/me answers who is signed in: the actor with the token, {signedIn: false} without credentials or with refused ones", async () => {
    const me = await get("/api/admin/me");
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ signedIn: true, actor: "admin-token" });
    const nobody: Record<string, string>[] = [
      {},
      { Authorization: "Bearer wrong-token-wrong-token-wrong-token-0000" },
      { Authorization: `Basic ${btoa(`admin:${env.ADMIN_TOKEN}`)}` },
      { Authorization: `Bearer ${env.ADMIN_TOKEN}x` },
      { "Cf-Access-Jwt-Assertion": "eyJhbGciOiJub25lIn0.e30." },
    ];
    for (const headers of nobody) {
      const res = await get("/api/admin/me", headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ signedIn: false });
      expect(res.headers.get("Cache-Control")).toContain("no-store");
    }
    // only that question: its neighbours, other methods on it and paths like it are still refused
    for (const [method, path] of [
      ["POST", "/api/admin/me"],
      ["GET", "/api/admin/me/"],
      ["GET", "/api/admin/me/x"],
      ["GET", "/api/admin/mee"],
      ["GET", "/api/admin/ideas"],
    ] as const)
      expectError(await api(path, { method, json: method === "POST" ? {} : undefined, headers: {} }), 401, "unauthorized");
    expect(await newAudit()).toHaveLength(0);
  });

  it("the right token opens every endpoint; an unknown admin path is then a JSON 404", async () => {
    const { id } = await idea();
    expect((await get("/api/admin/ideas")).status).toBe(200);
    expect((await get(`/api/admin/ideas/${id}`)).status).toBe(200);
    expect((await get("/api/admin/audit")).status).toBe(200);
    expectError(await get("/api/admin/no-such-endpoint"), 404, "not_found");
  });

  it("fails closed: no ADMIN_TOKEN (or one under 32 characters) and no Access → 403 for everyone", async () => {
    const req = new Request(`${ORIGIN}/api/admin/ideas`, { headers: ADMIN });
    await expect(requireAdmin(req, {})).rejects.toMatchObject({ status: 403, code: "admin_disabled" });
    await expect(requireAdmin(req, { ADMIN_TOKEN: "x".repeat(31) })).rejects.toMatchObject({ status: 403 });
    const long = "x".repeat(32);
    await expect(requireAdmin(new Request(req, { headers: { Authorization: `Bearer ${long}` } }), { ADMIN_TOKEN: long })).resolves.toEqual({
      actor: "admin-token",
    });
    await expect(requireAdmin(req, { ACCESS_AUD: "only-half-configured" })).rejects.toMatchObject({ status: 403 });
  });

  it("verifies a Cloudflare Access JWT with jose inside workerd (actor = the e-mail); a bad one is 401 even when a token would match", async () => {
    const pair = (await crypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
      true,
      ["sign", "verify"],
    )) as CryptoKeyPair;
    const jwk = (await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey;
    const b64 = (bytes: Uint8Array) =>
      btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, "-")
        .replace(/\//g, "_")
        .replace(/=+$/, "");
    const enc = (o: unknown) => b64(new TextEncoder().encode(JSON.stringify(o)));
    const team = "candor.cloudflareaccess.com";
    const sign = async (payload: Record<string, unknown>) => {
      const head = `${enc({ alg: "RS256", kid: "k1", typ: "JWT" })}.${enc(payload)}`;
      return `${head}.${b64(new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", pair.privateKey, new TextEncoder().encode(head))))}`;
    };
    let fetches = 0;
    const keys = remoteKeySet(certsUrlFor(team), async () => {
      fetches++;
      return Response.json({ keys: [{ ...jwk, kid: "k1" }] });
    });
    // Access stamps tokens with the real time, and the server checks them against the real clock, pinned day or not.
    const now = Math.floor(systemClock.now().getTime() / 1000);
    const claims = { aud: ["aud-tag"], iss: `https://${team}`, iat: now, exp: now + 600, email: "hr@example.org", sub: "u1" };
    const accessEnv = { ACCESS_TEAM_DOMAIN: team, ACCESS_AUD: "aud-tag", ADMIN_TOKEN: env.ADMIN_TOKEN };
    const req = (jwt: string, extra: Record<string, string> = {}) =>
      new Request(`${ORIGIN}/api/admin/ideas`, { headers: { "Cf-Access-Jwt-Assertion": jwt, ...extra } });
    expect(await requireAdmin(req(await sign(claims)), accessEnv, { keys })).toEqual({ actor: "hr@example.org" });
    const forged = await sign({ ...claims, aud: ["another-app"] });
    await expect(requireAdmin(req(forged, ADMIN), accessEnv, { keys })).rejects.toMatchObject({ status: 401 });
    for (let i = 0; i < 20; i++) {
      const unknownKid = `${enc({ alg: "RS256", kid: `forged-${i}` })}.${enc(claims)}.AAAA`;
      await expect(requireAdmin(req(unknownKid), accessEnv, { keys })).rejects.toMatchObject({ status: 401 });
    }
    expect(fetches).toBe(1);
    // behind Access the console sends no token: an empty assertion header falls back to the bearer check
    expect(await requireAdmin(req("", ADMIN), accessEnv, { keys })).toEqual({ actor: "admin-token" });
  });
});

// ---------------------------------------------------------------- inbox

describe("GET /api/admin/ideas", () => {
  it("counts per status, lists unanswered ideas oldest first, marks overdue ones, pages with a cursor", async () => {
    const old = await idea("2026-11-10", { title: "Oldest unanswered idea" });
    const recent = await idea("2026-11-29", { title: "Recent unanswered idea" });
    const answered = await idea("2026-11-01", { title: "Answered a while ago" });
    const closed = await idea("2026-10-01", { title: "Closed long ago" });
    await answer(answered.id, { visibility: "private", body: "Thanks, looking into it." });
    await move(closed.id, { version: 0, status: "declined", note: "Out of budget." });
    const res = await get("/api/admin/ideas");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.body.counts).toMatchObject({ total: 4, received: 3, declined: 1, overdue: 1, contested: 0 });
    expect(res.body.ideas.map((i: { id: string }) => i.id)).toEqual([old.id, recent.id, answered.id, closed.id]);
    expect(res.body.ideas[0]).toMatchObject({ overdue: true, acknowledged: false, answered: false, dueOn: "2026-11-17" });
    expect(res.body.ideas[1]).toMatchObject({ overdue: false, dueOn: "2026-12-06" });
    expect(res.body.ideas[2]).toMatchObject({ overdue: false, acknowledged: true, answered: true });
    expect(res.body.nextCursor).toBeNull();

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { ideas: { id: string }[]; nextCursor: string | null } } = await get(
        `/api/admin/ideas?limit=1${cursor ? `&cursor=${cursor}` : ""}`,
      );
      pages.push(...page.body.ideas.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual([old.id, recent.id, answered.id, closed.id]);
  });

  it("an author's reply puts an answered idea back at the top; the verdict shows in the inbox — from the next day", async () => {
    const a = await idea("2026-11-01");
    const b = await idea("2026-11-20");
    await answer(a.id, { visibility: "public", body: "Done." });
    await move(a.id, { version: 1, status: "done" });
    await answer(b.id, { visibility: "private", body: "Which team?" });
    let list = (await get("/api/admin/ideas")).body.ideas;
    expect(list.map((i: { id: string }) => i.id)).toEqual([b.id, a.id]);
    const today = (await get("/api/admin/ideas")).body;
    await api("/api/ideas/track/messages", {
      method: "POST",
      json: { receipt: b.receipt, body: "Team 3, night shift." },
      headers: from(freshIp()),
    });
    await api("/api/ideas/track/verdict", {
      method: "POST",
      json: { receipt: a.receipt, verdict: "not_resolved" },
      headers: from(freshIp()),
    });
    // today HR's inbox is as it was: what the authors did today shows tomorrow
    expect((await get("/api/admin/ideas")).body).toEqual(today);
    expect((await get("/api/admin/ideas?verdict=not_resolved")).body.ideas).toEqual([]);
    // the next day (the pinned clock a day on, docs/clock.md)
    const tomorrow = pinnedClock(addDays(TODAY, 1)).now();
    const res = await inbox(env, {}, tomorrow);
    list = res.ideas;
    expect(list[0]).toMatchObject({ id: b.id, awaitingReply: true });
    expect(list[1]).toMatchObject({ id: a.id, verdict: "not_resolved" });
    expect(res.counts.contested).toBe(1);
    expect((await inbox(env, { verdict: "not_resolved" }, tomorrow)).ideas.map((i) => i.id)).toEqual([a.id]);
  });

  it("filters by status, category and overdue, and searches title and text in either language (two-character Chinese words too)", async () => {
    const zh = await idea("2026-11-01", {
      category: "training",
      title: "增加抗压与情绪管理培训",
      body: "建议每半年安排一次培训，并提供一对一心理支持渠道。",
      locale: "zh-cn",
    });
    const en = await idea("2026-11-25", {
      category: "tools",
      title: "Faster knowledge base search",
      body: "Search takes ten seconds and misses synonyms.",
    });
    const ids = async (query: string) => (await get(`/api/admin/ideas?${query}`)).body.ideas.map((i: { id: string }) => i.id);
    expect(await ids("category=training")).toEqual([zh.id]);
    expect(await ids("overdue=true")).toEqual([zh.id]);
    expect(await ids("overdue=false")).toEqual([en.id]);
    expect(await ids("status=received&category=tools")).toEqual([en.id]);
    expect(await ids("status=done")).toEqual([]);
    expect(await ids(`q=${encodeURIComponent("培训")}`)).toEqual([zh.id]);
    expect(await ids(`q=${encodeURIComponent("心理")}`)).toEqual([zh.id]);
    expect(await ids("q=SYNONYMS")).toEqual([en.id]);
    expect(await ids(`q=${en.id}`)).toEqual([en.id]);
    expect(await ids(`q=${encodeURIComponent("%")}`)).toEqual([]);
    expect(await ids(`q=${encodeURIComponent("'; DROP TABLE ideas;--")}`)).toEqual([]);
  });

  it("422 for unknown or invalid query parameters and a damaged cursor", async () => {
    for (const q of [
      "status=open",
      "category=x",
      "overdue=yes",
      "verdict=maybe",
      "limit=0",
      "limit=101",
      "foo=1",
      `q=${"x".repeat(101)}`,
      "cursor=%%%",
      "cursor=WzFd",
      `cursor=${btoa("<script>")}`,
    ]) {
      expectError(await get(`/api/admin/ideas?${q}`), 422, "validation_failed");
    }
    expectError(await api("/api/admin/ideas", { method: "POST", json: {}, headers: ADMIN }), 405, "method_not_allowed");
  });
});

// ---------------------------------------------------------------- one idea

describe("GET /api/admin/ideas/{id}", () => {
  it("returns the original text, consent, history, thread, supports, verdict and version", async () => {
    const { id } = await idea("2026-11-20", { publishConsent: false });
    const res = await get(`/api/admin/ideas/${id.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(res.body.idea).toMatchObject({
      id,
      title: SAMPLE.title,
      body: SAMPLE.body,
      publishConsent: false,
      status: "received",
      receivedOn: "2026-11-20",
      history: [{ status: "received", on: "2026-11-20", note: null }],
      messages: [],
      supportCount: 0,
      verdict: null,
      acknowledgedOn: null,
      dueOn: "2026-11-27",
      overdue: true,
      version: 0,
    });
    expect(res.body.idea).not.toHaveProperty("receiptHash");
    expect(JSON.stringify(res.body)).not.toMatch(/receipt|locale/);
  });

  it("404 for an unknown or hostile id", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "nope", encodeURIComponent("<script>"), encodeURIComponent("' OR 1=1 --")]) {
      expectError(await get(`/api/admin/ideas/${id}`), 404, "not_found");
    }
  });
});

// ---------------------------------------------------------------- answers

describe("POST /api/admin/ideas/{id}/messages", () => {
  it("a private answer reaches the author's tracking page at once and acknowledges the idea; the audit log records who and when", async () => {
    const { id, receipt } = await idea("2026-11-20");
    const res = await answer(id, { visibility: "private", body: "Thank you — which team are you in?" });
    expect(res.status).toBe(201);
    // an answer steps the version (a PATCH from a screen without it is then 409)
    expect(res.body.idea).toMatchObject({ acknowledgedOn: TODAY, overdue: false, version: 1 });
    expect(res.body.idea.messages).toEqual([{ from: "hr", visibility: "private", body: "Thank you — which team are you in?", on: TODAY }]);
    expect((await track(receipt)).body.idea.messages).toEqual(res.body.idea.messages);
    const [row] = await newAudit();
    expect(row).toMatchObject({ actor: "admin-token", action: "idea.answer", target_type: "idea", target_id: id });
    expect(row!.at).toMatch(/^2026-11-30T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(JSON.parse(row!.detail!)).toEqual({ visibility: "private" });
  });

  it("an answer steps the version: a PATCH from a screen that did not show it is 409 edit_conflict, and changes nothing", async () => {
    const { id } = await idea();
    const seen = await version(id);
    const res = await answer(id, { visibility: "private", body: "We are looking into it." });
    expect(res.body.idea.version).toBe(seen + 1);
    const stale = await move(id, { version: seen, status: "declined", note: "From a screen without the answer." });
    const err = expectError(stale, 409, "edit_conflict");
    expect((err as unknown as { current: { version: number; messages: unknown[] } }).current).toMatchObject({ version: seen + 1 });
    expect((await get(`/api/admin/ideas/${id}`)).body.idea).toMatchObject({ status: "received", version: seen + 1 });
    expect((await newAudit()).map((r) => r.action)).toEqual(["idea.answer"]);
    // from the current version it goes through
    expect((await move(id, { version: seen + 1, status: "under_review" })).status).toBe(200);
  });

  it("a public answer shows on the board once the idea is published, a private one never", async () => {
    const { id } = await idea();
    await answer(id, { visibility: "public", body: "We will publish thresholds in advance." });
    await answer(id, { visibility: "private", body: "Private follow-up." });
    expect((await api("/api/ideas")).body.ideas).toEqual([]);
    await publication(id, {
      version: 2,
      publish: { title: "Publish thresholds in advance", body: "Thresholds should be known before the quarter." },
    });
    const [shown] = (await api("/api/ideas")).body.ideas;
    expect(shown.answers).toEqual([{ body: "We will publish thresholds in advance.", on: TODAY }]);
    expect(JSON.stringify(shown)).not.toContain("Private follow-up");
  });

  it("stores hostile text verbatim and returns it as text", async () => {
    const { id } = await idea();
    const res = await answer(id, { visibility: "private", body: HOSTILE });
    expect(res.status).toBe(201);
    expect(res.body.idea.messages[0].body).toBe(HOSTILE);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM ideas").first("n")).toBe(1);
  });

  it("refuses bad input with the JSON error shape, storing nothing and auditing nothing", async () => {
    const { id } = await idea();
    const url = `/api/admin/ideas/${id}/messages`;
    for (const body of [
      {},
      { visibility: "private" },
      { visibility: "secret", body: "x" },
      { visibility: "private", body: 42 },
      { visibility: "private", body: ["a"] },
      { visibility: "private", body: "  \u200B " },
      { visibility: "private", body: "x".repeat(LIMITS.replyMax + 1) },
      { visibility: "private", body: "ok", author: "author" },
      // NUL, other controls, direction overrides and isolates (src/lib/text/unsafe-text.ts)
      { visibility: "private", body: "Thank you\u0000." },
      { visibility: "public", body: "Thank you\u0008." },
      { visibility: "public", body: "Thank you\u0090." },
      { visibility: "private", body: "\u202Bcall us\u202C" },
      { visibility: "private", body: "\u2066call us\u2069" },
      null,
      [],
      "text",
    ]) {
      expectError(await answer(id, body), 422, "validation_failed");
    }
    expectError(
      await api(url, { method: "POST", body: "{", headers: { ...ADMIN, "Content-Type": "application/json" } }),
      400,
      "malformed_json",
    );
    expectError(
      await api(url, { method: "POST", body: "body=x", headers: { ...ADMIN, "Content-Type": "text/plain" } }),
      415,
      "unsupported_media_type",
    );
    expectError(await answer(id, { visibility: "private", body: "x".repeat(40_000) }), 413, "body_too_large");
    expectError(await answer("00000000-0000-4000-8000-000000000000", { visibility: "private", body: "Hello" }), 404, "not_found");
    expectError(await api(url, { headers: ADMIN }), 405, "method_not_allowed");
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM idea_messages").first("n")).toBe(0);
    expect(await newAudit()).toHaveLength(0);
  });
});

// ---------------------------------------------------------------- changes

describe("one route per intent: /api/admin/ideas/{id}/status, /duplicate, /publication, /reward", () => {
  it("moves a status with a public note the author sees at once; each change steps the version and is audited", async () => {
    const { id, receipt } = await idea();
    const res = await move(id, { version: 0, status: "under_review", note: "Passed to the reward committee." });
    expect(res.status).toBe(200);
    expect(res.body.idea).toMatchObject({ status: "under_review", version: 1, acknowledgedOn: TODAY });
    const tracked = (await track(receipt)).body.idea;
    expect(tracked.status).toBe("under_review");
    expect(tracked.history.at(-1)).toEqual({ status: "under_review", on: TODAY, note: "Passed to the reward committee." });
    const planned = (await move(id, { version: 1, status: "planned", note: " \u200B " })).body.idea;
    expect(planned.version).toBe(2);
    expect(planned.history.at(-1).note).toBeNull(); // blanks and invisible characters are no note
    const rows = await newAudit();
    expect(rows.map((r) => [r.action, JSON.parse(r.detail!)])).toEqual([
      ["idea.status", { from: "received", to: "under_review", note: "Passed to the reward committee." }],
      ["idea.status", { from: "under_review", to: "planned", note: null }],
    ]);
  });

  it("follows the stated transitions: skipping ahead, declining and reopening are allowed, going back to received or repeating a status is 422", async () => {
    const { id } = await idea();
    await expect(move(id, { version: 0, status: "in_progress" })).resolves.toMatchObject({ status: 200 });
    await expect(move(id, { version: 1, status: "done" })).resolves.toMatchObject({ status: 200 });
    const back = expectError(await move(id, { version: 2, status: "planned" }), 422, "invalid_transition");
    expect(back.fields!.status).toContain("under_review");
    expectError(await move(id, { version: 2, status: "received" }), 422, "invalid_transition");
    expectError(await move(id, { version: 2, status: "done" }), 422, "invalid_transition");
    await expect(move(id, { version: 2, status: "under_review", note: "Reopened: the fix did not hold." })).resolves.toMatchObject({
      status: 200,
    });
    expect((await newAudit()).filter((r) => r.action === "idea.status")).toHaveLength(3);
  });

  it("a stale version is 409 edit_conflict with the current state, and nothing is overwritten", async () => {
    const { id } = await idea();
    await move(id, { version: 0, status: "under_review", note: "First HR person." });
    const res = await move(id, { version: 0, status: "declined", note: "Second HR person, from a stale screen." });
    const err = expectError(res, 409, "edit_conflict");
    expect((err as unknown as { current: { status: string; version: number } }).current).toMatchObject({
      status: "under_review",
      version: 1,
    });
    expect((await get(`/api/admin/ideas/${id}`)).body.idea.history).toHaveLength(2);
    expect(await newAudit()).toHaveLength(1);
  });

  it("two changes racing from the same version: the database takes one, the other leaves no change and no audit row", async () => {
    const { id } = await idea();
    const now = pinnedClock(TODAY).now();
    // the other HR person's change lands between this request's read and its write
    const racing = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "batch")
          return async (statements: D1PreparedStatement[]) => {
            await changeStatus({ DB: target }, { actor: "other@example.org" }, id, { version: 0, status: "planned" }, now);
            return target.batch(statements);
          };
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const err = await changeStatus(
      { DB: racing },
      { actor: "me@example.org" },
      id,
      { version: 0, status: "declined", note: "n/a" },
      now,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, code: "edit_conflict" });
    const stored = (await get(`/api/admin/ideas/${id}`)).body.idea;
    expect(stored).toMatchObject({ status: "planned", version: 1 });
    expect(stored.history.map((h: { status: string }) => h.status)).toEqual(["received", "planned"]);
    expect((await newAudit()).map((r) => r.actor)).toEqual(["other@example.org"]);
  });

  it("publishes a moderated version only with the author's consent (409 otherwise), and the board shows it", async () => {
    const without = await idea("2026-11-28", { publishConsent: false });
    expectError(
      await publication(without.id, { version: 0, publish: { title: "A fair title", body: "A moderated text long enough." } }),
      409,
      "no_publish_consent",
    );
    expect(await newAudit()).toHaveLength(0);
    const { id, receipt } = await idea();
    const res = await publication(id, {
      version: 0,
      publish: { title: "Thresholds before the quarter", body: "Publish the tier thresholds at the start of each quarter." },
    });
    expect(res.body.idea).toMatchObject({ published: true, publishedOn: TODAY, publicTitle: "Thresholds before the quarter" });
    const board = (await api("/api/ideas")).body.ideas;
    expect(board.map((i: { title: string }) => i.title)).toEqual(["Thresholds before the quarter"]);
    expect(JSON.stringify(board)).not.toContain(SAMPLE.title); // never the original
    expect(JSON.stringify(board)).not.toContain(SAMPLE.body);
    expect((await track(receipt)).body.idea).toMatchObject({ published: true, publicTitle: "Thresholds before the quarter" });
    await publication(id, { version: 1, publish: false });
    expect((await api("/api/ideas")).body.ideas).toEqual([]);
    expect((await newAudit()).map((r) => r.action)).toEqual(["idea.publish", "idea.unpublish"]);
  });

  it("refuses a moderated text with identifying details (422 with the spans) unless HR confirms", async () => {
    const { id } = await idea();
    const text = { title: "Night shift handover", body: "Agent 4471 on the 11月27日 night shift, call me on 138 0013 8000." };
    const res = await publication(id, { version: 0, publish: text });
    const err = expectError(res, 422, "identifying_details") as unknown as {
      fields: Record<string, string>;
      spans: { field: string; kind: string; start: number; end: number; text: string }[];
    };
    expect(err.fields["publish.body"]).toBeTruthy();
    expect(err.spans.map((s) => s.kind).sort()).toEqual(["date", "employee_id", "phone"]);
    for (const s of err.spans) expect(text.body.slice(s.start, s.end)).toBe(s.text);
    expect((await get(`/api/admin/ideas/${id}`)).body.idea).toMatchObject({ published: false, version: 0 });
    expect(await newAudit()).toHaveLength(0);
    const ok = await publication(id, { version: 0, publish: { ...text, confirm: true } });
    expect(ok.body.idea.published).toBe(true);
    expect(JSON.parse((await newAudit())[0]!.detail!).confirmedIdentifying.sort()).toEqual(["date", "employee_id", "phone"]);
  });

  it("rewards with a public note the board and the author see, and takes it back", async () => {
    const { id, receipt } = await idea();
    await publication(id, { version: 0, publish: { title: "Thresholds in advance", body: "Publish the thresholds before the quarter." } });
    await reward(id, { version: 1, rewarded: { note: "Innovation award for Q4 (创新奖励)." } });
    expect((await api("/api/ideas")).body.ideas[0]).toMatchObject({ rewarded: true, rewardNote: "Innovation award for Q4 (创新奖励)." });
    expect((await track(receipt)).body.idea).toMatchObject({ rewarded: true, rewardNote: "Innovation award for Q4 (创新奖励)." });
    await reward(id, { version: 2, rewarded: false });
    expect((await api("/api/ideas")).body.ideas[0]).toMatchObject({ rewarded: false, rewardNote: null });
    expect((await newAudit()).map((r) => r.action)).toEqual(["idea.publish", "idea.reward", "idea.unreward"]);
  });

  it("marks a duplicate of another idea (status follows), refuses itself, unknown ids and duplicates of duplicates, and reopens", async () => {
    const original = await idea("2026-11-01");
    const copy = await idea("2026-11-20");
    const third = await idea("2026-11-21");
    const res = await duplicate(copy.id, { version: 0, duplicateOf: original.id, note: undefined });
    expect(res.body.idea).toMatchObject({ status: "duplicate", duplicateOf: { id: original.id, status: "received" } });
    expectError(await duplicate(third.id, { version: 0, duplicateOf: third.id }), 422, "validation_failed");
    expectError(await duplicate(third.id, { version: 0, duplicateOf: "00000000-0000-4000-8000-000000000000" }), 422, "validation_failed");
    expectError(await duplicate(third.id, { version: 0, duplicateOf: copy.id }), 422, "validation_failed");
    expectError(await move(third.id, { version: 0, status: "duplicate" }), 422, "validation_failed");
    expectError(await duplicate(third.id, { version: 0, duplicateOf: original.id, status: "planned" }), 422, "validation_failed");
    const reopened = await duplicate(copy.id, { version: 1, duplicateOf: null });
    expect(reopened.body.idea).toMatchObject({ status: "under_review", duplicateOf: null });
    expect((await newAudit()).map((r) => r.action)).toEqual(["idea.duplicate", "idea.status", "idea.duplicate.clear", "idea.status"]);
  });

  it("each intent is one audited change: it steps the version once, so the next is sent with the version it answered", async () => {
    const { id } = await idea();
    const moved = (await move(id, { version: 0, status: "done", note: "Thresholds are now published every quarter." })).body.idea;
    expect(moved).toMatchObject({ status: "done", published: false, rewarded: false, version: 1 });
    const published = await publication(id, {
      version: moved.version,
      publish: { title: "Thresholds in advance", body: "Publish the thresholds before the quarter." },
    });
    expect(published.body.idea).toMatchObject({ status: "done", published: true, version: 2 });
    // the reward sent with the version before the publication: someone changed the idea since that screen
    expectError(await reward(id, { version: 1, rewarded: { note: "Innovation award." } }), 409, "edit_conflict");
    const rewarded = await reward(id, { version: 2, rewarded: { note: "Innovation award." } });
    expect(rewarded.body.idea).toMatchObject({ status: "done", published: true, rewarded: true, version: 3 });
    expect((await newAudit()).map((r) => r.action)).toEqual(["idea.status", "idea.publish", "idea.reward"]);
  });

  it("an intent that changes nothing answers the idea as it is, without stepping its version or writing an audit row", async () => {
    const { id } = await idea();
    for (const [send, json] of [
      [duplicate, { version: 0, duplicateOf: null }],
      [publication, { version: 0, publish: false }],
      [reward, { version: 0, rewarded: false }],
    ] as const) {
      const res = await send(id, json);
      expect(res.status).toBe(200);
      expect(res.body.idea).toMatchObject({ status: "received", published: false, rewarded: false, duplicateOf: null, version: 0 });
    }
    expect(await newAudit()).toHaveLength(0);
  });

  it("refuses bad input (400/413/415/422) and unknown ideas (404) on every intent's route, changing and auditing nothing", async () => {
    const { id } = await idea();
    const wrong: Record<IntentRoute, unknown[]> = {
      status: [
        {},
        { status: "done" },
        { version: 0 },
        { version: "0", status: "done" },
        { version: -1, status: "done" },
        { version: 0.5, status: "done" },
        { version: 0, status: "open" },
        { version: 0, note: "a note without a status" },
        { version: 0, status: "done", note: 5 },
        { version: 0, status: "done", note: "x".repeat(LIMITS.statusNoteMax + 1) },
        { version: 0, status: "done", version2: 1 },
        { version: 0, status: "done", rewarded: { note: "one intent per route" } },
        { version: 0, status: `done\u0000` },
        { version: 0, status: "<script>" },
      ],
      publication: [
        {},
        { version: 0 },
        { version: 0, publish: true },
        { version: 0, publish: { title: "ok title" } },
        { version: 0, publish: { title: "ok title", body: "long enough body", confirm: "yes" } },
        { version: 0, publish: { title: "ok title", body: "long enough body", extra: 1 } },
        { version: 0, publish: false, status: "done" },
      ],
      reward: [{}, { version: 0 }, { version: 0, rewarded: true }, { version: 0, rewarded: { note: "" } }, { rewarded: false }],
      duplicate: [
        {},
        { version: 0 },
        { version: 0, duplicateOf: "not-a-uuid" },
        { version: 0, duplicateOf: 7 },
        { version: 0, duplicateOf: null, note: 5 },
        { duplicateOf: null },
      ],
    };
    for (const [route, bodies] of Object.entries(wrong) as [IntentRoute, unknown[]][]) {
      for (const body of [...bodies, [], null]) expectError(await intent(route)(id, body), 422, "validation_failed");
      const url = `/api/admin/ideas/${id}/${route}`;
      expectError(
        await api(url, { method: INTENTS[route], body: "{version:0", headers: { ...ADMIN, "Content-Type": "application/json" } }),
        400,
        "malformed_json",
      );
      expectError(
        await api(url, { method: INTENTS[route], body: "version=0", headers: { ...ADMIN, "Content-Type": "text/plain" } }),
        415,
        "unsupported_media_type",
      );
      expectError(await intent(route)(id, { version: 0, note: "x".repeat(40_000) }), 413, "body_too_large");
      expectError(await api(url, { method: "PATCH", json: { version: 0 }, headers: ADMIN }), 405, "method_not_allowed");
      expectError(await api(url, { method: "GET", headers: ADMIN }), 405, "method_not_allowed");
    }
    expectError(await move("00000000-0000-4000-8000-000000000000", { version: 0, status: "done" }), 404, "not_found");
    expectError(await duplicate("00000000-0000-4000-8000-000000000000", { version: 0, duplicateOf: null }), 404, "not_found");
    expectError(await publication("00000000-0000-4000-8000-000000000000", { version: 0, publish: false }), 404, "not_found");
    expectError(await reward("00000000-0000-4000-8000-000000000000", { version: 0, rewarded: false }), 404, "not_found");
    // the combined change is gone: the idea itself answers GET only
    const url = `/api/admin/ideas/${id}`;
    expectError(await api(url, { method: "PATCH", json: { version: 0, status: "done" }, headers: ADMIN }), 405, "method_not_allowed");
    expectError(await api(url, { method: "PUT", json: { version: 0 }, headers: ADMIN }), 405, "method_not_allowed");
    expect((await get(url)).body.idea).toMatchObject({ status: "received", version: 0 });
    expect(await newAudit()).toHaveLength(0);
  });

  it("stores hostile moderated text and notes verbatim", async () => {
    const { id } = await idea();
    const moved = await move(id, { version: 0, status: "planned", note: HOSTILE });
    expect(moved.status).toBe(200);
    expect(moved.body.idea.history.at(-1).note).toBe(HOSTILE);
    const res = await publication(id, { version: 1, publish: { title: HOSTILE.slice(0, 100), body: HOSTILE, confirm: true } });
    expect(res.status).toBe(200);
    expect(res.body.idea.publicBody).toBe(HOSTILE);
  });
});

// ---------------------------------------------------------------- audit log

describe("GET /api/admin/audit", () => {
  it("lists HR actions newest first, filtered by actor, action, target and day, with cursor paging", async () => {
    const a = await idea();
    const b = await idea();
    await answer(a.id, { visibility: "private", body: "One" });
    await move(a.id, { version: 1, status: "under_review" });
    await answer(b.id, { visibility: "public", body: "Two" });
    const all = (await get("/api/admin/audit")).body;
    const mine = all.entries.filter((e: { id: number }) => e.id > auditMark);
    expect(mine.map((e: { action: string; targetId: string }) => [e.action, e.targetId])).toEqual([
      ["idea.answer", b.id],
      ["idea.status", a.id],
      ["idea.answer", a.id],
    ]);
    expect(mine[0]).toMatchObject({ actor: "admin-token", targetType: "idea", detail: { visibility: "public" } });
    const ids = async (q: string) =>
      (await get(`/api/admin/audit?${q}`)).body.entries
        .filter((e: { id: number }) => e.id > auditMark)
        .map((e: { action: string }) => e.action);
    expect(await ids(`target=${a.id}`)).toEqual(["idea.status", "idea.answer"]);
    expect(await ids("action=idea.status")).toEqual(["idea.status"]);
    expect(await ids("actor=admin-token&action=idea.answer")).toEqual(["idea.answer", "idea.answer"]);
    expect(await ids(`from=${TODAY}&to=${TODAY}`)).toEqual(["idea.answer", "idea.status", "idea.answer"]);
    expect(await ids("to=2026-11-29")).toEqual([]);
    expect(await ids("actor=someone-else")).toEqual([]);
    const first = await get(`/api/admin/audit?target=${a.id}&limit=1`);
    expect(first.body.entries).toHaveLength(1);
    const second = await get(`/api/admin/audit?target=${a.id}&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.entries[0].action).toBe("idea.answer");
    expect(second.body.nextCursor).toBeNull();
  });

  it("names the page's ideas by the title HR sees (also one a duplicate points to) and its surveys by theirs, and nothing else about an idea", async () => {
    const a = await idea("2026-11-28", { title: "Audit title A for the log" });
    const b = await idea("2026-11-28", { title: "Audit title B for the log" });
    await answer(a.id, { visibility: "private", body: "Seen." });
    await duplicate(b.id, { version: 0, duplicateOf: a.id });
    const page = (await get(`/api/admin/audit?target=${b.id}`)).body;
    expect(page.entries.map((e: { action: string }) => e.action)).toContain("idea.duplicate");
    expect(page.titles.ideas).toEqual({ [b.id]: "Audit title B for the log", [a.id]: "Audit title A for the log" });
    expect(page.titles.surveys).toEqual({});
    // titles only: strings, never an object with anything else of the idea
    const all = (await get("/api/admin/audit")).body;
    for (const title of Object.values(all.titles.ideas)) expect(typeof title).toBe("string");
    expect(Object.keys(all.titles).sort()).toEqual(["ideas", "surveys"]);
  });

  it("for one idea, the first page also gives the author's replies and verdict, to the day and from the next day, and the log itself holds no row of theirs", async () => {
    const a = await idea("2026-11-01");
    await answer(a.id, { visibility: "private", body: "Which team?" });
    const author = (path: string, json: Record<string, unknown>) =>
      api(`/api/ideas/track/${path}`, { method: "POST", json: { receipt: a.receipt, ...json }, headers: from(freshIp()) });
    expect((await author("messages", { body: "Team 3." })).status).toBeLessThan(300);
    expect((await author("messages", { body: "Night shift too." })).status).toBeLessThan(300);
    await move(a.id, { version: 1, status: "done" });
    expect((await author("verdict", { verdict: "not_resolved", comment: "Still waiting." })).status).toBeLessThan(300);

    const first = await get(`/api/admin/audit?target=${a.id}&limit=1`);
    // today: nothing yet; the next day (the pinned clock a day on, docs/clock.md), every event, on the day it happened
    expect(first.body.authorSide).toEqual([]);
    const side = await readAuthorSide(env, a.id, addDays(TODAY, 1));
    expect(side).toEqual([
      { on: TODAY, kind: "verdict", verdict: "not_resolved" },
      { on: TODAY, kind: "reply" },
      { on: TODAY, kind: "reply" },
    ]);
    // days only: nothing the author did carries a time of day, in the answer or in the log
    for (const event of side)
      expect(Object.keys(event).sort()).toEqual(event.kind === "verdict" ? ["kind", "on", "verdict"] : ["kind", "on"]);
    expect((await newAudit()).map((r) => r.actor)).toEqual(["admin-token", "admin-token"]);
    // only with a target, only on the first page
    expect((await get(`/api/admin/audit?target=${a.id}&limit=1&cursor=${first.body.nextCursor}`)).body.authorSide).toBeUndefined();
    expect((await get("/api/admin/audit")).body.authorSide).toBeUndefined();
    expect((await get("/api/admin/audit?target=no-such-idea")).body.authorSide).toEqual([]);
  });

  it("422 for bad filters", async () => {
    for (const q of [
      "action=idea.delete",
      "from=2026-13-01",
      "from=yesterday",
      "from=2026-11-30&to=2026-11-01",
      "limit=500",
      "x=1",
      "cursor=abc",
      `actor=${"a".repeat(201)}`,
    ]) {
      expectError(await get(`/api/admin/audit?${q}`), 422, "validation_failed");
    }
  });

  it("is append-only in the database itself: UPDATE and DELETE are refused", async () => {
    const { id } = await idea();
    await answer(id, { visibility: "private", body: "On the record." });
    const [row] = await newAudit();
    await expect(env.DB.prepare("UPDATE audit_log SET actor = 'nobody' WHERE id = ?1").bind(row!.id).run()).rejects.toThrow(/append_only/);
    await expect(env.DB.prepare("DELETE FROM audit_log WHERE id = ?1").bind(row!.id).run()).rejects.toThrow(/append_only/);
    await expect(env.DB.prepare("DELETE FROM audit_log").run()).rejects.toThrow(/append_only/);
    expect((await newAudit())[0]).toEqual(row);
  });
});
