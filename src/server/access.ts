// Cloudflare Access JWT verification with WebCrypto (RS256), no dependency:
// the token in Cf-Access-Jwt-Assertion is checked against the team's public
// keys, the application's audience tag, the issuer and its validity window.
// Access at the edge already blocks strangers; this check makes a request
// that bypasses the edge (or a misconfigured policy) fail closed.

export interface AccessConfig {
  /** e.g. "acme.cloudflareaccess.com" (with or without https://). */
  teamDomain: string;
  /** The Access application's audience (AUD) tag. */
  aud: string;
}

export interface AccessIdentity {
  email: string;
  sub: string;
}

export type JwkSet = { keys: (JsonWebKey & { kid?: string })[] };
/** `fresh` asks for a refetch, bypassing any cache (after a key rotation). */
export type KeyLoader = (certsUrl: string, fresh?: boolean) => Promise<JwkSet>;

const KEY_TTL_MS = 10 * 60 * 1000;
let cache: { url: string; at: number; keys: JwkSet } | undefined;

export const fetchKeys: KeyLoader = async (certsUrl, fresh = false) => {
  if (!fresh && cache && cache.url === certsUrl && Date.now() - cache.at < KEY_TTL_MS) return cache.keys;
  let keys: JwkSet;
  try {
    const res = await fetch(certsUrl);
    if (!res.ok) throw new Error(`status ${res.status}`);
    keys = (await res.json()) as JwkSet;
    if (!Array.isArray(keys?.keys)) throw new Error("no keys");
  } catch (err) {
    throw new AccessError(`could not load Access keys (${(err as Error).message})`);
  }
  cache = { url: certsUrl, at: Date.now(), keys };
  return keys;
};

export class AccessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AccessError";
  }
}

export function issuerFor(teamDomain: string): string {
  return `https://${teamDomain.replace(/^https?:\/\//, "").replace(/\/+$/, "")}`;
}

function base64UrlDecode(part: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new AccessError("token is not base64url");
  const b64 = part.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((part.length + 3) % 4);
  try {
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    throw new AccessError("token is not base64url");
  }
}

function decodeJson(part: string): Record<string, unknown> {
  const bytes = base64UrlDecode(part);
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof value !== "object" || value === null) throw new Error();
    return value as Record<string, unknown>;
  } catch {
    throw new AccessError("token part is not JSON");
  }
}

/** Verifies the token and returns who it names; throws AccessError on any doubt. */
export async function verifyAccessJwt(
  token: string,
  config: AccessConfig,
  loadKeys: KeyLoader = fetchKeys,
  now: Date = new Date(),
): Promise<AccessIdentity> {
  const parts = token.split(".");
  if (parts.length !== 3) throw new AccessError("token is not a JWT");
  const [h, p, s] = parts as [string, string, string];
  const header = decodeJson(h);
  const payload = decodeJson(p);
  if (header.alg !== "RS256") throw new AccessError("unexpected algorithm");

  const issuer = issuerFor(config.teamDomain);
  const certsUrl = `${issuer}/cdn-cgi/access/certs`;
  // Cloudflare rotates Access keys: a kid we have not seen triggers one refetch.
  let jwk = (await loadKeys(certsUrl)).keys.find((k) => k.kid === header.kid);
  jwk ??= (await loadKeys(certsUrl, true)).keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new AccessError("unknown signing key");
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey(
      "jwk",
      { kty: jwk.kty, n: jwk.n, e: jwk.e, alg: "RS256", ext: true },
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["verify"],
    );
  } catch {
    throw new AccessError("signing key is unusable");
  }
  const valid = await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, base64UrlDecode(s), new TextEncoder().encode(`${h}.${p}`));
  if (!valid) throw new AccessError("bad signature");

  const seconds = Math.floor(now.getTime() / 1000);
  const skew = 60;
  const auds = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!auds.includes(config.aud)) throw new AccessError("wrong audience");
  if (payload.iss !== issuer) throw new AccessError("wrong issuer");
  if (typeof payload.exp !== "number" || payload.exp + skew < seconds) throw new AccessError("token expired");
  if (typeof payload.nbf === "number" && payload.nbf - skew > seconds) throw new AccessError("token not yet valid");
  const email = typeof payload.email === "string" ? payload.email : "";
  const sub = typeof payload.sub === "string" ? payload.sub : "";
  if (!email && !sub) throw new AccessError("token names nobody");
  return { email, sub };
}
