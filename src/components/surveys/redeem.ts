// Redeeming an invitation code when the form opens (the protocol is in
// src/lib/invitation-token.ts): the code goes to the server now, with a
// blinded token; the answers go later, with the unblinded token, never with
// the code. The server's answer is checked against the survey's key as built
// into the page (src/lib/invitation-key.ts), never against a key the server
// hands out now: a server that gave each person a key of their own could
// recognise their token when the answers arrive. The token and a redemption
// on its way live in sessionStorage only: never kept past the browser
// session, so the next person at a shared PC cannot answer with it.
import type { SpendableToken } from "../../lib/invitation-token.ts";
import { parseInvitationCode } from "../../lib/invitation.ts";

/** `wrong_key`: the server's answer was not made with the survey's published key; nothing more may be sent. */
export type RedeemFailure = "invalid" | "used" | "closed" | "unavailable" | "rate_limited" | "network" | "wrong_key";

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

/**
 * Uses up `code` for a token evaluated under `publicKey`, the survey's key as
 * built into the page. A retry after a lost answer sends the same blinded
 * token again (kept for the session), which the server answers with the same
 * evaluation instead of "code used".
 */
export async function redeem(surveyId: string, draftKey: string, code: string, publicKey: string): Promise<RedeemResult> {
  const canonical = parseInvitationCode(code) ?? code.trim();
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
    try {
      const { evaluation } = (await res.json()) as { evaluation: string };
      const token = await finishToken(publicKey, pending, evaluation);
      writeJson(tokenKey(draftKey), token);
      remove(pendingKey(draftKey));
      return { ok: true, token };
    } catch {
      // No proof that holds for the published key: the server used another one,
      // which could single this code out. No token is kept, so no answer can follow.
      remove(pendingKey(draftKey));
      return { ok: false, failure: "wrong_key" };
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
