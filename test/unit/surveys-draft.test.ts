// What the survey form keeps in the browser, and for how long: the session
// by default, this device only by choice, the token never past the session,
// and every draft — a pending send too — expires.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DRAFT_MAX_DAYS, clearDraft, isStale, loadDraft, saveDraft, startAction } from "#components/surveys/draft.ts";
import { awaitedCode, clearToken, hasKeptRedemption, loadToken, placeRedemption } from "#components/surveys/redeem.ts";

describe("on arrival", () => {
  it("delivers a pending send whatever the survey's status looked like: the server decides", () => {
    for (const status of ["upcoming", "open", "closed"] as const) expect(startAction({ pending: true }, status)).toBe("deliver");
  });

  it("otherwise follows the status the server gave", () => {
    expect(startAction({}, "upcoming")).toBe("upcoming");
    expect(startAction({ pending: false }, "open")).toBe("fill");
    expect(startAction({}, "closed")).toBe("closed");
  });

  it(`expires every draft, a pending send too: ${DRAFT_MAX_DAYS.session} day in the session, ${DRAFT_MAX_DAYS.device} on one's own device`, () => {
    expect(isStale({ saved: "2026-11-30" }, "2026-12-01", "session")).toBe(false);
    expect(isStale({ saved: "2026-11-29" }, "2026-12-01", "session")).toBe(true);
    expect(isStale({ saved: "2026-11-17" }, "2026-12-01", "device")).toBe(false); // 14 days
    expect(isStale({ saved: "2026-11-16" }, "2026-12-01", "device")).toBe(true);
    expect(isStale({ saved: "2026-01-01" }, "2026-12-02", "device")).toBe(true);
    expect(isStale({}, "2026-12-02", "device")).toBe(true);
  });
});

describe("where drafts and tokens are kept", () => {
  const stores = { local: new Map<string, string>(), session: new Map<string, string>() };
  const fake = (store: Map<string, string>) => ({
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  });
  beforeEach(() => {
    stores.local.clear();
    stores.session.clear();
    Object.assign(globalThis, { localStorage: fake(stores.local), sessionStorage: fake(stores.session) });
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
    delete (globalThis as { sessionStorage?: unknown }).sessionStorage;
  });

  const draft = () => ({ submissionId: "abcdefghijklmnop", data: { satisfaction: 4 }, pageNo: 1 });

  it("keeps a draft in the session by default, never on the device", () => {
    saveDraft("k", draft(), "session", "2026-11-30");
    expect(stores.local.size).toBe(0);
    expect(JSON.parse(stores.session.get("k")!)).toMatchObject({ saved: "2026-11-30", data: { satisfaction: 4 } });
    expect(loadDraft("k", "2026-11-30")).toMatchObject({ resumed: true, place: "session", draft: { submissionId: "abcdefghijklmnop" } });
  });

  it("keeps it on the device only when the person chose so, moving it there (and back) whole", () => {
    saveDraft("k", draft(), "device", "2026-11-30");
    expect(stores.session.has("k")).toBe(false);
    expect(loadDraft("k", "2026-12-10")).toMatchObject({ resumed: true, place: "device" });
    saveDraft("k", draft(), "session", "2026-11-30");
    expect(stores.local.has("k")).toBe(false);
  });

  it("forgets a stale draft wherever it is, a pending send included, and starts afresh", () => {
    saveDraft("k", { ...draft(), pending: true }, "device", "2026-11-01");
    const later = loadDraft("k", "2026-11-30");
    expect(later.resumed).toBe(false);
    expect(later.draft.submissionId).not.toBe("abcdefghijklmnop");
    expect(stores.local.has("k")).toBe(false);
    clearDraft("k");
  });

  it("never writes the token to the device, even with the draft there, and forgets it with the session", () => {
    stores.session.set("k:token", JSON.stringify({ input: "a".repeat(64), output: "b".repeat(128) }));
    stores.session.set("k:redeeming", "{}");
    saveDraft("k", draft(), "device", "2026-11-30");
    expect([...stores.local.values()].join()).not.toContain("a".repeat(64));
    expect(JSON.parse(stores.local.get("k")!)).not.toHaveProperty("token");
    expect(loadToken("k")).toEqual({ input: "a".repeat(64), output: "b".repeat(128) });
    stores.session.clear(); // the browser session ends
    expect(loadToken("k")).toBeNull();
    stores.session.set("k:token", "{}");
    clearToken("k");
    expect(stores.session.size).toBe(0);
  });

  const kept = (saved: string) => ({
    codeHash: "c".repeat(64),
    publicKey: "d".repeat(64),
    blinded: "e".repeat(64),
    finalizeData: "f",
    saved,
  });

  it("keeps a code's redemption where the draft is: moved to the device only by the person's choice, and back", () => {
    stores.session.set("k:redemption", JSON.stringify(kept("2026-11-30")));
    expect(hasKeptRedemption("k", "2026-11-30")).toBe(true);
    expect(stores.local.size).toBe(0);
    placeRedemption("k", "device", "2026-12-01");
    expect(stores.session.has("k:redemption")).toBe(false);
    expect(JSON.parse(stores.local.get("k:redemption")!)).toEqual(kept("2026-12-01"));
    placeRedemption("k", "session", "2026-12-01");
    expect(stores.local.size).toBe(0);
    expect(stores.session.has("k:redemption")).toBe(true);
  });

  it(`expires a kept redemption like a draft: ${DRAFT_MAX_DAYS.session} day in the session, ${DRAFT_MAX_DAYS.device} on the device`, () => {
    stores.local.set("k:redemption", JSON.stringify(kept("2026-11-17")));
    expect(hasKeptRedemption("k", "2026-12-01")).toBe(true);
    expect(hasKeptRedemption("k", "2026-12-02")).toBe(false);
    expect(stores.local.has("k:redemption")).toBe(false); // forgotten, not only ignored
    stores.session.set("k:redemption", JSON.stringify(kept("2026-11-29")));
    expect(hasKeptRedemption("k", "2026-12-01")).toBe(false);
    // damaged: forgotten too
    stores.local.set("k:redemption", JSON.stringify({ ...kept("2026-12-01"), blinded: 7 }));
    expect(hasKeptRedemption("k", "2026-12-01")).toBe(false);
    expect(stores.local.size).toBe(0);
  });

  it("finishes after a reload only a redemption this session was waiting for, and forgets everything once the answers are in", () => {
    expect(awaitedCode("k")).toBeNull();
    stores.session.set("k:redeeming", JSON.stringify({ code: "7KQ2-M9XD-4RTB", publicKey: "d", blinded: "e", finalizeData: "f" }));
    expect(awaitedCode("k")).toBe("7KQ2-M9XD-4RTB");
    stores.session.set("k:redeeming", JSON.stringify({ code: "<not a code>" }));
    expect(awaitedCode("k")).toBeNull();
    stores.session.set("k:token", "{}");
    stores.session.set("k:redemption", JSON.stringify(kept("2026-11-30")));
    stores.local.set("k:redemption", JSON.stringify(kept("2026-11-30")));
    clearToken("k");
    expect([stores.session.size, stores.local.size]).toEqual([0, 0]);
  });
});
