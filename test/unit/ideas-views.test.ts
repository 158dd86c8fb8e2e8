// Who sees what of one idea (src/lib/ideas/views.ts): the author, the board
// and HR, from the same stored idea, on the same day.
import { describe, expect, it } from "vitest";
import type { IdeaMessage } from "#lib/ideas/model.ts";
import { adminView, boardView, promise, shownVerdict, trackedView, type StoredIdea } from "#lib/ideas/views.ts";

const TODAY = "2026-12-01";
const YESTERDAY = "2026-11-30";

const stored = (more: Partial<StoredIdea> = {}): StoredIdea => ({
  id: "11111111-1111-4111-8111-111111111111",
  category: "process",
  title: "The author's own title",
  body: "The author's own words, which only the author and HR read.",
  publishConsent: true,
  status: "planned",
  receivedOn: "2026-11-20",
  published: true,
  publicTitle: "Moderated title",
  publicBody: "Moderated text.",
  publishedOn: "2026-11-25",
  rewarded: true,
  rewardNote: "Innovation award.",
  duplicateOf: "22222222-2222-4222-8222-222222222222",
  verdict: "not_resolved",
  verdictComment: "Changed my mind today.",
  verdictOn: TODAY,
  verdictBefore: "resolved",
  verdictBeforeComment: "Thanks.",
  verdictBeforeOn: YESTERDAY,
  version: 4,
  ...more,
});

const messages: IdeaMessage[] = [
  { from: "hr", visibility: "public", body: "Public answer.", on: "2026-11-22" },
  { from: "hr", visibility: "private", body: "Private answer.", on: "2026-11-23" },
  { from: "author", visibility: "private", body: "Author's reply yesterday.", on: YESTERDAY },
  { from: "author", visibility: "private", body: "Author's reply today.", on: TODAY },
  { from: "hr", visibility: "public", body: "HR's answer today.", on: TODAY },
];
const parts = { history: [{ status: "planned" as const, on: "2026-11-21", note: null }], messages, supportCount: 5 };

describe("the verdict: a verdict given today shows tomorrow", () => {
  it.each([
    // [verdictOn, verdictBeforeOn, what HR and the board see]
    [TODAY, YESTERDAY, "resolved"], // changed today: the one from before, until tomorrow
    [TODAY, null, null], // first given today: nothing yet
    [YESTERDAY, null, "not_resolved"], // given yesterday: shown
    [null, null, null],
  ] as const)("given on %s, the one before on %s → %s", (on, beforeOn, shown) => {
    const idea = stored({
      verdictOn: on,
      verdict: on ? "not_resolved" : null,
      verdictBeforeOn: beforeOn,
      verdictBefore: beforeOn ? "resolved" : null,
    });
    expect(shownVerdict(idea, TODAY).verdict).toBe(shown);
    expect(boardView(idea, { ...parts, duplicatePublished: false }, TODAY)!.verdict).toBe(shown);
    expect(
      adminView(idea, { ...parts, acknowledgedOn: null, duplicate: null }, { today: TODAY, ackPromiseDays: 7, ideaTextDays: 365 })!.verdict,
    ).toBe(shown);
    // the author sees their own verdict at once
    expect(trackedView(idea, parts, 365).verdict).toBe(idea.verdict);
  });

  it("the next day, today's verdict shows with its comment and day", () => {
    expect(shownVerdict(stored(), "2026-12-02")).toEqual({ verdict: "not_resolved", comment: "Changed my mind today.", on: TODAY });
  });
});

describe("the three readers", () => {
  it("the board: the moderated text, HR's public answers, a link only to a published original; nothing while unpublished", () => {
    const shown = boardView(stored(), { ...parts, duplicatePublished: false }, TODAY)!;
    expect(shown).toMatchObject({ title: "Moderated title", body: "Moderated text.", duplicateOf: null, rewardNote: "Innovation award." });
    expect(shown.answers).toEqual([
      { body: "Public answer.", on: "2026-11-22" },
      { body: "HR's answer today.", on: TODAY },
    ]);
    expect(JSON.stringify(shown)).not.toContain("author's own");
    expect(boardView(stored(), { ...parts, duplicatePublished: true }, TODAY)!.duplicateOf).toBe("22222222-2222-4222-8222-222222222222");
    expect(boardView(stored({ published: false }), { ...parts, duplicatePublished: true }, TODAY)).toBeNull();
  });

  it("the author: every message, their own text, the moderated version only once published, the reward note only while rewarded", () => {
    const mine = trackedView(stored({ published: false, rewarded: false }), parts, 365);
    expect(mine.messages).toEqual(messages);
    expect(mine).toMatchObject({ title: "The author's own title", publicTitle: null, publicBody: null, rewardNote: null });
    expect(mine.textDeletedAfterDays).toBeNull();
  });

  it("after retention emptied the author's words, the author and HR are told, with the term; the board keeps the moderated text", () => {
    const deleted = stored({ title: "", body: "" });
    expect(trackedView(deleted, parts, 90)).toMatchObject({ title: "", textDeletedAfterDays: 90, publicTitle: "Moderated title" });
    expect(
      adminView(deleted, { ...parts, acknowledgedOn: null, duplicate: null }, { today: TODAY, ackPromiseDays: 7, ideaTextDays: 90 }),
    ).toMatchObject({ title: "", textDeletedAfterDays: 90 });
    expect(boardView(deleted, { ...parts, duplicatePublished: false }, TODAY)!.title).toBe("Moderated title");
  });

  it("HR: an idea from before today only; the author's messages from before today, its own at once; the promise's due day", () => {
    const admin = { acknowledgedOn: null, duplicate: null };
    expect(
      adminView(stored({ receivedOn: TODAY }), { ...parts, ...admin }, { today: TODAY, ackPromiseDays: 7, ideaTextDays: 365 }),
    ).toBeNull();
    const seen = adminView(stored(), { ...parts, ...admin }, { today: TODAY, ackPromiseDays: 7, ideaTextDays: 365 })!;
    expect(seen.messages.map((m) => m.body)).toEqual([
      "Public answer.",
      "Private answer.",
      "Author's reply yesterday.",
      "HR's answer today.",
    ]);
    expect(seen).toMatchObject({ dueOn: "2026-11-27", overdue: true, version: 4, title: "The author's own title" });
    expect(promise("2026-11-20", "2026-11-21", TODAY, 7)).toEqual({ dueOn: "2026-11-27", overdue: false });
    expect(promise("2026-11-25", null, TODAY, 7)).toEqual({ dueOn: "2026-12-02", overdue: false });
  });
});
