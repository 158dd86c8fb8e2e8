// Redeeming an invitation code when the form opens (the protocol is in
// src/lib/invitation-token.ts): the code goes to the server now, with a
// blinded token; the answers go later, with the unblinded token, never with
// the code. The token and a redemption on its way live in sessionStorage
// only: never kept past the browser session, so the next person at a shared
// PC cannot answer with it.
import type { SpendableToken } from "../../lib/invitation-token.ts";
import { parseInvitationCode } from "../../lib/invitation.ts";

export type RedeemFailure = "invalid" | "used" | "closed" | "unavailable" | "rate_limited" | "network";

export type RedeemResult = { ok: true; token: SpendableToken } | { ok: false; failure: RedeemFailure; retryAfter?: number };

interface PendingRedemption {
  code: string;
  publicKey: string;
  blinded: string;
  finalizeData: string;
}

const tokenKey = (draftKey: string) => `${draftKey}:token`;
const pendingKey = (draftKey: string) => `${draftKey}:redeeming`;

function session(): Storage | null {
  try {
    return globalThis.sessionStorage;
  } catch {
    return null;
  }
}

function readJson<T>(key: string): T | null {
  try {
    const raw = session()?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    session()?.setItem(key, JSON.stringify(value));
  } catch {
    // storage disabled: the token lives as long as the page
  }
}

function remove(key: string): void {
  try {
    session()?.removeItem(key);
  } catch {
    // nothing to remove
  }
}

/** This session's token for the survey, if the code was redeemed in it. */
export function loadToken(draftKey: string): SpendableToken | null {
  const token = readJson<SpendableToken>(tokenKey(draftKey));
  return token && typeof token.input === "string" && typeof token.output === "string" ? token : null;
}

/** Forgets the token (it was spent, or refused) and any redemption on its way. */
export function clearToken(draftKey: string): void {
  remove(tokenKey(draftKey));
  remove(pendingKey(draftKey));
}

async function surveyKey(surveyId: string): Promise<string | null | "network"> {
  try {
    const res = await fetch(`/api/surveys/${encodeURIComponent(surveyId)}`, { headers: { Accept: "application/json" }, cache: "no-store" });
    if (!res.ok) return res.status >= 500 ? "network" : null;
    const { invitationKey } = (await res.json()) as { invitationKey?: unknown };
    return typeof invitationKey === "string" ? invitationKey : null;
  } catch {
    return "network";
  }
}

/**
 * Uses up `code` for a token. A retry after a lost answer sends the same
 * blinded token again (kept for the session), which the server answers
 * with the same evaluation instead of "code used".
 */
export async function redeem(surveyId: string, draftKey: string, code: string): Promise<RedeemResult> {
  const canonical = parseInvitationCode(code) ?? code.trim();
  const publicKey = await surveyKey(surveyId);
  if (publicKey === "network") return { ok: false, failure: "network" };
  if (publicKey === null) return { ok: false, failure: "unavailable" };
  // The arithmetic is loaded only here: open surveys never download it.
  const { blindToken, finishToken } = await import("../../lib/invitation-client.ts");
  let pending = readJson<PendingRedemption>(pendingKey(draftKey));
  if (!pending || pending.code !== canonical || pending.publicKey !== publicKey) {
    pending = { code: canonical, publicKey, ...(await blindToken(publicKey)) };
    writeJson(pendingKey(draftKey), pending);
  }
  let res: Response;
  try {
    res = await fetch(`/api/surveys/${encodeURIComponent(surveyId)}/redeem`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ code, blinded: pending.blinded }),
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    return { ok: false, failure: "network" };
  }
  if (res.status === 200) {
    const { evaluation } = (await res.json()) as { evaluation: string };
    try {
      const token = await finishToken(publicKey, pending, evaluation);
      writeJson(tokenKey(draftKey), token);
      remove(pendingKey(draftKey));
      return { ok: true, token };
    } catch {
      // The proof failed: the server did not use the survey's published key. Never answer with such a token.
      remove(pendingKey(draftKey));
      return { ok: false, failure: "unavailable" };
    }
  }
  const error = ((await res.json().catch(() => null)) as { error?: { code?: string } } | null)?.error?.code;
  if (res.status === 429) return { ok: false, failure: "rate_limited", retryAfter: Number(res.headers.get("Retry-After")) || 60 };
  if (error === "invalid_invitation_code" || (res.status === 422 && error === "validation_failed")) {
    remove(pendingKey(draftKey));
    return { ok: false, failure: "invalid" };
  }
  if (error === "invitation_code_used") return { ok: false, failure: "used" };
  if (error === "survey_closed" || error === "survey_not_open") return { ok: false, failure: "closed" };
  if (res.status === 503) return { ok: false, failure: "unavailable" };
  return { ok: false, failure: "network" };
}
