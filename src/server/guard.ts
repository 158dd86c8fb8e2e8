// Request checks every API call passes before reaching a route: body size,
// media type and origin. Kept apart from the middleware so they are testable.
import { HttpError, MAX_BODY_BYTES, isJsonContentType, tooLarge } from "./http.ts";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isStateChanging(method: string): boolean {
  return STATE_CHANGING.has(method.toUpperCase());
}

/**
 * Browsers always send Origin on cross-site state-changing fetches; a
 * mismatch is a forged request from another site. Clients without a browser
 * (scripts, kiosks) send no Origin and are judged by the API's own checks.
 */
export function checkOrigin(request: Request, allowedOrigins: readonly string[]): void {
  if (!isStateChanging(request.method)) return;
  const origin = request.headers.get("Origin")?.toLowerCase() ?? null;
  const own = new URL(request.url).origin;
  if (origin !== null) {
    if (origin === own || allowedOrigins.includes(origin)) return;
    throw new HttpError(403, "forbidden_origin", "Requests from another site are not accepted.");
  }
  if (request.headers.get("Sec-Fetch-Site") === "cross-site") {
    throw new HttpError(403, "forbidden_origin", "Requests from another site are not accepted.");
  }
}

export function checkBody(request: Request): void {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) {
    throw tooLarge();
  }
  if (!isStateChanging(request.method)) return;
  const hasBody = request.body !== null && declared !== "0";
  if (request.method !== "DELETE" || hasBody) {
    if (!isJsonContentType(request.headers.get("Content-Type"))) {
      throw new HttpError(415, "unsupported_media_type", "Send the body as application/json.");
    }
  }
}

/** Headers on every API response; static pages get theirs from public/_headers. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
};
