// The draft a person is filling in, with the submissionId that makes every
// resend of it idempotent. Deleted once the server has confirmed receipt.
//
// Shared PCs are the rule in a contact centre, so by default a draft lives
// in sessionStorage: it survives a reload or a lost connection, and goes when
// the browser session ends. Keeping it across visits (localStorage) is an
// explicit choice on the form, "this is my own device". The invitation token
// is never part of a draft and never leaves sessionStorage (./redeem.ts).
// Every draft expires, a pending send too: the next person at the same PC
// must never resume, or send, the first person's answers.
//
// The draft's age is measured on this browser's clock: it is this browser's
// own business. Whether the survey is open is not: that comes from the
// server (./status.ts).
import { daysBetween, systemClock, type Day } from "#lib/clock.ts";
import { toHex } from "#lib/hex.ts";
import type { SurveyStatus } from "#lib/surveys/schema.ts";

export interface Draft {
  submissionId: string;
  data: Record<string, unknown>;
  pageNo: number;
  /** Sent (or being sent) but not yet confirmed: resend on the next visit. */
  pending?: boolean;
  /** UTC day of the last save. */
  saved?: Day;
}

/** Where a draft is kept: the browser session (default) or this device, by the person's choice. */
export type DraftPlace = "session" | "device";

/** How long a draft is kept: a day in the session (a tab restored days later starts afresh), two weeks on one's own device. */
export const DRAFT_MAX_DAYS: Record<DraftPlace, number> = { session: 1, device: 14 };

/** Whether a draft saved on `saved` is too old to resume on `today` — pending sends included. */
export function isStale(draft: Pick<Draft, "saved">, today: Day, place: DraftPlace): boolean {
  if (!draft.saved) return true;
  return daysBetween(draft.saved, today) > DRAFT_MAX_DAYS[place];
}

/**
 * What the form does on arrival. A pending send is delivered whatever the
 * survey's status looked like (the server knows whether the survey is still
 * open and answers a stored one with 200); otherwise the status the server
 * gave decides, and a closed survey's draft is deleted.
 */
export function startAction(draft: Pick<Draft, "pending">, status: SurveyStatus): "deliver" | "upcoming" | "closed" | "fill" {
  if (draft.pending) return "deliver";
  if (status === "open") return "fill";
  return status;
}

export function draftKey(surveyId: string, version: number): string {
  return `candor:survey:${surveyId}:v${version}`;
}

function newSubmissionId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

function storage(place: DraftPlace): Storage | null {
  try {
    return place === "session" ? globalThis.sessionStorage : globalThis.localStorage;
  } catch {
    return null; // storage disabled
  }
}

function read(place: DraftPlace, key: string, today: Day): Draft | null {
  const store = storage(place);
  try {
    const raw = store?.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Draft>;
    const saved = typeof parsed.saved === "string" ? parsed.saved : undefined;
    if (isStale({ saved }, today, place) || typeof parsed.submissionId !== "string" || !parsed.data || typeof parsed.data !== "object") {
      store!.removeItem(key);
      return null;
    }
    return {
      submissionId: parsed.submissionId,
      data: parsed.data,
      pageNo: Number.isInteger(parsed.pageNo) ? parsed.pageNo! : 0,
      pending: parsed.pending === true,
      saved,
    };
  } catch {
    return null; // corrupt: start afresh
  }
}

/** The draft to continue: this session's, else one kept on this device by choice, else a fresh one. */
export function loadDraft(key: string, today: Day = systemClock.today()): { draft: Draft; resumed: boolean; place: DraftPlace } {
  for (const place of ["session", "device"] as const) {
    const draft = read(place, key, today);
    if (draft) return { draft, resumed: Object.keys(draft.data).length > 0 || draft.pending === true, place };
  }
  return { draft: { submissionId: newSubmissionId(), data: {}, pageNo: 0 }, resumed: false, place: "session" };
}

/** Saves where the person chose, and nowhere else. */
export function saveDraft(key: string, draft: Draft, place: DraftPlace, today: Day = systemClock.today()): void {
  draft.saved = today;
  try {
    storage(place)?.setItem(key, JSON.stringify(draft));
    storage(place === "session" ? "device" : "session")?.removeItem(key);
  } catch {
    // private mode or quota: the form still works, only resuming doesn't
  }
}

export function clearDraft(key: string): void {
  for (const place of ["session", "device"] as const) {
    try {
      storage(place)?.removeItem(key);
    } catch {
      // nothing to clear
    }
  }
}

/**
 * Whether this browser holds anything for this survey — a draft, a pending
 * send, or state kept beside them under the same key — in either storage.
 * The survey page then loads the form at once instead of waiting for Start.
 */
export function hasStoredDraft(key: string): boolean {
  for (const name of ["localStorage", "sessionStorage"] as const) {
    try {
      const store = globalThis[name];
      for (let i = 0; i < store.length; i++) {
        const stored = store.key(i);
        if (stored === key || stored?.startsWith(`${key}:`)) return true;
      }
    } catch {
      // storage disabled: nothing kept
    }
  }
  return false;
}
