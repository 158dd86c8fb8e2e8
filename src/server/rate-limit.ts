// Per-client limits on anonymous endpoints, counted in this isolate's memory
// and nowhere else (docs/anonymity.md, "Rate limiting without knowing who").
//
// A per-client count stored in D1 joins the requests it counts: one row per
// client and window, incremented by each of them, and D1's history shows
// every increment — a redemption and the later answers of the same person
// were one counter row. So nothing per client is ever written: the counts
// live in a Map of this isolate, under an HMAC of (bucket, scope, address)
// with a key made here at random, never exported, and replaced (with every
// count) when the UTC day changes. An isolate's counts are gone when it is.
// The flood that spreads over many isolates is the edge's to stop: a
// Cloudflare WAF rate-limiting rule on /api/* (docs/deploy.md).
//
// A whole contact centre often shares one address, so a limit must not let
// one person lock everyone else out: requests that are accepted and requests
// that are refused (replays, invalid answers, wrong codes) are counted in
// separate buckets, each after the cheap checks, and a refused request never
// uses up what accepted ones are allowed. Windows slide: the count is the
// current window's plus the previous window's, weighted by how much of it
// still overlaps the last `windowSeconds`, so a burst at the end of one
// window does not get a fresh allowance at the start of the next.
import { dayOf } from "#lib/clock.ts";
import { toHex } from "#lib/hex.ts";
import type { LocalVars } from "./config.ts";
import { HttpError } from "./http.ts";

export interface Limit {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

/**
 * Defaults sized for a contact centre behind one NAT address answering a
 * survey within minutes of an announcement (docs/design.md, rule 5):
 * generous for humans, tight for scripts and guessing.
 */
export const DEFAULT_LIMITS = {
  /** Responses to open surveys stored (an invitation survey's are not counted per client: each token allows one). */
  survey_response: { limit: 600, windowSeconds: 3600 },
  /** Survey submissions refused (invalid answers, a token that is no token) and replays of stored ones. */
  survey_rejected: { limit: 600, windowSeconds: 3600 },
  /** Invitation codes redeemed (a retry of the same redemption too). */
  invitation_redeem: { limit: 600, windowSeconds: 3600 },
  /** Wrong or used invitation codes: 60-bit codes make guessing hopeless; this slows scanning. */
  invitation_failure: { limit: 30, windowSeconds: 600 },
  /** New ideas stored. */
  idea_submit: { limit: 30, windowSeconds: 3600 },
  /** Idea submissions refused or replayed (a resend, a failed Turnstile check, an id reused with another body). */
  idea_rejected: { limit: 60, windowSeconds: 3600 },
  /** Look-ups with a right receipt. */
  idea_track: { limit: 120, windowSeconds: 600 },
  /** Wrong receipts: 80 bits make guessing hopeless; the cap slows scanning and never refuses a right receipt. */
  idea_track_failure: { limit: 30, windowSeconds: 600 },
  idea_reply: { limit: 60, windowSeconds: 3600 },
  idea_support: { limit: 200, windowSeconds: 3600 },
  /**
   * "Me too" given to one idea from one address in a day (supports actually
   * added): fresh browser tokens cannot inflate an idea beyond this. A
   * handful, not a team: colleagues behind the same address past the fifth
   * support that idea another day, or from another network.
   */
  idea_support_per_idea: { limit: 5, windowSeconds: 86_400 },
} satisfies Record<string, Limit>;

export type Bucket = keyof typeof DEFAULT_LIMITS;

/** `RATE_LIMITS` (JSON) may override any default, e.g. {"idea_submit":{"limit":5,"windowSeconds":60}}. */
export function readLimits(raw: string | undefined): Record<Bucket, Limit> {
  const limits: Record<Bucket, Limit> = { ...DEFAULT_LIMITS };
  if (!raw) return limits;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    console.error("RATE_LIMITS is not valid JSON; using defaults");
    return limits;
  }
  if (typeof parsed !== "object" || parsed === null) return limits;
  for (const [bucket, value] of Object.entries(parsed)) {
    if (!(bucket in limits) || typeof value !== "object" || value === null) continue;
    const { limit, windowSeconds } = value as Partial<Limit>;
    if (Number.isInteger(limit) && Number.isInteger(windowSeconds) && limit! > 0 && windowSeconds! > 0) {
      limits[bucket as Bucket] = { limit: limit!, windowSeconds: windowSeconds! };
    }
  }
  return limits;
}

export interface LimitEnv extends LocalVars {
  RATE_LIMITS?: string;
}

/**
 * The address a client is counted under.
 *
 * - Deployed: `CF-Connecting-IP`, which Cloudflare's edge sets on every
 *   request (replacing anything a client sent).
 * - `npm start` (CANDOR_ENV=development): nothing sets it, and a client could
 *   send any value, so every request counts as the one local client.
 * - Tests (CANDOR_ENV=test): the harness sets it to play many clients.
 *
 * IPv4-mapped IPv6 addresses (::ffff:192.0.2.1) are their IPv4 address; an
 * IPv6 client usually holds a whole /64 and could change address on every
 * request, so other IPv6 addresses are counted per /64.
 */
export function clientKey(request: Request, env: Partial<LocalVars> = {}): string {
  if (env.CANDOR_ENV === "development") return "127.0.0.1";
  const address = request.headers.get("CF-Connecting-IP")?.trim() ?? "unknown";
  if (!address.includes(":")) return address;
  const groups = expandIPv6(address);
  if (!groups) return address;
  const mapped = mappedIPv4(groups);
  if (mapped) return mapped;
  return `${groups.slice(0, 4).join(":")}::/64`;
}

function expandIPv6(address: string): string[] | null {
  const [head, tail, ...rest] = address.toLowerCase().split("::");
  if (rest.length > 0) return null;
  const parse = (part: string | undefined) => (part ? part.split(":") : []);
  const left = parse(head);
  const right = parse(tail);
  // an embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes(".") ? 2 : 1), 0);
  const missing = 8 - width(left) - width(right);
  if (tail === undefined ? missing !== 0 : missing < 0) return null;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right];
  if (!groups.slice(0, 4).every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => (g.includes(".") ? g : g.replace(/^0+(?=.)/, "")));
}

/** ::ffff:a.b.c.d or ::ffff:XXXX:YYYY as a.b.c.d; null for any other address. */
function mappedIPv4(groups: string[]): string | null {
  if (!groups.slice(0, 5).every((g) => g === "0") || groups[5] !== "ffff") return null;
  const rest = groups.slice(6);
  if (rest.length === 1 && /^\d{1,3}(\.\d{1,3}){3}$/.test(rest[0]!)) return rest[0]!;
  if (rest.length === 2 && rest.every((g) => /^[0-9a-f]{1,4}$/.test(g))) {
    const [hi, lo] = rest.map((g) => parseInt(g, 16)) as [number, number];
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
  }
  return null;
}

export interface HitResult {
  /** The sliding count: this window's hits plus the overlapping share of the previous window's. */
  hits: number;
  remaining: number;
  retryAfter: number;
}

/** One client's count in one bucket: this window's hits and the previous window's. */
interface Counter {
  windowSeconds: number;
  windowStart: number;
  current: number;
  previous: number;
}

/**
 * The most counters an isolate keeps (a few MB). Past it, expired counters go
 * first, then the least recently used: a flood of fresh addresses can make an
 * isolate forget a count, never grow without bound.
 */
export const MAX_COUNTERS = 20_000;

interface Store {
  day: string;
  /** HMAC key made in this isolate, not extractable: the counters' names mean nothing without it, and it never leaves memory. */
  key: Promise<CryptoKey>;
  counters: Map<string, Counter>;
}

let store: Store | null = null;

/** Today's store: a new key and no counts when the UTC day changes, so no name an address is counted under outlives its day. */
function storeFor(now: Date): Store {
  const day = dayOf(now);
  if (store?.day !== day) {
    store = {
      day,
      key: crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]) as Promise<CryptoKey>,
      counters: new Map(),
    };
  }
  return store;
}

/** Forgets every count, as a new isolate would: for tests that reuse an address across cases. */
export function forgetCounts(): void {
  store = null;
}

/** How many counters this isolate holds now (tests check the bound). */
export function countersHeld(): number {
  return store?.counters.size ?? 0;
}

interface Located {
  counter: Counter;
  limit: Limit;
  elapsed: number;
}

/**
 * The counter of this client in this bucket (and scope: an idea id), moved
 * to the window `now` falls in. The name is HMAC(isolate key, bucket ‖ scope
 * ‖ address): the address itself is never kept, not even in memory.
 */
async function locate(env: LimitEnv, request: Request, bucket: Bucket, now: Date, scope: string): Promise<Located> {
  const limit = readLimits(env.RATE_LIMITS)[bucket];
  const today = storeFor(now);
  const material = new TextEncoder().encode(`${bucket}\u0000${scope}\u0000${clientKey(request, env)}`);
  const name = toHex(new Uint8Array(await crypto.subtle.sign("HMAC", await today.key, material), 0, 16));
  // a request that began before midnight and finishes its HMAC after it counts in yesterday's discarded store: harmless
  const counters = today.counters;
  const w = limit.windowSeconds;
  const epoch = Math.floor(now.getTime() / 1000);
  const windowStart = epoch - (epoch % w);
  let counter = counters.get(name);
  if (counter) {
    counters.delete(name); // set again below: the Map's order is the order of last use
    if (counter.windowSeconds !== w || counter.windowStart > windowStart || counter.windowStart < windowStart - w) {
      Object.assign(counter, { windowSeconds: w, windowStart, current: 0, previous: 0 });
    } else if (counter.windowStart === windowStart - w) {
      Object.assign(counter, { windowStart, current: 0, previous: counter.current });
    }
  } else {
    counter = { windowSeconds: w, windowStart, current: 0, previous: 0 };
  }
  if (counters.size >= MAX_COUNTERS) evict(counters, epoch);
  counters.set(name, counter);
  return { counter, limit, elapsed: epoch - windowStart };
}

/** Drops counters that can no longer count (two windows old), then the least recently used, down to 90% of the bound. */
function evict(counters: Map<string, Counter>, epoch: number): void {
  for (const [name, c] of counters) if (c.windowStart + 2 * c.windowSeconds <= epoch) counters.delete(name);
  const target = Math.floor(MAX_COUNTERS * 0.9);
  for (const name of counters.keys()) {
    if (counters.size <= target) break;
    counters.delete(name);
  }
}

const result = (l: Located) => slidingResult(l.counter.current, l.counter.previous, l.elapsed, l.limit);

/** The sliding count and, when over the limit, how long until one more request fits. */
export function slidingResult(current: number, previous: number, elapsed: number, limit: Limit): HitResult {
  const w = limit.windowSeconds;
  const hits = current + previous * (1 - elapsed / w);
  let retryAfter = 0;
  if (hits > limit.limit) {
    const room = limit.limit - 1; // what the count must fall to for the next request to fit
    retryAfter =
      current <= room && previous > 0
        ? // the previous window's share decays until there is room
          w * (1 - (room - current) / previous) - elapsed
        : // this window alone is too full: wait until it is the previous one and has decayed enough
          w - elapsed + w * (1 - room / current);
  }
  return { hits, remaining: Math.max(0, Math.floor(limit.limit - hits)), retryAfter: Math.max(1, Math.ceil(retryAfter)) };
}

export function tooManyRequests(retryAfter: number): HttpError {
  return new HttpError(429, "rate_limited", "Too many requests from this network. Please wait and try again.", {
    headers: { "Retry-After": String(Math.max(1, retryAfter)) },
  });
}

/** Counts one hit without refusing; returns the sliding count after it. */
export async function countHit(env: LimitEnv, request: Request, bucket: Bucket, now: Date, scope = ""): Promise<HitResult> {
  const located = await locate(env, request, bucket, now, scope);
  located.counter.current++;
  return result(located);
}

/** Reads the sliding count without adding to it. */
export async function peekHits(env: LimitEnv, request: Request, bucket: Bucket, now: Date, scope = ""): Promise<HitResult> {
  return result(await locate(env, request, bucket, now, scope));
}

/** Counts a hit and throws 429 with Retry-After once the client is over its limit. */
export async function enforceLimit(env: LimitEnv, request: Request, bucket: Bucket, now: Date, scope = ""): Promise<void> {
  const hit = await countHit(env, request, bucket, now, scope);
  if (hit.hits > readLimits(env.RATE_LIMITS)[bucket].limit) throw tooManyRequests(hit.retryAfter);
}

/**
 * For a request being refused anyway (a replay, invalid answers, a wrong
 * code): counts it in its own bucket and, once that bucket is over its limit,
 * turns the refusal into a 429 — so a flood of bad requests slows down
 * without costing accepted requests anything.
 */
export async function refuse(env: LimitEnv, request: Request, bucket: Bucket, now: Date, refusal: HttpError): Promise<never> {
  await enforceLimit(env, request, bucket, now);
  throw refusal;
}

export type Admission =
  | {
      admitted: true;
      /** The request was not stored after all (a resend, a lost race): the hit it took is given back (once, however often called). */
      giveBack(): void;
    }
  | {
      admitted: false;
      /** The 429 to throw; the refused request is counted too, so a client that keeps sending keeps pushing its wait out. */
      refusal(): HttpError;
    };

/**
 * For a request about to be stored: counts it if one more fits the limit
 * (the count and the decision are one synchronous step, so concurrent
 * requests in this isolate are counted exactly), and otherwise counts
 * nothing yet, so that the caller can still answer a resend of a stored
 * submission as one before refusing.
 */
export async function admit(env: LimitEnv, request: Request, bucket: Bucket, now: Date, scope = ""): Promise<Admission> {
  const located = await locate(env, request, bucket, now, scope);
  const { counter, limit, elapsed } = located;
  if (counter.current + 1 + counter.previous * (1 - elapsed / limit.windowSeconds) > limit.limit) {
    return {
      admitted: false,
      refusal: () => {
        counter.current++;
        return tooManyRequests(result(located).retryAfter);
      },
    };
  }
  counter.current++;
  const taken = counter.windowStart;
  let given = false;
  return {
    admitted: true,
    giveBack: () => {
      if (given) return;
      given = true;
      // the counter may have moved on to the next window meanwhile (a slow request at a window's end)
      if (counter.windowStart === taken) counter.current = Math.max(0, counter.current - 1);
      else if (counter.windowStart === taken + limit.windowSeconds) counter.previous = Math.max(0, counter.previous - 1);
    },
  };
}
