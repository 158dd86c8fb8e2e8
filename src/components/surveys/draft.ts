// The draft a person is filling in, kept in localStorage so a reload or a
// closed tab loses nothing, together with the submissionId that makes every
// resend of it idempotent. Deleted once the server has confirmed receipt.
//
// The draft's age is this browser's own business: it is measured on this
// browser's clock (shared PCs forget unsent answers after real days). Whether
// the survey is open is not: that comes from the server (./status.ts).
import { daysBetween, systemClock, type Day } from "../../lib/clock.ts";
import { toHex } from "../../lib/hex.ts";
import type { SurveyStatus } from "../../lib/surveys/schema.ts";

export interface Draft {
  submissionId: string;
  data: Record<string, unknown>;
  pageNo: number;
  token?: string;
  /** Sent (or being sent) but not yet confirmed: resend on the next visit. */
  pending?: boolean;
  /** UTC day of the last save: unsent drafts are forgotten after DRAFT_MAX_DAYS (shared PCs). */
  saved?: string;
}

/** How long an unsent draft is kept in this browser. */
export const DRAFT_MAX_DAYS = 30;

/** A draft not saved for DRAFT_MAX_DAYS is stale — unless it is a pending send, which only the server may refuse. */
export function isStale(draft: Pick<Draft, "saved" | "pending">, today: Day): boolean {
  if (draft.pending || !draft.saved) return false;
  return daysBetween(draft.saved, today) > DRAFT_MAX_DAYS;
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

export function loadDraft(key: string, today: Day = systemClock.today()): { draft: Draft; resumed: boolean } {
  try {
    const raw = localStorage.getItem(key);
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<Draft>;
      if (isStale({ saved: typeof parsed.saved === "string" ? parsed.saved : undefined, pending: parsed.pending === true }, today)) {
        localStorage.removeItem(key);
      } else if (typeof parsed.submissionId === "string" && parsed.data && typeof parsed.data === "object") {
        return {
          draft: {
            submissionId: parsed.submissionId,
            data: parsed.data,
            pageNo: Number.isInteger(parsed.pageNo) ? parsed.pageNo! : 0,
            token: typeof parsed.token === "string" ? parsed.token : undefined,
            pending: parsed.pending === true,
            saved: typeof parsed.saved === "string" ? parsed.saved : undefined,
          },
          resumed: Object.keys(parsed.data).length > 0 || parsed.pending === true,
        };
      }
    }
  } catch {
    // storage disabled or corrupt: start afresh
  }
  return { draft: { submissionId: newSubmissionId(), data: {}, pageNo: 0 }, resumed: false };
}

export function saveDraft(key: string, draft: Draft, today: Day = systemClock.today()): void {
  draft.saved = today;
  try {
    localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // private mode or quota: the form still works, only resuming doesn't
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // nothing to clear
  }
}
