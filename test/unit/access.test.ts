// Access JWTs signed with a locally generated key pair: the only stand-in is
// the certs endpoint, which lives outside this machine. It is served by a
// custom fetch handed to jose's remote key set, so the caching and refetch
// rules under test are jose's real ones.
import { createHmac, webcrypto } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { systemClock } from "#lib/clock.ts";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { AccessError, KEY_BACKOFF_MS, KEY_REFETCH_COOLDOWN_MS, certsUrlFor, remoteKeySet, verifyAccessJwt } from "#server/access.ts";
import { requireAdmin, timingSafeEqual } from "#server/auth.ts";
import { HttpError } from "#server/http.ts";

const TEAM = "candor-test.cloudflareaccess.com";
const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";
const NOW = new Date("2026-11-27T10:00:00Z");
const t = Math.floor(NOW.getTime() / 1000);

type Jwk = JsonWebKey & { kid?: string };
let publicJwk: Jwk;
let privateKey: CryptoKey;
let otherPrivateKey: CryptoKey;

const b64url = (data: Uint8Array | string) =>
  Buffer.from(typeof data === "string" ? new TextEncoder().encode(data) : data).toString("base64url");

async function sign(payload: object, options: { kid?: string; key?: CryptoKey; alg?: string } = {}) {
  const header = b64url(JSON.stringify({ alg: options.alg ?? "RS256", kid: options.kid ?? "k1", typ: "JWT" }));
  const body = b64url(JSON.stringify(payload));
  const sig = await webcrypto.subtle.sign("RSASSA-PKCS1-v1_5", options.key ?? privateKey, new TextEncoder().encode(`${header}.${body}`));
  return `${header}.${body}.${b64url(new Uint8Array(sig))}`;
}

const good = () => ({ aud: [AUD], iss: `https://${TEAM}`, email: "hr@example.com", sub: "u-1", iat: t - 10, nbf: t - 10, exp: t + 600 });

/** A key set served from memory; `calls` counts what would have been network fetches. */
function servedKeys(keys: () => { keys: Jwk[] }) {
  const served = { calls: 0, urls: [] as string[] };
  const set = remoteKeySet(certsUrlFor(TEAM), async (url) => {
    served.calls++;
    served.urls.push(String(url));
    return new Response(JSON.stringify(keys()), { status: 200, headers: { "Content-Type": "application/json" } });
  });
  return { set, served };
}

beforeAll(async () => {
  const gen = () =>
    webcrypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
      true,
      ["sign", "verify"],
    );
  const pair = await gen();
  const other = await gen();
  privateKey = pair.privateKey;
  otherPrivateKey = other.privateKey;
  publicJwk = { ...(await webcrypto.subtle.exportKey("jwk", pair.publicKey)), kid: "k1" };
});

afterEach(() => {
  vi.useRealTimers();
});

describe("Cloudflare Access JWT (jose)", () => {
  const config = { teamDomain: TEAM, aud: AUD };
  const verify = (token: string, keys = servedKeys(() => ({ keys: [publicJwk] })).set, now = NOW) =>
    verifyAccessJwt(token, config, { keys, now });

  const rejects = async (token: string, message: RegExp, keys?: ReturnType<typeof servedKeys>["set"], now = NOW) => {
    const err = await verify(token, keys, now).catch((e) => e);
    expect(err).toBeInstanceOf(AccessError);
    expect(err.message).toMatch(message);
  };

  it("accepts a token signed by the team's key for this application, fetched from the team's certs URL", async () => {
    const { set, served } = servedKeys(() => ({ keys: [publicJwk] }));
    await expect(verify(await sign(good()), set)).resolves.toEqual({ email: "hr@example.com", sub: "u-1" });
    expect(served.urls).toEqual([`https://${TEAM}/cdn-cgi/access/certs`]);
  });

  it("accepts the team domain written as a URL", async () => {
    const keys = servedKeys(() => ({ keys: [publicJwk] })).set;
    await expect(
      verifyAccessJwt(await sign(good()), { ...config, teamDomain: `https://${TEAM}/` }, { keys, now: NOW }),
    ).resolves.toBeTruthy();
    expect(certsUrlFor(`https://${TEAM}/`)).toBe(`https://${TEAM}/cdn-cgi/access/certs`);
  });

  it("accepts an aud claim that is a single string or an array containing ours", async () => {
    await expect(verify(await sign({ ...good(), aud: AUD }))).resolves.toMatchObject({ sub: "u-1" });
    await expect(verify(await sign({ ...good(), aud: ["another-app", AUD] }))).resolves.toMatchObject({ sub: "u-1" });
  });

  it("rejects another key's signature", async () => rejects(await sign(good(), { key: otherPrivateKey }), /signature/));
  it("rejects an unknown key id", async () => rejects(await sign(good(), { kid: "nope" }), /unknown signing key/));
  it("rejects another application's audience", async () => rejects(await sign({ ...good(), aud: ["other"] }), /audience/));
  it("rejects another team's issuer", async () => rejects(await sign({ ...good(), iss: "https://evil.cloudflareaccess.com" }), /issuer/));
  it("rejects an expired token", async () => rejects(await sign({ ...good(), exp: t - 3600 }), /expired/));
  it("rejects a token not yet valid", async () => rejects(await sign({ ...good(), nbf: t + 3600 }), /not yet valid/));

  it("forgives up to 60 seconds of clock difference on exp and nbf, not more", async () => {
    await expect(verify(await sign({ ...good(), exp: t - 59 }))).resolves.toBeTruthy();
    await rejects(await sign({ ...good(), exp: t - 61 }), /expired/);
    await expect(verify(await sign({ ...good(), nbf: t + 59, iat: t + 59 }))).resolves.toBeTruthy();
    await rejects(await sign({ ...good(), nbf: t + 61 }), /not yet valid/);
  });

  it("rejects tokens missing a claim it relies on", async () => {
    const without = (claim: string) => {
      const p: Record<string, unknown> = good();
      delete p[claim];
      return p;
    };
    await rejects(await sign(without("exp")), /missing claim exp/);
    await rejects(await sign(without("iat")), /missing claim iat/);
    await rejects(await sign(without("iss")), /missing claim iss|issuer/);
    await rejects(await sign(without("aud")), /missing claim aud|audience/);
    const nobody: Record<string, unknown> = good();
    delete nobody.email;
    delete nobody.sub;
    await rejects(await sign(nobody), /names nobody/);
  });

  it("rejects alg none and HS256, even HS256 keyed with the public key itself", async () => {
    await rejects(await sign(good(), { alg: "none" }), /algorithm/);
    await rejects(await sign(good(), { alg: "HS256" }), /algorithm/);
    // the classic key-confusion forgery: an HMAC keyed with the (public) RSA key
    const header = b64url(JSON.stringify({ alg: "HS256", kid: "k1", typ: "JWT" }));
    const body = b64url(JSON.stringify(good()));
    for (const secret of [JSON.stringify(publicJwk), publicJwk.n!]) {
      const mac = createHmac("sha256", secret).update(`${header}.${body}`).digest();
      await rejects(`${header}.${body}.${b64url(mac)}`, /algorithm/);
    }
    const unsigned = `${b64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${body}.`;
    await rejects(unsigned, /not a JWT/);
  });

  it("rejects a tampered payload", async () => {
    const [h, , s] = (await sign(good())).split(".");
    await rejects(`${h}.${b64url(JSON.stringify({ ...good(), email: "boss@example.com" }))}.${s}`, /signature/);
  });

  it("refetches the keys once when Cloudflare has rotated them", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    let rotated = false;
    const { set, served } = servedKeys(() => ({ keys: [rotated ? publicJwk : { ...publicJwk, kid: "old" }] }));
    await rejects(await sign(good(), { kid: "old", key: otherPrivateKey }), /signature/, set); // loads the old set
    expect(served.calls).toBe(1);
    rotated = true;
    vi.setSystemTime(NOW.getTime() + KEY_REFETCH_COOLDOWN_MS + 1);
    await expect(verify(await sign(good()), set, systemClock.now())).resolves.toMatchObject({ sub: "u-1" });
    expect(served.calls).toBe(2);
  });

  it("a burst of unknown key ids triggers at most one refetch per cooldown", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const { set, served } = servedKeys(() => ({ keys: [publicJwk] }));
    const burst = async () => {
      for (let i = 0; i < 50; i++) await rejects(await sign(good(), { kid: `forged-${i}` }), /unknown signing key/, set);
    };
    await burst();
    expect(served.calls).toBe(1); // the first load; every unknown kid after it is within the cooldown
    vi.setSystemTime(NOW.getTime() + KEY_REFETCH_COOLDOWN_MS / 2);
    await burst();
    expect(served.calls).toBe(1);
    vi.setSystemTime(NOW.getTime() + KEY_REFETCH_COOLDOWN_MS + 1);
    await burst();
    expect(served.calls).toBe(2);
    // concurrent requests share the cooldown too
    vi.setSystemTime(NOW.getTime() + 2 * KEY_REFETCH_COOLDOWN_MS + 2);
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => sign(good(), { kid: `c-${i}` })));
    await Promise.all(tokens.map((tok) => rejects(tok, /unknown signing key/, set)));
    expect(served.calls).toBeLessThanOrEqual(3);
  });

  it("turns an unusable published key into an AccessError, not a crash", async () => {
    const broken = servedKeys(() => ({ keys: [{ kid: "k1", kty: "RSA", n: "!!", e: "AQAB", alg: "RS256" }] })).set;
    const err = await verify(await sign(good()), broken).catch((e) => e);
    expect(err).toBeInstanceOf(AccessError);
  });

  it("turns an unreachable or broken certs endpoint into an AccessError", async () => {
    const down = remoteKeySet(certsUrlFor(TEAM), async () => new Response("oops", { status: 502 }));
    await expect(verify(await sign(good()), down)).rejects.toThrow(/could not load Access keys/);
    const notJson = remoteKeySet(certsUrlFor(TEAM), async () => new Response("<html>", { status: 200 }));
    await expect(verify(await sign(good()), notJson)).rejects.toBeInstanceOf(AccessError);
  });

  it("backs off after a failed fetch: 50 forged tokens against a failing endpoint make one fetch, then one per backoff (30 s, doubling)", async () => {
    // a real local endpoint, fetched with the real fetch: it fails every request and counts them
    let hits = 0;
    let failing = true;
    const server = createServer((req, res) => {
      hits++;
      if (failing) {
        res.writeHead(503, { "Content-Type": "text/plain" }).end("upstream down");
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(NOW);
      const set = remoteKeySet(`http://127.0.0.1:${port}/cdn-cgi/access/certs`);
      const forged = () => sign(good(), { kid: `forged-${crypto.randomUUID()}` });
      const errors = [];
      for (let i = 0; i < 50; i++) errors.push(await verify(await forged(), set).catch((e) => e));
      expect(hits).toBe(1);
      for (const err of errors) {
        expect(err).toBeInstanceOf(AccessError);
        expect(err.message).toMatch(/could not load Access keys/);
        expect(err.retryAfterSeconds).toBeGreaterThan(0);
        expect(err.retryAfterSeconds).toBeLessThanOrEqual(KEY_BACKOFF_MS / 1000);
      }
      // fifty at once: still none
      await Promise.all(Array.from({ length: 50 }, async () => expect(verify(await forged(), set)).rejects.toThrow(/could not load/)));
      expect(hits).toBe(1);
      // once the backoff has passed, one more fetch; it fails again, and the wait doubles
      vi.setSystemTime(NOW.getTime() + KEY_BACKOFF_MS + 1);
      for (let i = 0; i < 10; i++) await expect(verify(await forged(), set, systemClock.now())).rejects.toThrow(/could not load/);
      expect(hits).toBe(2);
      vi.setSystemTime(NOW.getTime() + 2 * KEY_BACKOFF_MS + 2);
      await expect(verify(await forged(), set, systemClock.now())).rejects.toThrow(/could not load/);
      expect(hits).toBe(2);
      // the endpoint recovers; after the doubled wait the keys load and a real token is accepted
      failing = false;
      vi.setSystemTime(NOW.getTime() + 3 * KEY_BACKOFF_MS + 3);
      await expect(verify(await sign(good()), set, systemClock.now())).resolves.toMatchObject({ sub: "u-1" });
      expect(hits).toBe(3);
    } finally {
      server.close();
    }
  });

  it("a failure of the keys is 503 access_unavailable with Retry-After for HR, not 401: the token was not judged", async () => {
    const down = remoteKeySet(certsUrlFor(TEAM), async () => new Response("oops", { status: 502 }));
    const request = new Request("https://candor.test/api/admin/ideas", { headers: { "Cf-Access-Jwt-Assertion": await sign(good()) } });
    const err = await requireAdmin(request, { ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD }, { keys: down, now: NOW }).catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 503, code: "access_unavailable" });
    expect(Number(err.headers["Retry-After"])).toBeGreaterThan(0);
  });

  it("rejects garbage and an empty header", async () => {
    await rejects("", /not a JWT/);
    await rejects("not-a-jwt", /not a JWT/);
    await rejects("a.b.c", /JSON|base64/);
    await rejects("<script>.x.y", /base64url/);
    await rejects("a..c", /not a JWT/);
    await rejects(`${"A".repeat(10_000)}.b.c`, /JSON|base64/);
  });
});

describe("timingSafeEqual", () => {
  it("is true only for equal strings, whatever their lengths", async () => {
    expect(await timingSafeEqual("a".repeat(40), "a".repeat(40))).toBe(true);
    expect(await timingSafeEqual("a".repeat(40), "a".repeat(39) + "b")).toBe(false);
    expect(await timingSafeEqual("a".repeat(40), "a".repeat(41))).toBe(false);
    expect(await timingSafeEqual("", "")).toBe(true);
    expect(await timingSafeEqual("", "x")).toBe(false);
    expect(await timingSafeEqual("密钥".repeat(20), "密钥".repeat(20))).toBe(true);
  });
});
