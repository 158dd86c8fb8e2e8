import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { HttpError } from "../../src/server/http.ts";
import {
  DEFAULT_LIMITS,
  clientHash,
  clientKey,
  countHit,
  dailySalt,
  enforceLimit,
  isOverLimit,
  limitInBatch,
  limitSecret,
  overLimit,
  readLimits,
  slidingResult,
} from "../../src/server/rate-limit.ts";

function from(ip: string, headers: Record<string, string> = {}) {
  return new Request("https://candor.test/api/x", { headers: { "CF-Connecting-IP": ip, ...headers } });
}

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare("DELETE FROM rate_limit_counters"), env.DB.prepare("DELETE FROM rate_limit_salts")]);
});

const limited = (bucket: string, limit: number, windowSeconds: number) => ({
  ...env,
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
    // 4 hits in this window: it must become the previous window and decay to 2, so a next one fits (60 × (1 − 2/4) = 30 s into it)
    expect(err.headers["Retry-After"]).toBe(String(50 + 30));
    // another address behind another NAT is not affected
    await expect(enforceLimit(limitedEnv, from("198.51.100.7"), "idea_submit", now)).resolves.toBeUndefined();
  });

  it("slides: a burst at the end of one window still counts at the start of the next, and decays with time", async () => {
    const limitedEnv = limited("idea_submit", 4, 60);
    const at = (s: string) => new Date(`2026-11-27T10:${s}Z`);
    for (let i = 0; i < 4; i++) await enforceLimit(limitedEnv, from("203.0.113.9"), "idea_submit", at("00:59"));
    // a fixed window would start afresh at 10:01:00; the sliding count is still 4 × (1 − 1/60) + 1 > 4
    await expect(enforceLimit(limitedEnv, from("203.0.113.9"), "idea_submit", at("01:01"))).rejects.toMatchObject({ status: 429 });
    // half a window later the previous window weighs half: 4 × 0.5 + 2 = 4
    await expect(enforceLimit(limitedEnv, from("203.0.113.9"), "idea_submit", at("01:30"))).resolves.toBeUndefined();
    // two windows later nothing is left of the burst, and its row is gone
    await expect(enforceLimit(limitedEnv, from("203.0.113.9"), "idea_submit", at("03:00"))).resolves.toBeUndefined();
    const rows = await env.DB.prepare("SELECT window_start FROM rate_limit_counters").all<{ window_start: number }>();
    expect(rows.results.map((r) => r.window_start).sort()).toEqual([Date.parse("2026-11-27T10:03:00Z") / 1000]);
  });

  it("decides inside the caller's batch exactly as enforceLimit does: same sliding count, same Retry-After, nothing written when over", async () => {
    const limitedEnv = limited("idea_submit", 4, 60);
    const at = (s: string) => new Date(`2026-11-27T10:${s}Z`);
    // one batch per hit: the limit's statements and nothing else, as a submission's batch would run them
    const inBatch = async (ip: string, now: Date) => {
      try {
        await env.DB.batch(await limitInBatch(limitedEnv, from(ip), "idea_submit", now));
      } catch (err) {
        if (!isOverLimit(err)) throw err;
        throw await overLimit(limitedEnv, from(ip), "idea_submit", now);
      }
    };
    const outcome = (p: Promise<void>) =>
      p.then(
        () => "ok",
        (e: HttpError) => `${e.status} ${e.headers?.["Retry-After"]}`,
      );
    const script: [string, number][] = [
      ["00:59", 4],
      ["01:01", 1],
      ["01:30", 1],
      ["01:31", 2],
      ["03:00", 1],
    ];
    const seen: Record<string, string[]> = { batch: [], enforce: [] };
    for (const [time, n] of script) {
      for (let i = 0; i < n; i++) {
        seen.batch!.push(await outcome(inBatch("203.0.113.9", at(time))));
        seen.enforce!.push(await outcome(enforceLimit(limitedEnv, from("198.51.100.7"), "idea_submit", at(time))));
      }
    }
    expect(seen.batch).toEqual(seen.enforce);
    expect(seen.batch).toContain("ok");
    expect(seen.batch!.some((o) => o.startsWith("429 "))).toBe(true);
  });

  it("computes the sliding count and how long to wait", () => {
    const limit = { limit: 10, windowSeconds: 100 };
    expect(slidingResult(5, 10, 50, limit)).toMatchObject({ hits: 10, remaining: 0, retryAfter: 1 });
    // 6 + 10 × (1 − (50 + t)/100) ≤ 9 ⇒ t = 20
    expect(slidingResult(6, 10, 50, limit)).toMatchObject({ hits: 11, retryAfter: 20 });
    // 11 × (1 − e/100) ≤ 9 in the next window ⇒ e = 18.2, after the 80 s left of this one
    expect(slidingResult(11, 0, 20, limit)).toMatchObject({ hits: 11, retryAfter: 99 });
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
    const wide = limited("idea_track", 10, 172_800);
    await countHit(wide, from("203.0.113.9"), "idea_track", new Date("2026-11-25T12:00:00Z"));
    await countHit(wide, from("203.0.113.9"), "idea_track", new Date("2026-11-26T12:00:00Z"));
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

  it("uses a different hash for the same address on another day, and per scope", async () => {
    const first = await dailySalt(env, new Date("2026-11-26T12:00:00Z"));
    const second = await dailySalt(env, new Date("2026-11-27T12:00:00Z"));
    expect(first.salt).not.toBe(second.salt);
    expect(await clientHash(first.salt, "203.0.113.9")).not.toBe(await clientHash(second.salt, "203.0.113.9"));
    expect(await clientHash(first.salt, "203.0.113.9", "s", "idea-a")).not.toBe(await clientHash(first.salt, "203.0.113.9", "s", "idea-b"));
  });

  it("cannot be reversed from D1 alone when RATE_LIMIT_SECRET is set", async () => {
    const { salt } = await dailySalt(env, new Date("2026-11-27T12:00:00Z"));
    const withoutSecret = await clientHash(salt, "203.0.113.9");
    const withSecret = await clientHash(salt, "203.0.113.9", "s3cret-not-in-d1");
    expect(withSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(withSecret).not.toBe(withoutSecret);
    expect(await clientHash(salt, "203.0.113.9", "")).toBe(withoutSecret);
  });

  it("fails closed on a deployed Worker without a real RATE_LIMIT_SECRET (503), never counting with a reversible hash", async () => {
    const deployed = { ...env, CANDOR_ENV: undefined };
    for (const secret of [undefined, "", "short"]) {
      expect(() => limitSecret({ ...deployed, RATE_LIMIT_SECRET: secret })).toThrow(HttpError);
      await expect(
        enforceLimit({ ...deployed, RATE_LIMIT_SECRET: secret }, from("203.0.113.9"), "idea_submit", new Date("2026-11-27T10:00:00Z")),
      ).rejects.toMatchObject({
        status: 503,
        code: "server_misconfigured",
      });
    }
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM rate_limit_counters").first<{ n: number }>()).toEqual({ n: 0 });
    // a local Worker may run without one (npm start still makes one), a deployed one with a real one
    expect(limitSecret({ CANDOR_ENV: "development" })).toBe("");
    expect(limitSecret({ RATE_LIMIT_SECRET: "x".repeat(32) })).toBe("x".repeat(32));
  });

  it("counts an IPv6 client per /64 and an IPv4-mapped address as its IPv4 address", async () => {
    expect(clientKey(from("2001:db8:1:2:aaaa::1"))).toBe("2001:db8:1:2::/64");
    expect(clientKey(from("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"))).toBe("2001:db8:1:2::/64");
    expect(clientKey(from("2001:db8::1"))).toBe("2001:db8:0:0::/64");
    // every IPv4-mapped address used to share one bucket ("0:0:0:0::/64")
    expect(clientKey(from("::ffff:192.0.2.1"))).toBe("192.0.2.1");
    expect(clientKey(from("::FFFF:c000:0202"))).toBe("192.0.2.2");
    expect(clientKey(from("0:0:0:0:0:ffff:198.51.100.7"))).toBe("198.51.100.7");
    expect(clientKey(from("203.0.113.9"))).toBe("203.0.113.9");
    expect(clientKey(new Request("https://candor.test/"))).toBe("unknown");

    const limitedEnv = limited("idea_submit", 2, 60);
    const now = new Date("2026-11-27T10:00:00Z");
    await enforceLimit(limitedEnv, from("2001:db8:1:2::a"), "idea_submit", now);
    await enforceLimit(limitedEnv, from("2001:db8:1:2::b"), "idea_submit", now);
    await expect(enforceLimit(limitedEnv, from("2001:db8:1:2::c"), "idea_submit", now)).rejects.toMatchObject({ status: 429 });
    await expect(enforceLimit(limitedEnv, from("2001:db8:1:3::a"), "idea_submit", now)).resolves.toBeUndefined();
    // two mapped clients no longer share a bucket
    await enforceLimit(limitedEnv, from("::ffff:192.0.2.1"), "idea_submit", now);
    await enforceLimit(limitedEnv, from("::ffff:192.0.2.1"), "idea_submit", now);
    await expect(enforceLimit(limitedEnv, from("::ffff:192.0.2.200"), "idea_submit", now)).resolves.toBeUndefined();
  });

  it("believes CF-Connecting-IP only where it cannot be forged: under npm start every request is the one local client", () => {
    const dev = { CANDOR_ENV: "development" };
    expect(clientKey(from("203.0.113.9"), dev)).toBe("127.0.0.1");
    expect(clientKey(from("198.51.100.1"), dev)).toBe(clientKey(from("203.0.113.9"), dev));
    // deployed, Cloudflare's edge sets the header (a client's own value never reaches the Worker); the tests play clients with it
    expect(clientKey(from("203.0.113.9"), {})).toBe("203.0.113.9");
    expect(clientKey(from("203.0.113.9"), { CANDOR_ENV: "test" })).toBe("203.0.113.9");
  });

  it("counts concurrent hits exactly", async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    await Promise.all(Array.from({ length: 50 }, () => countHit(env, from("203.0.113.9"), "survey_response", now)));
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
