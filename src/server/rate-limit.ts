// Per-client limits on anonymous endpoints without knowing who the client is.
// The Workers rate-limit binding is not available to Pages Functions, so the
// counts live in D1, keyed by a salted hash of the connecting address.
import { dayStamp } from "../lib/anonymity.ts";
import { HttpError } from "./http.ts";

export interface Limit {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

/**
 * Defaults sized for a contact centre behind one NAT address answering a
 * survey within minutes of an announcement (DESIGN.md, non-negotiable 5):
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

function clientAddress(request: Request): string {
  return request.headers.get("CF-Connecting-IP") ?? "unknown";
}

function toHex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function randomSalt(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)).buffer as ArrayBuffer);
}

function daysBefore(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return dayStamp(d);
}

/** Today's salt, created on first use; creating it also drops salts (and, by cascade, counts) older than 48 hours. */
export async function dailySalt(db: D1Database, now: Date): Promise<{ day: string; salt: string }> {
  const day = dayStamp(now);
  const existing = await db.prepare("SELECT salt FROM rate_limit_salts WHERE day = ?1").bind(day).first<{ salt: string }>();
  if (existing) return { day, salt: existing.salt };
  const [, , row] = await db.batch([
    db.prepare("INSERT OR IGNORE INTO rate_limit_salts (day, salt) VALUES (?1, ?2)").bind(day, randomSalt()),
    db.prepare("DELETE FROM rate_limit_salts WHERE day < ?1").bind(daysBefore(day, SALT_TTL_DAYS - 1)),
    db.prepare("SELECT salt FROM rate_limit_salts WHERE day = ?1").bind(day),
  ]);
  return { day, salt: (row!.results[0] as { salt: string }).salt };
}

export async function clientHash(salt: string, request: Request): Promise<string> {
  const data = new TextEncoder().encode(`${salt}:${clientAddress(request)}`);
  return toHex(await crypto.subtle.digest("SHA-256", data));
}

export interface HitResult {
  hits: number;
  remaining: number;
  retryAfter: number;
}

/** Counts one hit without refusing; callers that only limit failures use this. */
export async function countHit(
  db: D1Database,
  request: Request,
  bucket: Bucket,
  limit: Limit,
  now = new Date(),
): Promise<HitResult> {
  const { day, salt } = await dailySalt(db, now);
  const hash = await clientHash(salt, request);
  const epoch = Math.floor(now.getTime() / 1000);
  const windowStart = epoch - (epoch % limit.windowSeconds);
  const row = await db
    .prepare(
      `INSERT INTO rate_limit_counters (bucket, client_hash, window_start, day, hits)
       VALUES (?1, ?2, ?3, ?4, 1)
       ON CONFLICT (bucket, client_hash, window_start) DO UPDATE SET hits = hits + 1
       RETURNING hits`,
    )
    .bind(bucket, hash, windowStart, day)
    .first<{ hits: number }>();
  const hits = row?.hits ?? 1;
  return { hits, remaining: Math.max(0, limit.limit - hits), retryAfter: windowStart + limit.windowSeconds - epoch };
}

/** Reads the current count without adding to it. */
export async function peekHits(db: D1Database, request: Request, bucket: Bucket, limit: Limit, now = new Date()): Promise<HitResult> {
  const { salt } = await dailySalt(db, now);
  const hash = await clientHash(salt, request);
  const epoch = Math.floor(now.getTime() / 1000);
  const windowStart = epoch - (epoch % limit.windowSeconds);
  const row = await db
    .prepare("SELECT hits FROM rate_limit_counters WHERE bucket = ?1 AND client_hash = ?2 AND window_start = ?3")
    .bind(bucket, hash, windowStart)
    .first<{ hits: number }>();
  const hits = row?.hits ?? 0;
  return { hits, remaining: Math.max(0, limit.limit - hits), retryAfter: windowStart + limit.windowSeconds - epoch };
}

export function tooManyRequests(retryAfter: number): HttpError {
  return new HttpError(429, "rate_limited", "Too many requests from this network. Please wait and try again.", {
    headers: { "Retry-After": String(Math.max(1, retryAfter)) },
  });
}

/** Counts a hit and throws 429 with Retry-After once the client is over its limit. */
export async function enforceLimit(
  env: { DB: D1Database; RATE_LIMITS?: string },
  request: Request,
  bucket: Bucket,
  now = new Date(),
): Promise<void> {
  const limit = readLimits(env.RATE_LIMITS)[bucket];
  const result = await countHit(env.DB, request, bucket, limit, now);
  if (result.hits > limit.limit) throw tooManyRequests(result.retryAfter);
}
