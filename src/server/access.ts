// Cloudflare Access JWT verification with jose: the token in
// Cf-Access-Jwt-Assertion is checked against the team's public keys, the
// application's audience tag, the issuer and its validity window. Access at
// the edge already blocks strangers; this check makes a request that bypasses
// the edge (a *.pages.dev address, a misconfigured policy) fail closed.
//
// The key set is cached per isolate by jose: keys are kept for 10 minutes and
// an unknown `kid` refetches them at most once per 30-second cooldown, so a
// stream of forged tokens cannot make the Worker fetch the keys per request.
import { createRemoteJWKSet, customFetch, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from "jose";

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

export class AccessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AccessError";
  }
}

/** Seconds of clock difference between Cloudflare's edge and this Worker that are forgiven on exp/nbf/iat. */
export const CLOCK_TOLERANCE_SECONDS = 60;
/** Shortest time between two refetches of the key set triggered by an unknown key id. */
export const KEY_REFETCH_COOLDOWN_MS = 30_000;

export function issuerFor(teamDomain: string): string {
  return `https://${teamDomain.replace(/^https?:\/\//, "").replace(/\/+$/, "")}`;
}

export function certsUrlFor(teamDomain: string): string {
  return `${issuerFor(teamDomain)}/cdn-cgi/access/certs`;
}

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The team's remote key set. `fetchImpl` replaces the network (tests serve a
 * locally generated key pair with it); production uses the global fetch.
 */
export function remoteKeySet(certsUrl: string, fetchImpl?: FetchLike): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(certsUrl), {
    cooldownDuration: KEY_REFETCH_COOLDOWN_MS,
    cacheMaxAge: 10 * 60_000,
    timeoutDuration: 5_000,
    ...(fetchImpl ? { [customFetch]: fetchImpl } : {}),
  });
}

// One key set per certs URL and isolate: its cache and cooldown must outlive a request.
const keySets = new Map<string, JWTVerifyGetKey>();

function cachedKeySet(certsUrl: string): JWTVerifyGetKey {
  let set = keySets.get(certsUrl);
  if (!set) keySets.set(certsUrl, (set = remoteKeySet(certsUrl)));
  return set;
}

/** Why a token was refused, in words the tests (and the logs) can rely on; never shown to the caller. */
function reason(err: unknown): string {
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return "unexpected algorithm";
  if (err instanceof errors.JWSSignatureVerificationFailed) return "bad signature";
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return "unknown signing key";
  if (err instanceof errors.JWTExpired) return "token expired";
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.reason === "missing") return `missing claim ${err.claim}`;
    if (err.claim === "aud") return "wrong audience";
    if (err.claim === "iss") return "wrong issuer";
    if (err.claim === "nbf") return "token not yet valid";
    return `invalid claim ${err.claim}`;
  }
  if (err instanceof errors.JWKSTimeout) return "could not load Access keys (timeout)";
  if (err instanceof errors.JWKSInvalid || (err instanceof errors.JOSEError && /JSON Web Key Set/.test(err.message))) {
    return "could not load Access keys";
  }
  if (err instanceof errors.JWTInvalid || err instanceof errors.JWSInvalid) return "token is malformed";
  return `token could not be verified (${err instanceof Error ? err.name : "unknown"})`;
}

/** Verifies the token and returns who it names; throws AccessError on any doubt. */
export async function verifyAccessJwt(
  token: string,
  config: AccessConfig,
  options: { keys?: JWTVerifyGetKey; now?: Date } = {},
): Promise<AccessIdentity> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => p === "")) throw new AccessError("token is not a JWT");
  if (!parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) throw new AccessError("token is not base64url");
  try {
    decodeProtectedHeader(token);
  } catch {
    throw new AccessError("token header is not base64url JSON");
  }
  const issuer = issuerFor(config.teamDomain);
  const keys = options.keys ?? cachedKeySet(certsUrlFor(config.teamDomain));
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      issuer,
      audience: config.aud,
      algorithms: ["RS256"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp", "iat"],
      currentDate: options.now,
    }));
  } catch (err) {
    throw new AccessError(reason(err));
  }
  const email = typeof payload.email === "string" ? payload.email : "";
  const sub = typeof payload.sub === "string" ? payload.sub : "";
  if (!email && !sub) throw new AccessError("token names nobody");
  return { email, sub };
}
