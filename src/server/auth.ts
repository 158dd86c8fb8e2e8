// Who may call /api/admin/*. Two ways in, each only where it is configured:
//   - Cloudflare Access: the JWT in Cf-Access-Jwt-Assertion, verified against
//     the team's keys, ACCESS_AUD and the issuer (src/server/access.ts);
//   - `Authorization: Bearer $ADMIN_TOKEN`, for local use and small
//     deployments, compared in constant time (at least 16 characters).
// With neither configured, every admin call is refused: HR access fails closed.
import { AccessError, fetchKeys, verifyAccessJwt, type KeyLoader } from "./access.ts";
import type { AppEnv } from "./config.ts";
import { HttpError } from "./http.ts";

export interface Admin {
  /** Written to the audit log as the actor: the Access e-mail, or "admin-token". */
  actor: string;
}

/** Compares two strings in time that depends only on their lengths, not on where they differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) diff |= (x[i % (x.length || 1)] ?? 0) ^ (y[i % (y.length || 1)] ?? 0);
  return diff === 0;
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, "unauthorized", message, { headers: { "WWW-Authenticate": "Bearer" } });
}

/** Resolves to the admin, or throws 401/403. Always `await` it: a forgotten await would let a request through. */
export async function requireAdmin(request: Request, env: Partial<AppEnv>, loadKeys: KeyLoader = fetchKeys): Promise<Admin> {
  const tokenConfigured = typeof env.ADMIN_TOKEN === "string" && env.ADMIN_TOKEN.length >= 16;
  const accessConfigured = Boolean(env.ACCESS_TEAM_DOMAIN && env.ACCESS_AUD);
  if (!tokenConfigured && !accessConfigured) {
    throw new HttpError(403, "admin_disabled", "HR access is not configured on this server.");
  }

  const jwt = request.headers.get("Cf-Access-Jwt-Assertion");
  if (accessConfigured && jwt) {
    try {
      const who = await verifyAccessJwt(jwt, { teamDomain: env.ACCESS_TEAM_DOMAIN!, aud: env.ACCESS_AUD! }, loadKeys);
      return { actor: who.email || who.sub };
    } catch (err) {
      if (err instanceof AccessError) throw unauthorized("Your Cloudflare Access sign-in could not be verified.");
      throw err;
    }
  }

  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("Authorization") ?? "");
  if (tokenConfigured && match) {
    if (timingSafeEqual(match[1]!, env.ADMIN_TOKEN!)) return { actor: "admin-token" };
    throw unauthorized("The HR token is not valid.");
  }
  throw unauthorized("Sign in as HR to use this endpoint.");
}
