import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { HttpError } from "../../src/server/http.ts";
import { DEFAULT_LIMITS, clientHash, clientKey, countHit, dailySalt, enforceLimit, readLimits } from "../../src/server/rate-limit.ts";

function from(ip: string) {
  return new Request("https://candor.test/api/x", { headers: { "CF-Connecting-IP": ip } });
}

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare("DELETE FROM rate_limit_counters"), env.DB.prepare("DELETE FROM rate_limit_salts")]);
});

const limited = (bucket: string, limit: number, windowSeconds: number) => ({
  DB: env.DB,
  RATE_LIMITS: JSON.stringify({ [bucket]: { limit, windowSeconds } }),
});

describe("anonymous rate limiting", () => {
  it("refuses the hit after the limit with 429 and Retry-After, per client", async () => {
    const limitedEnv = limited("idea_submit", 3, 60);
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

  it("resets when the window ends, and deletes the ended window's row", async () => {
    const limitedEnv = limited("idea_submit", 1, 60);
    await enforceLimit(limitedEnv, from("203.0.113.9"), "idea_submit", new Date("2026-11-27T10:00:00Z"));
    await expect(enforceLimit(limitedEnv, from("203.0.113.9"), "idea_submit", new Date("2026-11-27T10:00:59Z"))).rejects.toThrow();
    await expect(enforceLimit(limitedEnv, from("203.0.113.9"), "idea_submit", new Date("2026-11-27T10:01:00Z"))).resolves.toBeUndefined();
    const rows = await env.DB.prepare("SELECT window_start FROM rate_limit_counters").all<{ window_start: number }>();
    expect(rows.results.map((r) => r.window_start)).toEqual([Date.parse("2026-11-27T10:01:00Z") / 1000]);
  });

  it("lets a contact centre behind one address send 300 survey responses within the hour", async () => {
    const start = Date.parse("2026-11-27T09:00:00Z");
    for (let i = 0; i < 300; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          enforceLimit(env, from("203.0.113.50"), "survey_response", new Date(start + (i + j) * 10_000)),
        ),
      );
    }
    const row = await env.DB.prepare("SELECT SUM(hits) AS n FROM rate_limit_counters").first<{ n: number }>();
    expect(row?.n).toBe(300);
  }, 30_000); // 600 D1 round trips: slow on a loaded 2-core machine, and that is not what is tested

  it("stores no address: only a keyed hash, and the salt is gone after 48 hours", async () => {
    const limit = { limit: 10, windowSeconds: 172_800 };
    await countHit(env, from("203.0.113.9"), "idea_track", limit, new Date("2026-11-25T12:00:00Z"));
    await countHit(env, from("203.0.113.9"), "idea_track", limit, new Date("2026-11-26T12:00:00Z"));
    const dump = JSON.stringify(await env.DB.prepare("SELECT * FROM rate_limit_counters").all());
    expect(dump).not.toContain("203.0.113.9");
    expect(dump).not.toContain("203-0-113-9");

    await dailySalt(env, new Date("2026-11-27T00:00:01Z"));
    const days = await env.DB.prepare("SELECT day FROM rate_limit_salts ORDER BY day").all<{ day: string }>();
    expect(days.results.map((r) => r.day)).toEqual(["2026-11-26", "2026-11-27"]);
    const counters = await env.DB.prepare("SELECT day FROM rate_limit_counters").all<{ day: string }>();
    expect(counters.results.map((r) => r.day)).toEqual(["2026-11-26"]);
  });

  it("after a quiet weekend, the first request drops every salt older than 48 hours", async () => {
    await env.DB.prepare(
      "INSERT INTO rate_limit_salts (day, salt) VALUES ('2026-11-20', 'a'), ('2026-11-21', 'b'), ('2026-11-22', 'c')",
    ).run();
    await dailySalt(env, new Date("2026-11-24T08:00:00Z"));
    const days = await env.DB.prepare("SELECT day FROM rate_limit_salts ORDER BY day").all<{ day: string }>();
    expect(days.results.map((r) => r.day)).toEqual(["2026-11-24"]);
  });

  it("uses a different hash for the same address on another day", async () => {
    const first = await dailySalt(env, new Date("2026-11-26T12:00:00Z"));
    const second = await dailySalt(env, new Date("2026-11-27T12:00:00Z"));
    expect(first.salt).not.toBe(second.salt);
    expect(await clientHash(first.salt, from("203.0.113.9"))).not.toBe(await clientHash(second.salt, from("203.0.113.9")));
  });

  it("cannot be reversed from D1 alone when RATE_LIMIT_SECRET is set", async () => {
    const { salt } = await dailySalt(env, new Date("2026-11-27T12:00:00Z"));
    const withoutSecret = await clientHash(salt, from("203.0.113.9"));
    const withSecret = await clientHash(salt, from("203.0.113.9"), "s3cret-not-in-d1");
    expect(withSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(withSecret).not.toBe(withoutSecret);
    // knowing the stored salt and the address is not enough to find the stored hash
    expect(await clientHash(salt, from("203.0.113.9"), "")).toBe(withoutSecret);
  });

  it("counts an IPv6 client per /64, so rotating addresses inside it does not escape the limit", async () => {
    expect(clientKey(from("2001:db8:1:2:aaaa::1"))).toBe("2001:db8:1:2::/64");
    expect(clientKey(from("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"))).toBe("2001:db8:1:2::/64");
    expect(clientKey(from("2001:db8::1"))).toBe("2001:db8:0:0::/64");
    expect(clientKey(from("::ffff:192.0.2.1"))).toBe("0:0:0:0::/64");
    expect(clientKey(from("203.0.113.9"))).toBe("203.0.113.9");
    expect(clientKey(new Request("https://candor.test/"))).toBe("unknown");

    const limitedEnv = limited("idea_submit", 2, 60);
    const now = new Date("2026-11-27T10:00:00Z");
    await enforceLimit(limitedEnv, from("2001:db8:1:2::a"), "idea_submit", now);
    await enforceLimit(limitedEnv, from("2001:db8:1:2::b"), "idea_submit", now);
    await expect(enforceLimit(limitedEnv, from("2001:db8:1:2::c"), "idea_submit", now)).rejects.toMatchObject({ status: 429 });
    await expect(enforceLimit(limitedEnv, from("2001:db8:1:3::a"), "idea_submit", now)).resolves.toBeUndefined();
  });

  it("counts concurrent hits exactly", async () => {
    const limit = { limit: 1000, windowSeconds: 3600 };
    const now = new Date("2026-11-27T10:00:00Z");
    await Promise.all(Array.from({ length: 50 }, () => countHit(env, from("203.0.113.9"), "survey_response", limit, now)));
    const row = await env.DB.prepare("SELECT hits FROM rate_limit_counters").first<{ hits: number }>();
    expect(row?.hits).toBe(50);
  });

  it("ignores malformed overrides and keeps defaults", () => {
    expect(readLimits("not json").idea_submit).toEqual(DEFAULT_LIMITS.idea_submit);
    expect(readLimits(JSON.stringify({ idea_submit: { limit: -1, windowSeconds: 10 } })).idea_submit).toEqual(DEFAULT_LIMITS.idea_submit);
    expect(readLimits(JSON.stringify({ nope: { limit: 1, windowSeconds: 1 } }))).not.toHaveProperty("nope");
    expect(readLimits(JSON.stringify({ idea_submit: { limit: 5, windowSeconds: 60 } })).idea_submit).toEqual({
      limit: 5,
      windowSeconds: 60,
    });
  });
});
