// The draft a person is filling in, kept in localStorage so a reload or a
// closed tab loses nothing, together with the submissionId that makes every
// resend of it idempotent. Deleted once the server has confirmed receipt.

export interface Draft {
  submissionId: string;
  data: Record<string, unknown>;
  pageNo: number;
  token?: string;
  /** Sent (or being sent) but not yet confirmed: resend on the next visit. */
  pending?: boolean;
}

export function draftKey(surveyId: string, version: number): string {
  return `candor:survey:${surveyId}:v${version}`;
}

function newSubmissionId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function loadDraft(key: string): { draft: Draft; resumed: boolean } {
  try {
    const raw = localStorage.getItem(key);
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<Draft>;
      if (typeof parsed.submissionId === "string" && parsed.data && typeof parsed.data === "object") {
        return {
          draft: {
            submissionId: parsed.submissionId,
            data: parsed.data,
            pageNo: Number.isInteger(parsed.pageNo) ? parsed.pageNo! : 0,
            token: typeof parsed.token === "string" ? parsed.token : undefined,
            pending: parsed.pending === true,
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

export function saveDraft(key: string, draft: Draft): void {
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
