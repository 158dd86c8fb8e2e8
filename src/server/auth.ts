// Who may call /api/admin/*. Two ways in, each only where it is configured:
//   - Cloudflare Access: the JWT in Cf-Access-Jwt-Assertion, verified against
//     the team's keys, ACCESS_AUD and the issuer (src/server/access.ts);
//   - `Authorization: Bearer $ADMIN_TOKEN`, for local use and small
//     deployments, compared in constant time (at least 32 characters);
//   - a named token of HR_TOKENS ("ana@example.org=<token>,li@…=<token>"),
//     the same way, with its name as the actor: two HR people locally, so a
//     second one can approve what the first drafted (docs/hr-console.md).
// With neither configured, every admin call is refused: HR access fails closed.
import type { JWTVerifyGetKey } from "jose";
import { AccessError, verifyAccessJwt } from "./access.ts";
import type { AppEnv } from "./config.ts";
import { HttpError } from "./http.ts";

export interface Admin {
  /** Written to the audit log as the actor: the Access e-mail (or subject), "admin-token", or "demo" for the seeded demo. */
  actor: string;
}

/** A shorter ADMIN_TOKEN is treated as not configured: it would be guessable. */
export const ADMIN_TOKEN_MIN_LENGTH = 32;

type SubtleWithTimingSafeEqual = SubtleCrypto & {
  timingSafeEqual?: (a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView) => boolean;
};

/**
 * Compares two secrets without leaking where they differ or how long they
 * are: both are hashed first (equal-length digests), then compared with
 * workerd's crypto.subtle.timingSafeEqual, or a branch-free loop where the
 * runtime lacks it (Node, in unit tests).
 */
export async function timingSafeEqual(a: string, b: string): Promise<boolean> {
  const digest = async (s: string) => new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(s)));
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  const subtle = crypto.subtle as SubtleWithTimingSafeEqual;
  if (typeof subtle.timingSafeEqual === "function") return subtle.timingSafeEqual(x, y);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, "unauthorized", message, { headers: { "WWW-Authenticate": "Bearer" } });
}

export interface AdminAuthOptions {
  /** The Access key set to verify against (tests serve a local one); by default the team's, cached per isolate. */
  keys?: JWTVerifyGetKey;
  now?: Date;
}

/** Resolves to the admin, or throws 401/403. Always `await` it: a forgotten await would let a request through. */
/** HR_TOKENS as name → token; a token shorter than ADMIN_TOKEN_MIN_LENGTH is left out (guessable). */
export function namedTokens(raw: string | undefined): [string, string][] {
  return (raw ?? "")
    .split(",")
    .map((entry) => {
      const at = entry.lastIndexOf("=");
      return [entry.slice(0, at).trim(), entry.slice(at + 1).trim()] as [string, string];
    })
    .filter(([name, token]) => name !== "" && token.length >= ADMIN_TOKEN_MIN_LENGTH);
}

export async function requireAdmin(request: Request, env: Partial<AppEnv>, options: AdminAuthOptions = {}): Promise<Admin> {
  const named = namedTokens(env.HR_TOKENS);
  const tokenConfigured = (typeof env.ADMIN_TOKEN === "string" && env.ADMIN_TOKEN.length >= ADMIN_TOKEN_MIN_LENGTH) || named.length > 0;
  const accessConfigured = Boolean(env.ACCESS_TEAM_DOMAIN && env.ACCESS_AUD);
  if (!tokenConfigured && !accessConfigured) {
    throw new HttpError(403, "admin_disabled", "HR access is not configured on this server.");
  }

  const jwt = request.headers.get("Cf-Access-Jwt-Assertion")?.trim();
  if (accessConfigured && jwt) {
    try {
      const who = await verifyAccessJwt(jwt, { teamDomain: env.ACCESS_TEAM_DOMAIN!, aud: env.ACCESS_AUD! }, options);
      return { actor: who.email || who.sub };
    } catch (err) {
      if (err instanceof AccessError) {
        console.warn(`Access token refused: ${err.message}`);
        if (err.retryAfterSeconds !== undefined) {
          // the token was not judged: the team's keys could not be loaded (and are not asked again until the backoff passes)
          throw new HttpError(503, "access_unavailable", "Cloudflare Access's keys cannot be loaded just now; try again shortly.", {
            headers: { "Retry-After": String(err.retryAfterSeconds) },
          });
        }
        throw unauthorized("Your Cloudflare Access sign-in could not be verified.");
      }
      throw err;
    }
  }

  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("Authorization") ?? "");
  if (tokenConfigured && match) {
    if (env.ADMIN_TOKEN && env.ADMIN_TOKEN.length >= ADMIN_TOKEN_MIN_LENGTH && (await timingSafeEqual(match[1]!, env.ADMIN_TOKEN)))
      return { actor: "admin-token" };
    for (const [name, token] of named) if (await timingSafeEqual(match[1]!, token)) return { actor: name };
    throw unauthorized("The HR token is not valid.");
  }
  throw unauthorized("Sign in as HR to use this endpoint.");
}

/** The admin functions/api/admin/_middleware.ts verified for this request; a route reached without it fails closed. */
export function currentAdmin(data: Record<string, unknown>): Admin {
  const admin = data.admin as Admin | undefined;
  if (!admin || typeof admin.actor !== "string") throw unauthorized("Sign in as HR to use this endpoint.");
  return admin;
}
