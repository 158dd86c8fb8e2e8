// What the survey form does with a draft it finds in the browser.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DRAFT_MAX_DAYS, isStale, loadDraft, saveDraft, startAction } from "../../src/components/surveys/draft.ts";

describe("on arrival", () => {
  it("delivers a pending send whatever the survey's status looked like: the server decides", () => {
    for (const status of ["upcoming", "open", "closed"] as const) expect(startAction({ pending: true }, status)).toBe("deliver");
  });

  it("otherwise follows the status the server gave", () => {
    expect(startAction({}, "upcoming")).toBe("upcoming");
    expect(startAction({}, "open")).toBe("fill");
    expect(startAction({ pending: false }, "open")).toBe("fill");
    expect(startAction({}, "closed")).toBe("closed");
  });

  it(`forgets an unsent draft after ${DRAFT_MAX_DAYS} days, never a pending send`, () => {
    expect(isStale({ saved: "2026-11-01" }, "2026-12-01")).toBe(false); // 30 days
    expect(isStale({ saved: "2026-11-01" }, "2026-12-02")).toBe(true);
    expect(isStale({ saved: "2026-01-01", pending: true }, "2026-12-02")).toBe(false);
  });
});

describe("loadDraft / saveDraft", () => {
  const store = new Map<string, string>();
  beforeEach(() => {
    store.clear();
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it("stamps the day it was saved, resumes a recent draft and drops a stale one", () => {
    const draft = { submissionId: "abcdefghijklmnop", data: { satisfaction: 4 }, pageNo: 1 };
    saveDraft("k", draft, "2026-11-30");
    const saved = JSON.parse(store.get("k")!);
    expect(saved.saved).toBe("2026-11-30");
    expect(loadDraft("k", saved.saved)).toMatchObject({
      resumed: true,
      draft: { submissionId: "abcdefghijklmnop", data: { satisfaction: 4 } },
    });
    store.set("k", JSON.stringify({ ...saved, saved: "2026-01-01" }));
    const later = loadDraft("k", "2026-03-01");
    expect(later.resumed).toBe(false);
    expect(later.draft.submissionId).not.toBe("abcdefghijklmnop");
    expect(later.draft.data).toEqual({});
    expect(store.has("k")).toBe(false);
    // a pending send is kept however old
    store.set("k", JSON.stringify({ ...saved, saved: "2026-01-01", pending: true }));
    expect(loadDraft("k", "2026-03-01")).toMatchObject({ resumed: true, draft: { pending: true, submissionId: "abcdefghijklmnop" } });
  });
});
