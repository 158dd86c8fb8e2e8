import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { LIMITS } from "#lib/ideas/model.ts";
import { addHrMessage, publishIdea, setStatus } from "../support/idea-writes.ts";
import { HttpError } from "#server/http.ts";
import { DEFAULT_LIMITS } from "#server/rate-limit.ts";
import { giveVerdict, replyToIdea, trackIdea } from "#server/ideas.ts";
import { api, expectError, routeNow } from "./helpers.ts";
import { clearIdeas, dumpIdeaTables, freshIp, from, submit } from "./ideas-fixtures.ts";

beforeEach(clearIdeas);

/** The Worker's pinned day (vitest.config.ts): what "received today" means in these tests. */
const today = () => env.CANDOR_TODAY;

function track(receipt: unknown, ip = freshIp()) {
  return api("/api/ideas/track", { method: "POST", json: { receipt }, headers: from(ip) });
}
function reply(json: unknown, ip = freshIp()) {
  return api("/api/ideas/track/messages", { method: "POST", json, headers: from(ip) });
}
function verdict(json: unknown, ip = freshIp()) {
  return api("/api/ideas/track/verdict", { method: "POST", json, headers: from(ip) });
}

describe("POST /api/ideas/track", () => {
  it("returns the idea, its history with dates and every message its author may see", async () => {
    const { receipt, id } = await submit();
    await setStatus(env, id, "under_review", "2026-11-28", "Passed to the reward committee.");
    await addHrMessage(env, id, "private", "Thank you. Could you say which tier you mean?", "2026-11-28");
    await addHrMessage(env, id, "public", "We will publish thresholds before each quarter from Q1.", "2026-11-30");
    await publishIdea(env, id, { title: "Publish tier thresholds in advance", body: "Moderated text.", day: "2026-11-30" });
    const res = await track(receipt);
    expect(res.status).toBe(200);
    const idea = res.body.idea;
    expect(idea).toMatchObject({
      id,
      category: "reward_policy",
      status: "under_review",
      receivedOn: today(),
      published: true,
      publicTitle: "Publish tier thresholds in advance",
      publicBody: "Moderated text.",
      rewarded: false,
      verdict: null,
      supportCount: 0,
    });
    expect(idea.history).toEqual([
      { status: "received", on: today(), note: null },
      { status: "under_review", on: "2026-11-28", note: "Passed to the reward committee." },
    ]);
    expect(idea.messages).toEqual([
      { from: "hr", visibility: "private", body: "Thank you. Could you say which tier you mean?", on: "2026-11-28" },
      { from: "hr", visibility: "public", body: "We will publish thresholds before each quarter from Q1.", on: "2026-11-30" },
    ]);
  });

  it("accepts the code as a person types it: lowercase, spaces, no dashes, O for 0", async () => {
    const { receipt, id } = await submit();
    const typed = ` ${receipt.toLowerCase().replace(/-/g, " ").replace(/0/g, "o")} `;
    const res = await track(typed);
    expect(res.status).toBe(200);
    expect(res.body.idea.id).toBe(id);
  });

  it("answers 404 with one message for a wrong or malformed code, and never echoes it", async () => {
    await submit();
    const wrong = await track("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    const malformed = await track("not a receipt");
    const a = expectError(wrong, 404, "not_found");
    const b = expectError(malformed, 404, "not_found");
    expect(a).toEqual(b);
    expect(JSON.stringify(wrong.body)).not.toContain("ZZZZ");
  });

  it("answers 429 to wrong codes after 30 from one address, but never refuses a colleague's right code for it", async () => {
    const { receipt } = await submit();
    const ip = freshIp();
    const allowed = DEFAULT_LIMITS.idea_track_failure.limit;
    for (let i = 0; i < allowed; i++) expectError(await track(`AAAA-AAAA-AAAA-${String(i).padStart(4, "0")}`, ip), 404, "not_found");
    const limited = await track(`AAAA-AAAA-AAAA-${String(allowed).padStart(4, "0")}`, ip);
    expectError(limited, 429, "rate_limited");
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    // 80 random bits make guessing hopeless: the right code from the same address still opens the idea
    expect((await track(receipt, ip)).status).toBe(200);
    expect((await track(receipt)).status).toBe(200);
  });

  it("finds the idea through the receipt hash's unique index, never a scan", async () => {
    const plan = await env.DB.prepare("EXPLAIN QUERY PLAN SELECT * FROM ideas WHERE receipt_hash = ?1")
      .bind("0".repeat(64))
      .all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(" ")).toMatch(/USING INDEX sqlite_autoindex_ideas_\d/);
  });

  it("does not count successful lookups as failures", async () => {
    const { receipt } = await submit();
    // a failure limit of 2, so a handful of successes would trip it if they counted
    const strict = { ...env, RATE_LIMITS: JSON.stringify({ idea_track_failure: { limit: 2, windowSeconds: 600 } }) };
    const request = new Request("https://candor.test/", { headers: from(freshIp()) });
    for (let i = 0; i < 5; i++) expect((await trackIdea(strict, request, receipt, routeNow())).title).toBeTruthy();
    // the same limit refuses a third wrong code …
    for (let i = 0; i < 2; i++)
      await expect(trackIdea(strict, request, "AAAA-AAAA-AAAA-AAAA", routeNow())).rejects.toMatchObject({ status: 404 });
    await expect(trackIdea(strict, request, "AAAA-AAAA-AAAA-AAAA", routeNow())).rejects.toMatchObject({ status: 429 });
    // … and never the right one
    expect((await trackIdea(strict, request, receipt, routeNow())).title).toBeTruthy();
  });

  it("refuses bad bodies: 400, 413, 415, 422 and 405", async () => {
    await submit();
    const before = await dumpIdeaTables();
    expectError(
      await api("/api/ideas/track", { method: "POST", body: "{", headers: { "Content-Type": "application/json" } }),
      400,
      "malformed_json",
    );
    expectError(await track("x".repeat(1024 * 1024)), 413, "body_too_large");
    expectError(
      await api("/api/ideas/track", { method: "POST", body: "receipt=x", headers: { "Content-Type": "text/plain" } }),
      415,
      "unsupported_media_type",
    );
    const err = expectError(await api("/api/ideas/track", { method: "POST", json: { receipt: 42, extra: 1 } }), 422, "validation_failed");
    expect(Object.keys(err.fields!).sort()).toEqual(["extra", "receipt"]);
    expectError(await api("/api/ideas/track", { method: "POST", json: {} }), 422, "validation_failed");
    expectError(await track("\u0000<script>'; DROP TABLE ideas; --\u202E"), 404, "not_found");
    const get = await api("/api/ideas/track?receipt=AAAA");
    expectError(get, 405, "method_not_allowed");
    expect(await dumpIdeaTables()).toBe(before);
  });
});

describe("POST /api/ideas/track/messages", () => {
  it("adds the author's anonymous reply and returns the conversation (201)", async () => {
    const { receipt, id } = await submit();
    await addHrMessage(env, id, "private", "Which team are you in?", "2026-11-28");
    const hostile = `I'd rather not say <script>alert(1)</script> '; DROP TABLE idea_messages; -- \u200Fabc\u200B`;
    const res = await reply({ receipt, body: hostile });
    expect(res.status).toBe(201);
    expect(res.body.idea.messages).toEqual([
      { from: "hr", visibility: "private", body: "Which team are you in?", on: "2026-11-28" },
      { from: "author", visibility: "private", body: hostile, on: today() },
    ]);
    const row = await env.DB.prepare("SELECT body, author, visibility FROM idea_messages WHERE author = 'author'").first();
    expect(row).toEqual({ body: hostile, author: "author", visibility: "private" });
  });

  it("404 for a wrong receipt, nothing stored", async () => {
    await submit();
    const before = await dumpIdeaTables();
    expectError(await reply({ receipt: "ZZZZ-ZZZZ-ZZZZ-ZZZZ", body: "hello" }), 404, "not_found");
    expect(await dumpIdeaTables()).toBe(before);
  });

  it("422 for an empty reply or one over its limit", async () => {
    const { receipt } = await submit();
    const before = await dumpIdeaTables();
    expect(Object.keys(expectError(await reply({ receipt, body: "  " }), 422, "validation_failed").fields!)).toEqual(["body"]);
    expect(
      Object.keys(expectError(await reply({ receipt, body: "x".repeat(LIMITS.replyMax + 1) }), 422, "validation_failed").fields!),
    ).toEqual(["body"]);
    expect(Object.keys(expectError(await reply({ receipt, body: "hi", from: "hr" }), 422, "validation_failed").fields!)).toEqual(["from"]);
    // NUL, other controls and direction overrides (src/lib/text/unsafe-text.ts), in the reply and in a verdict's comment
    for (const c of ["\u0000", "\u001B", "\u009B", "\u202D", "\u2068"]) {
      expect(Object.keys(expectError(await reply({ receipt, body: `a${c}b` }), 422, "validation_failed").fields!)).toEqual(["body"]);
      const bad = await verdict({ receipt, verdict: "resolved", comment: `ok${c}` });
      expect(Object.keys(expectError(bad, 422, "validation_failed").fields!)).toEqual(["comment"]);
    }
    expect(await dumpIdeaTables()).toBe(before);
  });

  it("409 once the conversation holds the maximum number of author replies", async () => {
    const { receipt, id } = await submit();
    await env.DB.batch(
      Array.from({ length: LIMITS.authorMessagesMax }, (_, i) =>
        env.DB.prepare(
          "INSERT INTO idea_messages (idea_id, seq, author, visibility, body, on_day) VALUES (?1, ?2, 'author', 'private', 'x', ?3)",
        ).bind(id, i + 1, today()),
      ),
    );
    expectError(await reply({ receipt, body: "one more" }), 409, "conversation_full");
    const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM idea_messages").first<{ n: number }>();
    expect(n!.n).toBe(LIMITS.authorMessagesMax);
  });
});

describe("POST /api/ideas/track/verdict", () => {
  it("409 before HR has answered", async () => {
    const { receipt } = await submit();
    expectError(await verdict({ receipt, verdict: "resolved" }), 409, "not_answered_yet");
    const row = await env.DB.prepare("SELECT verdict FROM ideas").first();
    expect(row).toEqual({ verdict: null });
  });

  it("records the author's verdict to the day once HR answered; saying it again replaces it", async () => {
    const { receipt, id } = await submit();
    await addHrMessage(env, id, "public", "Done: thresholds are now published in advance.", "2026-11-29");
    const first = await verdict({ receipt, verdict: "not_resolved", comment: "Only for Q1 so far." });
    expect(first.status).toBe(200);
    expect(first.body.idea).toMatchObject({ verdict: "not_resolved", verdictComment: "Only for Q1 so far." });
    const second = await verdict({ receipt, verdict: "resolved" });
    expect(second.body.idea).toMatchObject({ verdict: "resolved", verdictComment: null });
    const row = await env.DB.prepare("SELECT verdict, verdict_comment, verdict_on FROM ideas").first();
    expect(row).toEqual({ verdict: "resolved", verdict_comment: null, verdict_on: today() });
  });

  it("keeps no comment that is only blank or invisible characters", async () => {
    const { receipt, id } = await submit();
    await addHrMessage(env, id, "public", "Done.", "2026-11-29");
    const res = await verdict({ receipt, verdict: "resolved", comment: " \u200B\u200D\uFEFF " });
    expect(res.body.idea).toMatchObject({ verdict: "resolved", verdictComment: null });
  });

  it("is allowed after a closing status even without a message", async () => {
    const { receipt, id } = await submit();
    await setStatus(env, id, "declined", "2026-11-29", "Outside the programme's budget this year.");
    expect((await verdict({ receipt, verdict: "not_resolved" })).status).toBe(200);
  });

  it("422 for an unknown verdict or an oversized comment; 404 for a wrong receipt", async () => {
    const { receipt, id } = await submit();
    await setStatus(env, id, "done", "2026-11-29");
    const before = await dumpIdeaTables();
    expect(Object.keys(expectError(await verdict({ receipt, verdict: "maybe" }), 422, "validation_failed").fields!)).toEqual(["verdict"]);
    expect(
      Object.keys(
        expectError(await verdict({ receipt, verdict: "resolved", comment: "c".repeat(1001) }), 422, "validation_failed").fields!,
      ),
    ).toEqual(["comment"]);
    expectError(await verdict({ receipt: "ZZZZ-ZZZZ-ZZZZ-ZZZZ", verdict: "resolved" }), 404, "not_found");
    expect(await dumpIdeaTables()).toBe(before);
  });
});

describe("per-client limits on following up (idea_track, idea_reply)", () => {
  const at = (time: string) => new Date(`2026-11-27T${time}Z`);
  const request = () => new Request("https://candor.test/api/ideas/track", { headers: from("203.0.113.60") });

  it("caps look-ups per client and resets with the window", async () => {
    const { receipt } = await submit();
    const limited = { ...env, RATE_LIMITS: JSON.stringify({ idea_track: { limit: 2, windowSeconds: 600 } }) };
    await trackIdea(limited, request(), receipt, at("10:00:00"));
    await trackIdea(limited, request(), receipt, at("10:01:00"));
    const err = await trackIdea(limited, request(), receipt, at("10:02:00")).catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    // three hits in this window: it must become the previous one and decay to one, 600 × (1 − 1/3) s into the next
    expect([err.status, err.code, err.headers["Retry-After"]]).toEqual([429, "rate_limited", String(480 + 400)]);
    await expect(trackIdea(limited, request(), receipt, at("10:16:40"))).resolves.toHaveProperty("id");
  });

  it("caps replies and verdicts per client, storing nothing over the limit, and resets", async () => {
    const { receipt, id } = await submit();
    await addHrMessage(env, id, "public", "Answered.", "2026-11-27");
    const limited = { ...env, RATE_LIMITS: JSON.stringify({ idea_reply: { limit: 2, windowSeconds: 3600 } }) };
    await replyToIdea(limited, request(), receipt, "first", at("10:00:00"));
    await giveVerdict(limited, request(), { receipt, verdict: "resolved" }, at("10:00:01"));
    const err = await replyToIdea(limited, request(), receipt, "third", at("10:30:00")).catch((e) => e);
    expect([err.status, err.code]).toEqual([429, "rate_limited"]);
    const count = async () =>
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM idea_messages WHERE author = 'author'").first<{ n: number }>())!.n;
    expect(await count()).toBe(1);
    await replyToIdea(limited, request(), receipt, "after the window", at("11:45:00"));
    expect(await count()).toBe(2);
  });
});
