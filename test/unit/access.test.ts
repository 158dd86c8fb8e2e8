// Access JWTs signed with a locally generated key pair: the only stand-in is
// the certs endpoint, which lives outside this machine.
import { webcrypto } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { AccessError, verifyAccessJwt, type JwkSet } from "../../src/server/access.ts";

const TEAM = "candor-test.cloudflareaccess.com";
const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";
const NOW = new Date("2026-11-27T10:00:00Z");
const t = Math.floor(NOW.getTime() / 1000);

let keys: JwkSet;
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
const loader = async (url: string) => {
  expect(url).toBe(`https://${TEAM}/cdn-cgi/access/certs`);
  return keys;
};

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
  const jwk = await webcrypto.subtle.exportKey("jwk", pair.publicKey);
  keys = { keys: [{ ...jwk, kid: "k1" }] };
});

describe("Cloudflare Access JWT", () => {
  const config = { teamDomain: TEAM, aud: AUD };

  it("accepts a token signed by the team's key for this application", async () => {
    await expect(verifyAccessJwt(await sign(good()), config, loader, NOW)).resolves.toEqual({ email: "hr@example.com", sub: "u-1" });
  });

  it("accepts the team domain written as a URL", async () => {
    await expect(verifyAccessJwt(await sign(good()), { ...config, teamDomain: `https://${TEAM}/` }, loader, NOW)).resolves.toBeTruthy();
  });

  const rejects = async (token: string, message: RegExp) => {
    const err = await verifyAccessJwt(token, config, loader, NOW).catch((e) => e);
    expect(err).toBeInstanceOf(AccessError);
    expect(err.message).toMatch(message);
  };

  it("rejects another key's signature", async () => rejects(await sign(good(), { key: otherPrivateKey }), /signature/));
  it("rejects an unknown key id", async () => rejects(await sign(good(), { kid: "nope" }), /unknown signing key/));
  it("rejects another application's audience", async () => rejects(await sign({ ...good(), aud: ["other"] }), /audience/));
  it("rejects another team's issuer", async () => rejects(await sign({ ...good(), iss: "https://evil.cloudflareaccess.com" }), /issuer/));
  it("rejects an expired token", async () => rejects(await sign({ ...good(), exp: t - 3600 }), /expired/));
  it("rejects a token not yet valid", async () => rejects(await sign({ ...good(), nbf: t + 3600 }), /not yet valid/));
  it("rejects alg none and HS256", async () => {
    await rejects(await sign(good(), { alg: "none" }), /algorithm/);
    await rejects(await sign(good(), { alg: "HS256" }), /algorithm/);
  });
  it("rejects a tampered payload", async () => {
    const [h, , s] = (await sign(good())).split(".");
    await rejects(`${h}.${b64url(JSON.stringify({ ...good(), email: "boss@example.com" }))}.${s}`, /signature/);
  });
  it("refetches the keys once when Cloudflare has rotated them", async () => {
    const calls: boolean[] = [];
    const rotating = async (_url: string, fresh?: boolean) => {
      calls.push(Boolean(fresh));
      return fresh ? keys : { keys: [{ ...keys.keys[0]!, kid: "old" }] };
    };
    await expect(verifyAccessJwt(await sign(good()), config, rotating, NOW)).resolves.toMatchObject({ sub: "u-1" });
    expect(calls).toEqual([false, true]);
  });

  it("turns an unusable published key into an AccessError, not a crash", async () => {
    const broken = async () => ({ keys: [{ kid: "k1", kty: "RSA", n: "!!", e: "AQAB" }] });
    const err = await verifyAccessJwt(await sign(good()), config, broken, NOW).catch((e) => e);
    expect(err).toBeInstanceOf(AccessError);
  });

  it("rejects garbage", async () => {
    await rejects("not-a-jwt", /not a JWT/);
    await rejects("a.b.c", /JSON|base64/);
    await rejects("<script>.x.y", /base64url/);
  });
});
