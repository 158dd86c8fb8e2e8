// Cloudflare Access JWT verification with jose: the token in
// Cf-Access-Jwt-Assertion is checked against the team's public keys, the
// application's audience tag, the issuer and its validity window. Access at
// the edge already blocks strangers; this check makes a request that bypasses
// the edge (a *.pages.dev address, a misconfigured policy) fail closed.
//
// The key set is cached per isolate by jose: keys are kept for 10 minutes and
// an unknown `kid` refetches them at most once per 30-second cooldown, so a
// stream of forged tokens cannot make the Worker fetch the keys per request.
// jose's cooldown starts only after a successful fetch, so the fetch itself
// is guarded here too (guardedFetch): one fetch at a time per isolate, and
// after a failed one none for 30 seconds, then 60, 120… up to 10 minutes,
// while every token is refused without a fetch — a failing endpoint is not
// asked once per forged token either.
import { createRemoteJWKSet, customFetch, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { systemClock } from "#lib/clock.ts";

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
  /** Set when the team's keys could not be loaded (the token was not judged): seconds until the next attempt. */
  readonly retryAfterSeconds?: number;
  constructor(message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = "AccessError";
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The key set could not be fetched, now or in a recent attempt: no fetch until `retryAt`. */
export class KeysUnavailable extends Error {
  constructor(
    message: string,
    readonly retryAt: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "KeysUnavailable";
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

/** The wait after a failed fetch of the key set; it doubles with each failure in a row, up to KEY_BACKOFF_MAX_MS. */
export const KEY_BACKOFF_MS = 30_000;
export const KEY_BACKOFF_MAX_MS = 10 * 60_000;
const KEY_TIMEOUT_MS = 5_000;

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isKeySet(text: string): boolean {
  try {
    const json = JSON.parse(text) as { keys?: unknown };
    return typeof json === "object" && json !== null && Array.isArray(json.keys);
  } catch {
    return false;
  }
}

/**
 * The fetch jose loads the key set with, guarded: a request that finds a
 * fetch under way waits for it and reuses its answer (a promise cannot be
 * shared between two requests of a Worker, which is why jose does not on
 * Workers), and after a failure — no answer, not 200, not a key set — no
 * fetch is made until the backoff has passed: KeysUnavailable is thrown
 * instead. Its state lives as long as the key set it belongs to: per isolate.
 */
export function guardedFetch(fetchImpl: FetchLike, now: () => number = () => systemClock.now().getTime()): FetchLike {
  let failures = 0;
  let retryAt = 0;
  let inFlight = false;
  let settled = 0;
  let lastGood: string | null = null;
  const answer = (text: string) => new Response(text, { status: 200, headers: { "Content-Type": "application/json" } });
  return async (url, init) => {
    if (inFlight) {
      const seen = settled;
      for (let waited = 0; inFlight && waited < KEY_TIMEOUT_MS * 2; waited += 20) await pause(20);
      if (settled > seen && failures === 0 && lastGood !== null) return answer(lastGood);
      if (settled > seen || inFlight) throw new KeysUnavailable("the key set could not be loaded", Math.max(retryAt, now() + 1000));
    }
    if (now() < retryAt) throw new KeysUnavailable("the last fetch of the key set failed", retryAt);
    inFlight = true;
    try {
      let text: string;
      try {
        const response = await fetchImpl(url, init);
        text = await response.text();
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
        if (!isKeySet(text)) throw new Error("not a JSON Web Key Set");
      } catch (cause) {
        failures++;
        retryAt = now() + Math.min(KEY_BACKOFF_MS * 2 ** (failures - 1), KEY_BACKOFF_MAX_MS);
        throw new KeysUnavailable(`the key set could not be loaded (${cause instanceof Error ? cause.message : "error"})`, retryAt, {
          cause,
        });
      }
      failures = 0;
      retryAt = 0;
      lastGood = text;
      return answer(text);
    } finally {
      inFlight = false;
      settled++;
    }
  };
}

/**
 * The team's remote key set. `fetchImpl` replaces the network (tests serve a
 * locally generated key pair with it); production uses the global fetch.
 * Either way the fetch is guarded (guardedFetch).
 */
export function remoteKeySet(certsUrl: string, fetchImpl?: FetchLike): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(certsUrl), {
    cooldownDuration: KEY_REFETCH_COOLDOWN_MS,
    cacheMaxAge: 10 * 60_000,
    timeoutDuration: KEY_TIMEOUT_MS,
    [customFetch]: guardedFetch(fetchImpl ?? ((url, init) => fetch(url, init))),
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
  if (err instanceof KeysUnavailable) return `could not load Access keys (${err.message}; next attempt in ${secondsUntil(err.retryAt)} s)`;
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

function secondsUntil(at: number): number {
  return Math.max(1, Math.ceil((at - systemClock.now().getTime()) / 1000));
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
    if (err instanceof KeysUnavailable) throw new AccessError(reason(err), secondsUntil(err.retryAt));
    throw new AccessError(reason(err));
  }
  const email = typeof payload.email === "string" ? payload.email : "";
  const sub = typeof payload.sub === "string" ? payload.sub : "";
  if (!email && !sub) throw new AccessError("token names nobody");
  return { email, sub };
}
