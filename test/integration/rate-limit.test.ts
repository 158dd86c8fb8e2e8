import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { HttpError } from "../../src/server/http.ts";
import { countHit, dailySalt, enforceLimit, readLimits } from "../../src/server/rate-limit.ts";

function from(ip: string) {
  return new Request("https://candor.test/api/x", { headers: { "CF-Connecting-IP": ip } });
}

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare("DELETE FROM rate_limit_counters"), env.DB.prepare("DELETE FROM rate_limit_salts")]);
});

describe("anonymous rate limiting", () => {
  it("refuses the hit after the limit with 429 and Retry-After, per client", async () => {
    const limitedEnv = { DB: env.DB, RATE_LIMITS: JSON.stringify({ idea_submit: { limit: 3, windowSeconds: 60 } }) };
    const now = new Date("2026-11-27T10:00:10Z");
    for (let i = 0; i < 3; i++) await enforceLimit(limitedEnv, from("203.0.113.9"), "idea_submit", now);
    const err = await enforceLimit(limitedEnv, from("203.0.113.9"), "idea_submit", now).catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.status).toBe(429);
    expect(err.code).toBe("rate_limited");
    expect(err.headers["Retry-After"]).toBe("50");
    // another address behind another NAT is not affected
    await expect(enforceLimit(limitedEnv, from("198.51.100.7"), "idea_submit", now)).resolves.toBeUndefined();
  });

  it("resets when the window ends", async () => {
    const limitedEnv = { DB: env.DB, RATE_LIMITS: JSON.stringify({ idea_submit: { limit: 1, windowSeconds: 60 } }) };
    await enforceLimit(limitedEnv, from("203.0.113.9"), "idea_submit", new Date("2026-11-27T10:00:00Z"));
    await expect(enforceLimit(limitedEnv, from("203.0.113.9"), "idea_submit", new Date("2026-11-27T10:00:59Z"))).rejects.toThrow();
    await expect(enforceLimit(limitedEnv, from("203.0.113.9"), "idea_submit", new Date("2026-11-27T10:01:00Z"))).resolves.toBeUndefined();
  });

  it("stores no address: only a salted hash, and the salt is gone after 48 hours", async () => {
    const limit = { limit: 10, windowSeconds: 60 };
    await countHit(env.DB, from("203.0.113.9"), "idea_track", limit, new Date("2026-11-25T12:00:00Z"));
    await countHit(env.DB, from("203.0.113.9"), "idea_track", limit, new Date("2026-11-26T12:00:00Z"));
    const dump = JSON.stringify(await env.DB.prepare("SELECT * FROM rate_limit_counters").all());
    expect(dump).not.toContain("203.0.113.9");

    await dailySalt(env.DB, new Date("2026-11-27T00:00:01Z"));
    const days = await env.DB.prepare("SELECT day FROM rate_limit_salts ORDER BY day").all<{ day: string }>();
    expect(days.results.map((r) => r.day)).toEqual(["2026-11-26", "2026-11-27"]);
    const counters = await env.DB.prepare("SELECT day FROM rate_limit_counters").all<{ day: string }>();
    expect(counters.results.map((r) => r.day)).toEqual(["2026-11-26"]);
  });

  it("uses a different hash for the same address on another day", async () => {
    const limit = { limit: 10, windowSeconds: 60 };
    await countHit(env.DB, from("203.0.113.9"), "idea_track", limit, new Date("2026-11-26T12:00:00Z"));
    await countHit(env.DB, from("203.0.113.9"), "idea_track", limit, new Date("2026-11-27T12:00:00Z"));
    const hashes = await env.DB.prepare("SELECT DISTINCT client_hash FROM rate_limit_counters").all();
    expect(hashes.results).toHaveLength(2);
  });

  it("counts concurrent hits exactly", async () => {
    const limit = { limit: 1000, windowSeconds: 3600 };
    const now = new Date("2026-11-27T10:00:00Z");
    await Promise.all(Array.from({ length: 50 }, () => countHit(env.DB, from("203.0.113.9"), "survey_response", limit, now)));
    const row = await env.DB.prepare("SELECT hits FROM rate_limit_counters").first<{ hits: number }>();
    expect(row?.hits).toBe(50);
  });

  it("ignores malformed overrides and keeps defaults", () => {
    expect(readLimits("not json").idea_submit.limit).toBeGreaterThan(0);
    expect(readLimits(JSON.stringify({ idea_submit: { limit: -1, windowSeconds: 10 } })).idea_submit.limit).toBe(30);
    expect(readLimits(JSON.stringify({ nope: { limit: 1, windowSeconds: 1 } }))).not.toHaveProperty("nope");
  });

  it("lets a contact centre behind one address answer a survey: hundreds per hour pass", () => {
    expect(readLimits(undefined).survey_response.limit).toBeGreaterThanOrEqual(300);
  });
});
