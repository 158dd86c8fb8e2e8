// Redeeming an invitation code when the form opens (the protocol is in
// src/lib/invitation/token.ts): the code goes to the server now, with a
// blinded token; the answers go later, with the unblinded token, never with
// the code. The server's answer is checked against the survey's key as built
// into the page (src/lib/invitation/key.ts), never against a key the server
// hands out now — on a repeated redemption too: a server that gave each
// person a key of their own could recognise their token when the answers
// arrive.
//
// What is kept, and where (docs/anonymity.md, "What the browser keeps"):
// - the token: sessionStorage only, whatever the person chose. It is what
//   answers; it never outlives the browser session.
// - the redemption (the blinded token and what unblinds its answer), from
//   Continue until the answers are confirmed, where the draft is: the session,
//   or this device when the person ticked "this is my own device". The server
//   answers the same redemption again with the same evaluated element, so
//   typing the same code here later gets the same token back. It holds no
//   code, only a hash of it (to recognise the code when typed again): without
//   the slip it is of no use to anyone.
// - while the server's answer is awaited, the code itself, in the session
//   only, so a reload of the tab finishes the redemption without retyping.
// Each expires like a draft.
import { apiFetch, errorOf, responseJson } from "../api-client.ts";
import { systemClock, type Day } from "#lib/clock.ts";
import { sha256Hex } from "#lib/hex.ts";
import type { SpendableToken } from "#lib/invitation/token.ts";
import { parseInvitationCode } from "#lib/invitation/codes.ts";
import { isStale, type DraftPlace } from "./draft.ts";

/** `wrong_key`: the server's answer was not made with the survey's published key; nothing more may be sent. */
export type RedeemFailure = "invalid" | "used" | "closed" | "unavailable" | "rate_limited" | "network" | "wrong_key";

export type RedeemResult = { ok: true; token: SpendableToken } | { ok: false; failure: RedeemFailure; retryAfter?: number };

/** What it takes to ask for one redemption again: the blinded token, and what unblinds its answer. */
interface Redemption {
  publicKey: string;
  blinded: string;
  finalizeData: string;
}

/** A redemption kept until the answers are confirmed: no code, only a hash to recognise it by. */
interface KeptRedemption extends Redemption {
  codeHash: string;
  saved: Day;
}

/** The redemption on its way (session only): with its code, to finish it after a reload. */
interface AwaitedRedemption extends Redemption {
  code: string;
}

const tokenKey = (draftKey: string) => `${draftKey}:token`;
/** The code whose redemption is on its way (session only). */
const awaitedKey = (draftKey: string) => `${draftKey}:redeeming`;
const keptKey = (draftKey: string) => `${draftKey}:redemption`;

function store(place: DraftPlace): Storage | null {
  try {
    return place === "session" ? globalThis.sessionStorage : globalThis.localStorage;
  } catch {
    return null;
  }
}

function readJson<T>(place: DraftPlace, key: string): T | null {
  try {
    const raw = store(place)?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function writeJson(place: DraftPlace, key: string, value: unknown): void {
  try {
    store(place)?.setItem(key, JSON.stringify(value));
  } catch {
    // storage disabled: it lives as long as the page
  }
}

function remove(place: DraftPlace, key: string): void {
  try {
    store(place)?.removeItem(key);
  } catch {
    // nothing to remove
  }
}

/** Not the server's hash of a code (SHA-256 of "survey:code"): nothing kept here matches a stored row. */
function codeHash(surveyId: string, canonical: string): Promise<string> {
  return sha256Hex(`candor:kept-redemption:${surveyId}:${canonical}`);
}

/** The redemption kept for this survey, and where; a stale or damaged one is forgotten. */
function readKept(draftKey: string, today: Day): { kept: KeptRedemption; place: DraftPlace } | null {
  for (const place of ["session", "device"] as const) {
    const kept = readJson<Partial<KeptRedemption>>(place, keptKey(draftKey));
    if (!kept) continue;
    const whole = ["codeHash", "publicKey", "blinded", "finalizeData", "saved"].every(
      (field) => typeof kept[field as keyof KeptRedemption] === "string",
    );
    if (whole && !isStale(kept, today, place)) return { kept: kept as KeptRedemption, place };
    remove(place, keptKey(draftKey));
  }
  return null;
}

/** This session's token for the survey, if the code was redeemed in it. */
export function loadToken(draftKey: string): SpendableToken | null {
  const token = readJson<SpendableToken>("session", tokenKey(draftKey));
  return token && typeof token.input === "string" && typeof token.output === "string" ? token : null;
}

/** Whether this browser keeps a redemption of a code for the survey: typing that code again here gets its token back. */
export function hasKeptRedemption(draftKey: string, today: Day = systemClock.today()): boolean {
  return readKept(draftKey, today) !== null;
}

/** The code of a redemption this tab was waiting for when it was reloaded: finish it without asking again. */
export function awaitedCode(draftKey: string): string | null {
  const code = readJson<Partial<AwaitedRedemption>>("session", awaitedKey(draftKey))?.code;
  return typeof code === "string" && parseInvitationCode(code) !== null ? code : null;
}

/** Moves a kept redemption with the draft: to this device when the person ticks "my own device", back to the session when not. */
export function placeRedemption(draftKey: string, place: DraftPlace, today: Day = systemClock.today()): void {
  const found = readKept(draftKey, today);
  if (!found) return;
  writeJson(place, keptKey(draftKey), { ...found.kept, saved: today });
  if (found.place !== place) remove(found.place, keptKey(draftKey));
}

/** Forgets the token and the redemption, everywhere: the answers were confirmed, or nothing more can come of them. */
export function clearToken(draftKey: string): void {
  remove("session", tokenKey(draftKey));
  remove("session", awaitedKey(draftKey));
  for (const place of ["session", "device"] as const) remove(place, keptKey(draftKey));
}

/**
 * Uses up `code` for a token evaluated under `publicKey`, the survey's key as
 * built into the page. A redemption of the same code kept here (a lost
 * answer, a reloaded tab, a closed one on one's own device) is sent again
 * with the same blinded token, which the server answers with the same
 * evaluated element instead of "code used"; its fresh proof is checked like
 * the first.
 * `place`: where the draft is, and so where the redemption is kept.
 */
export async function redeem(
  surveyId: string,
  draftKey: string,
  code: string,
  publicKey: string,
  place: DraftPlace,
  today: Day = systemClock.today(),
): Promise<RedeemResult> {
  const canonical = parseInvitationCode(code) ?? code.trim();
  // The arithmetic is loaded only here: open surveys never download it.
  const { blindToken, finishToken } = await import("#lib/invitation/client.ts");
  const hash = await codeHash(surveyId, canonical);
  const found = readKept(draftKey, today);
  const awaited = readJson<AwaitedRedemption>("session", awaitedKey(draftKey));
  const ours = found !== null && found.kept.codeHash === hash && found.kept.publicKey === publicKey;
  let redemption: Redemption;
  if (ours) redemption = found.kept;
  else if (awaited?.code === canonical && awaited.publicKey === publicKey) redemption = awaited;
  else redemption = { publicKey, ...(await blindToken(publicKey)) };
  const { blinded, finalizeData } = redemption;
  const keep = () => {
    if (found && found.place !== place) remove(found.place, keptKey(draftKey));
    writeJson(place, keptKey(draftKey), { codeHash: hash, publicKey, blinded, finalizeData, saved: today } satisfies KeptRedemption);
  };
  writeJson("session", awaitedKey(draftKey), { code: canonical, publicKey, blinded, finalizeData } satisfies AwaitedRedemption);
  // Kept before it is sent, so a tab closed meanwhile loses nothing; but a code kept for another
  // redemption (the person's real code, before a typo) is replaced only once this one succeeds.
  if (ours || !found) keep();
  const forget = () => {
    remove("session", awaitedKey(draftKey));
    if (ours || !found) remove(place, keptKey(draftKey));
  };
  const res = await apiFetch(`/api/surveys/${encodeURIComponent(surveyId)}/redeem`, {
    method: "POST",
    json: { code, blinded },
    credentials: "omit",
  });
  if (!res) return { ok: false, failure: "network" };
  if (res.status === 200) {
    try {
      const { evaluation } = (await res.json()) as { evaluation: string };
      const token = await finishToken(publicKey, redemption, evaluation);
      writeJson("session", tokenKey(draftKey), token);
      remove("session", awaitedKey(draftKey));
      keep();
      return { ok: true, token };
    } catch {
      // No proof that holds for the published key: the server used another one,
      // which could single this code out. No token is kept, so no answer can follow.
      forget();
      return { ok: false, failure: "wrong_key" };
    }
  }
  const error = errorOf(res.status, await responseJson(res)).code;
  if (res.status === 429) return { ok: false, failure: "rate_limited", retryAfter: Number(res.headers.get("Retry-After")) || 60 };
  if (error === "invalid_invitation_code" || (res.status === 422 && error === "validation_failed")) {
    forget();
    return { ok: false, failure: "invalid" };
  }
  if (error === "invitation_code_used") {
    forget(); // used with another blinded token: nothing kept here can get it back
    return { ok: false, failure: "used" };
  }
  if (error === "survey_closed" || error === "survey_not_open") {
    forget();
    return { ok: false, failure: "closed" };
  }
  if (res.status === 503) return { ok: false, failure: "unavailable" };
  return { ok: false, failure: "network" };
}
