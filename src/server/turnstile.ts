// Optional bot check on the anonymous idea form. Only active when the
// operator sets TURNSTILE_SECRET_KEY; the client's address is deliberately
// not sent to Cloudflare (siteverify's remoteip is optional), so the check
// adds nothing that could identify an author.
import { HttpError } from "./http.ts";

export const SITEVERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

interface SiteverifyResult {
  success: boolean;
  "error-codes"?: string[];
}

/** Throws 422 when a token is required but missing, 403 when Cloudflare rejects it; does nothing when Turnstile is off. */
export async function verifyTurnstile(env: { TURNSTILE_SECRET_KEY?: string }, token: string | undefined): Promise<void> {
  const secret = env.TURNSTILE_SECRET_KEY;
  if (!secret) return;
  if (!token) {
    throw new HttpError(422, "validation_failed", "Some fields are missing or invalid.", {
      fields: { turnstileToken: "Complete the check that you are not a robot." },
    });
  }
  const form = new FormData();
  form.append("secret", secret);
  form.append("response", token);
  let result: SiteverifyResult;
  try {
    const response = await fetch(SITEVERIFY_URL, { method: "POST", body: form });
    result = (await response.json()) as SiteverifyResult;
  } catch (err) {
    console.error("turnstile siteverify unavailable", err);
    throw new HttpError(503, "verification_unavailable", "The robot check is unavailable right now. Please try again in a minute.", {
      headers: { "Retry-After": "60" },
    });
  }
  if (result.success !== true) {
    throw new HttpError(403, "turnstile_failed", "The check that you are not a robot did not pass. Please try again.");
  }
}
