// Per-client limits on anonymous endpoints without knowing who the client is.
// The Workers rate-limit binding is not available to Pages Functions, so the
// counts live in D1, keyed by a keyed, daily-salted hash of the connecting
// address (docs/anonymity.md, "Rate limiting without knowing who").
//
// A whole contact centre often shares one address, so a limit must not let
// one person lock everyone else out: requests that are accepted and requests
// that are refused (replays, invalid answers, wrong codes) are counted in
// separate buckets, each after the cheap checks, and a refused request never
// uses up what accepted ones are allowed. Windows slide: the count is the
// current window's plus the previous window's, weighted by how much of it
// still overlaps the last `windowSeconds`, so a burst at the end of one
// window does not get a fresh allowance at the start of the next.
import { addDays, dayOf } from "../lib/clock.ts";
import { toHex } from "../lib/hex.ts";
import { isLocalWorker } from "./clock.ts";
import type { DbEnv, LocalVars } from "./config.ts";
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
  /** Survey responses stored. */
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
  /** "Me too" on one idea from one address per day: fresh browser tokens cannot inflate it beyond this. */
  idea_support_per_idea: { limit: 50, windowSeconds: 86_400 },
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

export interface LimitEnv extends DbEnv, LocalVars {
  RATE_LIMITS?: string;
  /**
   * Secret mixed into the client hash (`wrangler pages secret put
   * RATE_LIMIT_SECRET`). Without it, someone who can read D1 could try all
   * four billion IPv4 addresses against the stored salt (about 157,000 a
   * second on one core); with it, D1 alone reveals nothing. Required on a
   * deployed Worker, which refuses to count (503) without it.
   */
  RATE_LIMIT_SECRET?: string;
}

/** The shortest RATE_LIMIT_SECRET a deployed Worker accepts (scripts/deploy.ts makes 32 random bytes). */
export const MIN_SECRET_LENGTH = 32;

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

function randomSalt(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * Today's salt as this isolate last read it. A request reads it from memory,
 * so an accepted submission costs one D1 call (its own batch); the isolate
 * asks D1 again at the day boundary of the one clock, and the day's first
 * asker anywhere creates the salt and drops old ones, as before.
 */
let remembered: { day: string; salt: string } | null = null;

/**
 * Today's salt, created by the day's first request, which also drops salts
 * older than 48 hours (and, by cascade, their counts). Later requests only
 * read, and only once per isolate and day.
 */
export async function dailySalt(env: DbEnv, now: Date): Promise<{ day: string; salt: string }> {
  const day = dayOf(now);
  if (remembered?.day === day) return remembered;
  const existing = await env.DB.prepare("SELECT salt FROM rate_limit_salts WHERE day = ?1").bind(day).first<{ salt: string }>();
  if (existing) return (remembered = { day, salt: existing.salt });
  const [, , row] = await env.DB.batch([
    env.DB.prepare("INSERT OR IGNORE INTO rate_limit_salts (day, salt) VALUES (?1, ?2)").bind(day, randomSalt()),
    env.DB.prepare("DELETE FROM rate_limit_salts WHERE day < ?1").bind(addDays(day, -(SALT_TTL_DAYS - 1))),
    env.DB.prepare("SELECT salt FROM rate_limit_salts WHERE day = ?1").bind(day),
  ]);
  return (remembered = { day, salt: (row!.results[0] as { salt: string }).salt });
}

/** The secret mixed into client hashes; a deployed Worker without a real one refuses to count (fails closed). */
export function limitSecret(env: Pick<LimitEnv, "RATE_LIMIT_SECRET" | "CANDOR_ENV">): string {
  const secret = env.RATE_LIMIT_SECRET ?? "";
  if (secret.length >= MIN_SECRET_LENGTH || isLocalWorker(env)) return secret;
  console.error("RATE_LIMIT_SECRET is missing or shorter than 32 characters: refusing anonymous submissions (see docs/deploy.md)");
  throw new HttpError(
    503,
    "server_misconfigured",
    "This server is not fully configured yet, so it accepts nothing for now. Nothing was stored.",
  );
}

/**
 * HMAC-SHA256(key = secret ‖ daily salt, client key ‖ scope): no address is
 * ever stored. A scope (an idea id) gives the same client a different hash
 * per scope, so per-idea counts cannot be joined across ideas.
 */
export async function clientHash(salt: string, client: string, secret = "", scope = ""): Promise<string> {
  const encoder = new TextEncoder();
  const material = `${secret}:${salt}`;
  // the key changes once a day: imported once per isolate and day, like the salt
  if (hmacKey?.material !== material) {
    const key = crypto.subtle.importKey("raw", encoder.encode(material), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    hmacKey = { material, key };
  }
  return toHex(await crypto.subtle.sign("HMAC", await hmacKey.key, encoder.encode(scope ? `${client}\u0000${scope}` : client)));
}

let hmacKey: { material: string; key: Promise<CryptoKey> } | null = null;

export interface HitResult {
  /** The sliding count: this window's hits plus the overlapping share of the previous window's. */
  hits: number;
  remaining: number;
  retryAfter: number;
}

interface Counter {
  bucket: string;
  hash: string;
  day: string;
  salt: string;
  windowStart: number;
  elapsed: number;
}

async function locateCounter(env: LimitEnv, request: Request, bucket: Bucket, limit: Limit, now: Date, scope: string): Promise<Counter> {
  const secret = limitSecret(env);
  const { day, salt } = await dailySalt(env, now);
  const hash = await clientHash(salt, clientKey(request, env), secret, scope);
  const epoch = Math.floor(now.getTime() / 1000);
  const windowStart = epoch - (epoch % limit.windowSeconds);
  return { bucket, hash, day, salt, windowStart, elapsed: epoch - windowStart };
}

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

const previousCount = (db: D1Database, c: Counter, limit: Limit) =>
  db
    .prepare(
      "SELECT COALESCE((SELECT hits FROM rate_limit_counters WHERE bucket = ?1 AND client_hash = ?2 AND window_start = ?3), 0) AS hits",
    )
    .bind(c.bucket, c.hash, c.windowStart - limit.windowSeconds);

/**
 * What every batch that counts starts with: expired counters go, and the
 * remembered salt's row is written again if it is missing (a counter refers
 * to its day's salt; the row is only ever missing when the database was
 * emptied under a running isolate, as tests do).
 */
const housekeeping = (db: D1Database, c: Counter) => [
  db.prepare("DELETE FROM rate_limit_counters WHERE expires_at <= ?1").bind(c.windowStart + c.elapsed),
  db.prepare("INSERT OR IGNORE INTO rate_limit_salts (day, salt) VALUES (?1, ?2)").bind(c.day, c.salt),
];

/**
 * Counts one hit without refusing; returns the sliding count after it. A
 * counter row lives for two windows (it is the "previous" one during the
 * second) and is deleted once it can no longer count.
 */
export async function countHit(env: LimitEnv, request: Request, bucket: Bucket, now: Date, scope = ""): Promise<HitResult> {
  const limit = readLimits(env.RATE_LIMITS)[bucket];
  const c = await locateCounter(env, request, bucket, limit, now, scope);
  const [, , upsert, previous] = await env.DB.batch([
    ...housekeeping(env.DB, c),
    env.DB.prepare(
      `INSERT INTO rate_limit_counters (bucket, client_hash, window_start, expires_at, day, hits)
         VALUES (?1, ?2, ?3, ?4, ?5, 1)
         ON CONFLICT (bucket, client_hash, window_start) DO UPDATE SET hits = hits + 1
         RETURNING hits`,
    ).bind(c.bucket, c.hash, c.windowStart, c.windowStart + 2 * limit.windowSeconds, c.day),
    previousCount(env.DB, c, limit),
  ]);
  const current = (upsert!.results[0] as { hits: number } | undefined)?.hits ?? 1;
  return slidingResult(current, (previous!.results[0] as { hits: number }).hits, c.elapsed, limit);
}

/**
 * The limit as statements for the caller's own batch, so an accepted
 * submission is counted in the same D1 call that stores it. The counter
 * statement adds the hit when the sliding count after it stays within the
 * limit — the same sum as slidingResult, computed by the database inside the
 * batch, so concurrent requests are counted exactly — and otherwise writes
 * NULL into the NOT NULL count, which aborts the whole batch: nothing is
 * stored. The caller maps that error (isOverLimit) to `overLimit`.
 */
export async function limitInBatch(env: LimitEnv, request: Request, bucket: Bucket, now: Date, scope = ""): Promise<D1PreparedStatement[]> {
  const limit = readLimits(env.RATE_LIMITS)[bucket];
  const c = await locateCounter(env, request, bucket, limit, now, scope);
  return [
    ...housekeeping(env.DB, c),
    env.DB.prepare(
      `INSERT INTO rate_limit_counters (bucket, client_hash, window_start, expires_at, day, hits)
         SELECT ?1, ?2, ?3, ?4, ?5, CASE WHEN cur + 1 + prev * ?7 > ?8 THEN NULL ELSE cur + 1 END
         FROM (SELECT
           COALESCE((SELECT hits FROM rate_limit_counters WHERE bucket = ?1 AND client_hash = ?2 AND window_start = ?3), 0) AS cur,
           COALESCE((SELECT hits FROM rate_limit_counters WHERE bucket = ?1 AND client_hash = ?2 AND window_start = ?6), 0) AS prev)
         WHERE 1
         ON CONFLICT (bucket, client_hash, window_start) DO UPDATE SET hits = excluded.hits`,
    ).bind(
      c.bucket,
      c.hash,
      c.windowStart,
      c.windowStart + 2 * limit.windowSeconds,
      c.day,
      c.windowStart - limit.windowSeconds,
      1 - c.elapsed / limit.windowSeconds,
      limit.limit,
    ),
  ];
}

/** The error D1 answers when a batch was aborted by limitInBatch's counter. */
export function isOverLimit(err: unknown): boolean {
  return /NOT NULL constraint failed: rate_limit_counters\.hits/.test(String((err as Error)?.message ?? err));
}

/**
 * After limitInBatch aborted a batch: the refused hit is counted as
 * enforceLimit counts one (so a client that keeps sending keeps pushing its
 * Retry-After out), and the 429 to throw is returned.
 */
export async function overLimit(env: LimitEnv, request: Request, bucket: Bucket, now: Date, scope = ""): Promise<HttpError> {
  const hit = await countHit(env, request, bucket, now, scope);
  return tooManyRequests(hit.retryAfter);
}

/** Reads the sliding count without adding to it. */
export async function peekHits(env: LimitEnv, request: Request, bucket: Bucket, now: Date, scope = ""): Promise<HitResult> {
  const limit = readLimits(env.RATE_LIMITS)[bucket];
  const c = await locateCounter(env, request, bucket, limit, now, scope);
  const [current, previous] = await env.DB.batch([
    env.DB.prepare(
      "SELECT COALESCE((SELECT hits FROM rate_limit_counters WHERE bucket = ?1 AND client_hash = ?2 AND window_start = ?3), 0) AS hits",
    ).bind(c.bucket, c.hash, c.windowStart),
    previousCount(env.DB, c, limit),
  ]);
  return slidingResult((current!.results[0] as { hits: number }).hits, (previous!.results[0] as { hits: number }).hits, c.elapsed, limit);
}

export function tooManyRequests(retryAfter: number): HttpError {
  return new HttpError(429, "rate_limited", "Too many requests from this network. Please wait and try again.", {
    headers: { "Retry-After": String(Math.max(1, retryAfter)) },
  });
}

/** Counts a hit and throws 429 with Retry-After once the client is over its limit. */
export async function enforceLimit(env: LimitEnv, request: Request, bucket: Bucket, now: Date, scope = ""): Promise<void> {
  const limit = readLimits(env.RATE_LIMITS)[bucket];
  const hit = await countHit(env, request, bucket, now, scope);
  if (hit.hits > limit.limit) throw tooManyRequests(hit.retryAfter);
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
