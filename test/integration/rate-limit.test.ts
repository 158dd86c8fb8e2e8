// The per-client limits (src/server/rate-limit.ts), counted in the isolate's
// memory: the sliding windows, Retry-After, the buckets kept apart, the
// addresses a client is counted under, the bound on memory — and nothing of
// it in D1.
import { env } from "cloudflare:test";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { HttpError } from "#server/http.ts";
import {
  DEFAULT_LIMITS,
  MAX_COUNTERS,
  admit,
  clientKey,
  countHit,
  countersHeld,
  enforceLimit,
  forgetCounts,
  peekHits,
  readLimits,
  slidingResult,
  type Bucket,
  type LimitEnv,
} from "#server/rate-limit.ts";
import { delta, dumpDatabase } from "./battery/db.ts";

function from(ip: string, headers: Record<string, string> = {}) {
  return new Request("https://candor.test/api/x", { headers: { "CF-Connecting-IP": ip, ...headers } });
}

beforeEach(() => {
  forgetCounts();
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
    // two windows later nothing is left of the burst
    await expect(enforceLimit(limitedEnv, from("203.0.113.9"), "idea_submit", at("03:00"))).resolves.toBeUndefined();
    expect((await peekHits(limitedEnv, from("203.0.113.9"), "idea_submit", at("03:00"))).hits).toBe(1);
  });

  it("admits a request to be stored exactly when enforceLimit would let it through, with the same Retry-After, and counts a refused one", async () => {
    const limitedEnv = limited("idea_submit", 4, 60);
    const at = (s: string) => new Date(`2026-11-27T10:${s}Z`);
    const viaAdmit = async (now: Date) => {
      const admission = await admit(limitedEnv, from("203.0.113.9"), "idea_submit", now);
      if (!admission.admitted) throw admission.refusal();
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
    const seen: Record<string, string[]> = { admit: [], enforce: [] };
    for (const [time, n] of script) {
      for (let i = 0; i < n; i++) {
        seen.admit!.push(await outcome(viaAdmit(at(time))));
        seen.enforce!.push(await outcome(enforceLimit(limitedEnv, from("198.51.100.7"), "idea_submit", at(time))));
      }
    }
    expect(seen.admit).toEqual(seen.enforce);
    expect(seen.admit).toContain("ok");
    expect(seen.admit!.some((o) => o.startsWith("429 "))).toBe(true);
  });

  it("gives an admitted hit back when the request was not stored after all, once however often asked", async () => {
    const limitedEnv = limited("idea_submit", 2, 3600);
    const now = new Date("2026-11-27T10:00:00Z");
    const first = await admit(limitedEnv, from("203.0.113.9"), "idea_submit", now);
    const second = await admit(limitedEnv, from("203.0.113.9"), "idea_submit", now);
    expect([first.admitted, second.admitted]).toEqual([true, true]);
    expect((await admit(limitedEnv, from("203.0.113.9"), "idea_submit", now)).admitted).toBe(false);
    if (second.admitted) {
      second.giveBack();
      second.giveBack();
    }
    expect((await peekHits(limitedEnv, from("203.0.113.9"), "idea_submit", now)).hits).toBe(1);
    expect((await admit(limitedEnv, from("203.0.113.9"), "idea_submit", now)).admitted).toBe(true);
    expect((await admit(limitedEnv, from("203.0.113.9"), "idea_submit", now)).admitted).toBe(false);
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
    // every one of them counted, none refused: well within the 600 an hour
    expect((await peekHits(env, from("203.0.113.50"), "survey_response", new Date(start + 3000 * 1000))).hits).toBe(300);
  });

  it("writes nothing to the database: every table is as it was after thousands of hits in every bucket", async () => {
    const before = await dumpDatabase();
    const now = new Date("2026-11-27T10:00:00Z");
    for (const bucket of Object.keys(DEFAULT_LIMITS) as Bucket[]) {
      for (let i = 0; i < 200; i++) await countHit(env, from(`203.0.113.${i % 20}`), bucket, now, i % 2 ? "idea-a" : "");
    }
    expect([...delta(before, await dumpDatabase())]).toEqual([]);
    // nor is there any table left for it: the counters and salts of old were dropped (migration 0012)
    const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rate_limit%'").all();
    expect(tables.results).toEqual([]);
  });

  it("keeps buckets and scopes apart: a redemption, an answer and a support of one address are three counts", async () => {
    const tight = {
      ...env,
      RATE_LIMITS: JSON.stringify({
        invitation_redeem: { limit: 1, windowSeconds: 3600 },
        idea_support_per_idea: { limit: 1, windowSeconds: 86_400 },
      }),
    };
    const now = new Date("2026-11-27T10:00:00Z");
    await enforceLimit(tight, from("203.0.113.9"), "invitation_redeem", now);
    await expect(enforceLimit(tight, from("203.0.113.9"), "invitation_redeem", now)).rejects.toMatchObject({ status: 429 });
    // the full redemption bucket costs the address nothing elsewhere
    expect((await admit(tight, from("203.0.113.9"), "survey_response", now)).admitted).toBe(true);
    expect((await admit(tight, from("203.0.113.9"), "idea_support_per_idea", now, "idea-a")).admitted).toBe(true);
    expect((await admit(tight, from("203.0.113.9"), "idea_support_per_idea", now, "idea-a")).admitted).toBe(false);
    expect((await admit(tight, from("203.0.113.9"), "idea_support_per_idea", now, "idea-b")).admitted).toBe(true);
  });

  it("forgets every count when the UTC day changes (a new key, nothing carried over)", async () => {
    const tight = limited("idea_track", 2, 172_800);
    await countHit(tight, from("203.0.113.9"), "idea_track", new Date("2026-11-26T23:59:00Z"));
    await countHit(tight, from("203.0.113.9"), "idea_track", new Date("2026-11-26T23:59:30Z"));
    expect((await peekHits(tight, from("203.0.113.9"), "idea_track", new Date("2026-11-26T23:59:59Z"))).hits).toBe(2);
    expect(countersHeld()).toBe(1);
    expect((await peekHits(tight, from("203.0.113.9"), "idea_track", new Date("2026-11-27T00:00:01Z"))).hits).toBe(0);
    expect(countersHeld()).toBe(1);
  });

  it(`holds at most ${MAX_COUNTERS} counters, dropping expired ones first, then the least recently used`, async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    const later = new Date("2026-11-27T10:30:00Z"); // the 10-minute failure windows of `now` have expired
    const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    // an active count made first, in the hourly bucket: used again later, so never the least recently used
    await countHit(env, from("203.0.113.9"), "survey_response", now);
    for (let i = 0; i < MAX_COUNTERS - 1; i++) await countHit(env, from(address(i)), "idea_track_failure", now);
    expect(countersHeld()).toBe(MAX_COUNTERS);
    await countHit(env, from("203.0.113.9"), "survey_response", later);
    // one more address: every expired failure count goes, the active one stays
    await countHit(env, from("198.51.100.1"), "idea_track", later);
    expect(countersHeld()).toBe(2);
    expect((await peekHits(env, from("203.0.113.9"), "survey_response", later)).hits).toBe(2);
    // when nothing has expired, the least recently used go, down to 90%
    for (let i = 0; i < MAX_COUNTERS; i++) await countHit(env, from(address(i)), "survey_response", later);
    expect(countersHeld()).toBeLessThanOrEqual(MAX_COUNTERS);
    expect(countersHeld()).toBeGreaterThan(MAX_COUNTERS * 0.85);
  }, 60_000);

  it("needs no secret, deployed or not: nothing it keeps outlives the isolate", async () => {
    const deployed: LimitEnv = { RATE_LIMITS: undefined };
    const now = new Date("2026-11-27T10:00:00Z");
    await expect(enforceLimit(deployed, from("203.0.113.9"), "idea_submit", now)).resolves.toBeUndefined();
  });

  it("counts an IPv6 client per /64 and an IPv4-mapped address as its IPv4 address", async () => {
    expect(clientKey(from("2001:db8:1:2:aaaa::1"))).toBe("2001:db8:1:2::/64");
    expect(clientKey(from("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"))).toBe("2001:db8:1:2::/64");
    expect(clientKey(from("2001:db8::1"))).toBe("2001:db8:0:0::/64");
    // an IPv4-mapped address is its IPv4 address, not the /64 every such address falls in ("0:0:0:0::/64")
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

  it("counts the test Worker's clients exactly as a deployed Worker's (so the tests' clients are production's)", async () => {
    const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join("."));
    const group = fc.nat(0xffff).map((n) => n.toString(16));
    const v6 = fc.array(group, { minLength: 8, maxLength: 8 }).map((g) => g.join(":"));
    const compressed = fc
      .tuple(fc.array(group, { maxLength: 3 }), fc.array(group, { maxLength: 3 }))
      .map(([a, b]) => `${a.join(":")}::${b.join(":")}`);
    const mapped = v4.map((a) => `::ffff:${a}`);
    const junk = fc.string({ maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(v4, v6, compressed, mapped, junk), (address) => {
        expect(clientKey(from(address), { CANDOR_ENV: "test" })).toBe(clientKey(from(address), {}));
      }),
    );
    // and the same requests get the same answers from both
    const test = limited("idea_submit", 3, 60);
    const deployed = { RATE_LIMITS: test.RATE_LIMITS };
    const now = new Date("2026-11-27T10:00:10Z");
    const outcomes = async (e: LimitEnv, ip: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 5; i++)
        seen.push(
          await enforceLimit(e, from(ip), "idea_submit", now).then(
            () => "ok",
            (err: HttpError) => `${err.status} ${err.headers?.["Retry-After"]}`,
          ),
        );
      return seen;
    };
    expect(await outcomes(test, "2001:db8:1:2::a")).toEqual(await outcomes(deployed, "2001:db8:1:3::a"));
  });

  it("counts concurrent hits exactly", async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    await Promise.all(Array.from({ length: 50 }, () => countHit(env, from("203.0.113.9"), "survey_response", now)));
    expect((await peekHits(env, from("203.0.113.9"), "survey_response", now)).hits).toBe(50);
    // and concurrent admissions never let more through than the limit
    const tight = limited("idea_submit", 7, 3600);
    const admitted = await Promise.all(Array.from({ length: 30 }, () => admit(tight, from("198.51.100.9"), "idea_submit", now)));
    expect(admitted.filter((a) => a.admitted)).toHaveLength(7);
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
