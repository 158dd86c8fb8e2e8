// Who may call /api/admin/*. For now one mechanism: `Authorization: Bearer
// $ADMIN_TOKEN`, for local use and small deployments, compared in constant
// time. Cloudflare Access JWT verification (Cf-Access-Jwt-Assertion against
// the team's keys and ACCESS_AUD) is not implemented yet: with Access
// configured but no ADMIN_TOKEN, admin calls are refused rather than trusted.
// With neither configured, every admin call is refused.
import type { AppEnv } from "./config.ts";
import { HttpError } from "./http.ts";

export interface Admin {
  /** Written to the audit log as the actor. */
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

export function requireAdmin(request: Request, env: Partial<AppEnv>): Admin {
  const configured = typeof env.ADMIN_TOKEN === "string" && env.ADMIN_TOKEN.length >= 16;
  if (!configured) {
    throw new HttpError(403, "admin_disabled", "HR access is not configured on this server.");
  }
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw new HttpError(401, "unauthorized", "Sign in as HR to use this endpoint.", { headers: { "WWW-Authenticate": "Bearer" } });
  }
  if (!timingSafeEqual(match[1]!, env.ADMIN_TOKEN!)) {
    throw new HttpError(401, "unauthorized", "The HR token is not valid.", { headers: { "WWW-Authenticate": "Bearer" } });
  }
  return { actor: "admin-token" };
}
