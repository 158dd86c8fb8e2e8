// Per-client limits on anonymous endpoints without knowing who the client is.
// The Workers rate-limit binding is not available to Pages Functions, so the
// counts live in D1, keyed by a salted hash of the connecting address.
import { addDays, dayOf } from "../lib/clock.ts";
import { toHex } from "../lib/hex.ts";
import type { DbEnv } from "./config.ts";
import { HttpError } from "./http.ts";

export interface Limit {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

/**
 * Defaults sized for a contact centre behind one NAT address answering a
 * survey within minutes of an announcement (docs/design.md, rule 5):
 * generous for humans, tight for scripts and receipt guessing.
 */
export const DEFAULT_LIMITS = {
  survey_response: { limit: 600, windowSeconds: 3600 },
  idea_submit: { limit: 30, windowSeconds: 3600 },
  // Looking up an idea is rare per person but the whole centre shares one
  // address; 80-bit receipts make guessing hopeless even at these rates, so
  // the failure cap stops scripted floods without locking out colleagues.
  idea_track: { limit: 120, windowSeconds: 600 },
  idea_track_failure: { limit: 30, windowSeconds: 600 },
  idea_reply: { limit: 60, windowSeconds: 3600 },
  idea_support: { limit: 200, windowSeconds: 3600 },
} satisfies Record<string, Limit>;

export type Bucket = keyof typeof DEFAULT_LIMITS;

const SALT_TTL_DAYS = 2;

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

export interface LimitEnv extends DbEnv {
  RATE_LIMITS?: string;
  /**
   * Secret mixed into the client hash (`wrangler pages secret put
   * RATE_LIMIT_SECRET`). Without it, someone who can read D1 could try all
   * four billion IPv4 addresses against the stored salt; with it, D1 alone
   * reveals nothing.
   */
  RATE_LIMIT_SECRET?: string;
}

/**
 * The address a client is counted under. An IPv6 client usually holds a whole
 * /64 and could change address on every request, so IPv6 is counted per /64.
 */
export function clientKey(request: Request): string {
  const address = request.headers.get("CF-Connecting-IP") ?? "unknown";
  if (!address.includes(":")) return address;
  const groups = expandIPv6(address);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : address;
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

function randomSalt(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * Today's salt, created by the day's first request, which also drops salts
 * older than 48 hours (and, by cascade, their counts). Later requests only read.
 */
export async function dailySalt(env: DbEnv, now: Date): Promise<{ day: string; salt: string }> {
  const day = dayOf(now);
  const existing = await env.DB.prepare("SELECT salt FROM rate_limit_salts WHERE day = ?1").bind(day).first<{ salt: string }>();
  if (existing) return { day, salt: existing.salt };
  const [, , row] = await env.DB.batch([
    env.DB.prepare("INSERT OR IGNORE INTO rate_limit_salts (day, salt) VALUES (?1, ?2)").bind(day, randomSalt()),
    env.DB.prepare("DELETE FROM rate_limit_salts WHERE day < ?1").bind(addDays(day, -(SALT_TTL_DAYS - 1))),
    env.DB.prepare("SELECT salt FROM rate_limit_salts WHERE day = ?1").bind(day),
  ]);
  return { day, salt: (row!.results[0] as { salt: string }).salt };
}

/** HMAC-SHA256(key = secret ‖ daily salt, client key): no address is ever stored. */
export async function clientHash(salt: string, request: Request, secret = ""): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(`${secret}:${salt}`), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return toHex(await crypto.subtle.sign("HMAC", key, encoder.encode(clientKey(request))));
}

export interface HitResult {
  hits: number;
  remaining: number;
  retryAfter: number;
}

interface Counter {
  hash: string;
  day: string;
  windowStart: number;
  expiresAt: number;
  epoch: number;
}

async function locateCounter(env: LimitEnv, request: Request, limit: Limit, now: Date): Promise<Counter> {
  const { day, salt } = await dailySalt(env, now);
  const hash = await clientHash(salt, request, env.RATE_LIMIT_SECRET);
  const epoch = Math.floor(now.getTime() / 1000);
  const windowStart = epoch - (epoch % limit.windowSeconds);
  return { hash, day, windowStart, expiresAt: windowStart + limit.windowSeconds, epoch };
}

function result(hits: number, limit: Limit, counter: Counter): HitResult {
  return { hits, remaining: Math.max(0, limit.limit - hits), retryAfter: counter.expiresAt - counter.epoch };
}

/** Counts one hit without refusing; callers that only limit failures use this. Ended windows are deleted on the way. */
export async function countHit(env: LimitEnv, request: Request, bucket: Bucket, limit: Limit, now: Date): Promise<HitResult> {
  const counter = await locateCounter(env, request, limit, now);
  const [, upsert] = await env.DB.batch([
    env.DB.prepare("DELETE FROM rate_limit_counters WHERE expires_at <= ?1").bind(counter.epoch),
    env.DB.prepare(
      `INSERT INTO rate_limit_counters (bucket, client_hash, window_start, expires_at, day, hits)
         VALUES (?1, ?2, ?3, ?4, ?5, 1)
         ON CONFLICT (bucket, client_hash, window_start) DO UPDATE SET hits = hits + 1
         RETURNING hits`,
    ).bind(bucket, counter.hash, counter.windowStart, counter.expiresAt, counter.day),
  ]);
  return result((upsert!.results[0] as { hits: number } | undefined)?.hits ?? 1, limit, counter);
}

/** Reads the current count without adding to it. */
export async function peekHits(env: LimitEnv, request: Request, bucket: Bucket, limit: Limit, now: Date): Promise<HitResult> {
  const counter = await locateCounter(env, request, limit, now);
  const row = await env.DB.prepare("SELECT hits FROM rate_limit_counters WHERE bucket = ?1 AND client_hash = ?2 AND window_start = ?3")
    .bind(bucket, counter.hash, counter.windowStart)
    .first<{ hits: number }>();
  return result(row?.hits ?? 0, limit, counter);
}

export function tooManyRequests(retryAfter: number): HttpError {
  return new HttpError(429, "rate_limited", "Too many requests from this network. Please wait and try again.", {
    headers: { "Retry-After": String(Math.max(1, retryAfter)) },
  });
}

/** Counts a hit and throws 429 with Retry-After once the client is over its limit. */
export async function enforceLimit(env: LimitEnv, request: Request, bucket: Bucket, now: Date): Promise<void> {
  const limit = readLimits(env.RATE_LIMITS)[bucket];
  const hit = await countHit(env, request, bucket, limit, now);
  if (hit.hits > limit.limit) throw tooManyRequests(hit.retryAfter);
}
