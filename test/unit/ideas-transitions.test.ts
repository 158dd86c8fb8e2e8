// The transition module alone: (idea, intent) → (next state, history row,
// audit rows) or a refusal, table by table. The HTTP side of the same rules
// is test/integration/admin-ideas.test.ts.
import { describe, expect, it } from "vitest";
import { IDEA_STATUSES, STATUS_TRANSITIONS, type IdeaStatus } from "#lib/ideas/vocabulary.ts";
import {
  INTENT_TABLE,
  decide,
  isRefusal,
  nextStatus,
  type Change,
  type IdeaFacts,
  type Intent,
  type Refusal,
} from "#lib/ideas/transitions.ts";

const TODAY = "2026-12-01";
const ID = "11111111-1111-4111-8111-111111111111";
const ORIGINAL = "22222222-2222-4222-8222-222222222222";

function ideaIn(status: IdeaStatus, more: Partial<IdeaFacts> = {}): IdeaFacts {
  return {
    id: ID,
    publishConsent: true,
    status,
    published: false,
    publicTitle: null,
    publicBody: null,
    publishedOn: null,
    rewarded: false,
    rewardNote: null,
    duplicateOf: status === "duplicate" ? ORIGINAL : null,
    ...more,
  };
}

const changed = (outcome: Change | Refusal): Change => {
  if (isRefusal(outcome)) throw new Error(`refused: ${outcome.code} ${outcome.message}`);
  return outcome;
};
const refused = (outcome: Change | Refusal): Refusal => {
  if (!isRefusal(outcome)) throw new Error(`not refused: ${JSON.stringify(outcome.audit)}`);
  return outcome;
};

describe("the status table (from × to)", () => {
  // every pair: allowed exactly where STATUS_TRANSITIONS says, never to itself, never to duplicate without an original
  const pairs = IDEA_STATUSES.flatMap((from) => IDEA_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)("%s → %s", (from, to) => {
    const outcome = decide(ideaIn(from), { kind: "status", to, note: "Why." }, TODAY);
    if (to === from) {
      expect(refused(outcome)).toMatchObject({ status: 422, code: "invalid_transition", fields: { status: "Choose another status." } });
    } else if (to === "duplicate") {
      expect(refused(outcome)).toMatchObject({ status: 422, code: "validation_failed" });
    } else if (STATUS_TRANSITIONS[from].includes(to)) {
      const change = changed(outcome);
      expect(change.next.status).toBe(to);
      expect(change.history).toEqual({ status: to, note: "Why." });
      expect(change.audit.at(-1)).toEqual({ action: "idea.status", detail: { from, to, note: "Why." } });
      expect(nextStatus(from, { kind: "status", to })).toBe(to);
    } else {
      const refusal = refused(outcome);
      expect(refusal).toMatchObject({ status: 422, code: "invalid_transition", message: `An idea cannot move from ${from} to ${to}.` });
      expect(refusal.fields!.status).toBe(`From ${from}: ${STATUS_TRANSITIONS[from].join(", ")}.`);
      expect(nextStatus(from, { kind: "status", to })).toBe("refused");
    }
  });

  it("nothing goes back to received, and closed ideas only reopen for review", () => {
    for (const from of IDEA_STATUSES)
      expect(refused(decide(ideaIn(from), { kind: "status", to: "received" }, TODAY)).code).toBe("invalid_transition");
    for (const from of ["done", "declined"] as const) {
      for (const to of ["planned", "in_progress"] as const)
        expect(isRefusal(decide(ideaIn(from), { kind: "status", to }, TODAY))).toBe(true);
    }
  });

  it("a note of blanks and invisible characters is no note; a move out of duplicate ends the link, audited before the move", () => {
    expect(changed(decide(ideaIn("received"), { kind: "status", to: "planned", note: " \u200B " }, TODAY)).history).toEqual({
      status: "planned",
      note: null,
    });
    const reopened = changed(decide(ideaIn("duplicate"), { kind: "status", to: "under_review" }, TODAY));
    expect(reopened.next).toMatchObject({ status: "under_review", duplicateOf: null });
    expect(reopened.audit.map((a) => a.action)).toEqual(["idea.duplicate.clear", "idea.status"]);
    expect(reopened.audit[0]!.detail).toEqual({ was: ORIGINAL });
  });
});

describe("the intent table (from × duplicate, unduplicate, publish, unpublish, reward, unreward)", () => {
  const original = { id: ORIGINAL, status: "planned" as IdeaStatus, duplicateOf: null };
  const intents: Record<keyof (typeof INTENT_TABLE)["received"], Intent> = {
    duplicate: { kind: "duplicate", of: ORIGINAL, original },
    unduplicate: { kind: "unduplicate" },
    publish: { kind: "publish", title: "A fair title", body: "A moderated text, long enough." },
    unpublish: { kind: "unpublish" },
    reward: { kind: "reward", note: "Innovation award." },
    unreward: { kind: "unreward" },
  };
  const cells = IDEA_STATUSES.flatMap((from) => Object.keys(intents).map((kind) => [from, kind as keyof typeof intents] as const));
  it.each(cells)("%s × %s: where the table says", (from, kind) => {
    // a duplicate already linked to this original: relinking leaves it; the others start unlinked
    const idea = ideaIn(from, {
      published: true,
      publicTitle: "t",
      publicBody: "b",
      publishedOn: "2026-11-01",
      rewarded: true,
      rewardNote: "n",
    });
    const outcome = decide(idea, intents[kind], TODAY);
    const expected = INTENT_TABLE[from][kind];
    if (expected === "refused") {
      expect(refused(outcome)).toMatchObject({
        status: 422,
        code: "invalid_transition",
        message: `An idea cannot move from ${from} to duplicate.`,
      });
      return;
    }
    const change = changed(outcome);
    const to = expected === "stays" ? from : expected;
    expect(change.next.status).toBe(to);
    expect(change.history === null).toBe(to === from);
    expect(nextStatus(from, { kind })).toBe(to);
  });

  it("marking a duplicate links it and moves it (audited link then move, with the note); relinking a duplicate keeps its status", () => {
    const marked = changed(
      decide(ideaIn("under_review"), { kind: "duplicate", of: ORIGINAL.toUpperCase(), original, note: "Same as the board's." }, TODAY),
    );
    expect(marked.next).toMatchObject({ status: "duplicate", duplicateOf: ORIGINAL });
    expect(marked.history).toEqual({ status: "duplicate", note: "Same as the board's." });
    expect(marked.audit.map((a) => [a.action, a.detail])).toEqual([
      ["idea.duplicate", { of: ORIGINAL }],
      ["idea.status", { from: "under_review", to: "duplicate", note: "Same as the board's." }],
    ]);
    const other = "33333333-3333-4333-8333-333333333333";
    const relinked = changed(decide(ideaIn("duplicate"), { kind: "duplicate", of: other, original: { ...original, id: other } }, TODAY));
    expect(relinked).toEqual({
      next: expect.objectContaining({ status: "duplicate", duplicateOf: other }),
      history: null,
      audit: [{ action: "idea.duplicate", detail: { of: other } }],
    });
    // the same link again changes nothing
    expect(changed(decide(ideaIn("duplicate"), { kind: "duplicate", of: ORIGINAL, original }, TODAY)).audit).toEqual([]);
  });

  it("refuses a duplicate of itself, of an unknown idea and of a duplicate (link to its original instead)", () => {
    const idea = ideaIn("received");
    expect(
      refused(decide(idea, { kind: "duplicate", of: ID, original: { id: ID, status: "received", duplicateOf: null } }, TODAY)),
    ).toMatchObject({
      code: "validation_failed",
      fields: { duplicateOf: "Choose another idea." },
    });
    expect(refused(decide(idea, { kind: "duplicate", of: ORIGINAL, original: null }, TODAY))).toMatchObject({
      code: "validation_failed",
      fields: { duplicateOf: "No idea with this id." },
    });
    const third = "33333333-3333-4333-8333-333333333333";
    expect(
      refused(
        decide(idea, { kind: "duplicate", of: ORIGINAL, original: { id: ORIGINAL, status: "duplicate", duplicateOf: third } }, TODAY),
      ),
    ).toMatchObject({
      code: "validation_failed",
      fields: { duplicateOf: `Link to ${third} instead.` },
    });
  });

  it("ending a link reopens a duplicate for review; without a link it changes nothing", () => {
    const cleared = changed(decide(ideaIn("duplicate"), { kind: "unduplicate" }, TODAY));
    expect(cleared.next).toMatchObject({ status: "under_review", duplicateOf: null });
    expect(cleared.audit.map((a) => a.action)).toEqual(["idea.duplicate.clear", "idea.status"]);
    expect(changed(decide(ideaIn("planned"), { kind: "unduplicate" }, TODAY)).audit).toEqual([]);
  });

  it("publication: only with consent (409), not with identifying details unless confirmed (422 with spans), dated the first day", () => {
    const publish: Intent = { kind: "publish", title: "Night shift handover", body: "Call me on 138 0013 8000 about it." };
    expect(refused(decide(ideaIn("received", { publishConsent: false }), publish, TODAY))).toMatchObject({
      status: 409,
      code: "no_publish_consent",
    });
    const spans = refused(decide(ideaIn("received"), publish, TODAY));
    expect(spans).toMatchObject({ status: 422, code: "identifying_details" });
    expect(Object.keys(spans.fields!)).toEqual(["publish.body"]);
    expect((spans.details!.spans as { kind: string }[]).map((s) => s.kind)).toEqual(["phone"]);
    const first = changed(decide(ideaIn("received"), { ...publish, confirm: true }, TODAY));
    expect(first.next).toMatchObject({ published: true, publicTitle: publish.title, publicBody: publish.body, publishedOn: TODAY });
    expect(first.audit).toEqual([{ action: "idea.publish", detail: { title: publish.title, confirmedIdentifying: ["phone"] } }]);
    // republished: the moderated text changes, the day it first went on the board stays
    const again = changed(
      decide(
        ideaIn("done", { published: true, publishedOn: "2026-11-02" }),
        { kind: "publish", title: "New title", body: "A new moderated body." },
        TODAY,
      ),
    );
    expect(again.next).toMatchObject({ publishedOn: "2026-11-02", publicTitle: "New title" });
    expect(again.audit).toEqual([{ action: "idea.publish", detail: { title: "New title" } }]);
  });

  it("unpublishing keeps the moderated text (to publish again) and is a change only when published; so is taking a reward back", () => {
    const off = changed(
      decide(
        ideaIn("planned", { published: true, publicTitle: "t", publicBody: "b", publishedOn: "2026-11-02" }),
        { kind: "unpublish" },
        TODAY,
      ),
    );
    expect(off.next).toMatchObject({ published: false, publishedOn: null, publicTitle: "t", publicBody: "b" });
    expect(off.audit).toEqual([{ action: "idea.unpublish" }]);
    expect(changed(decide(ideaIn("planned"), { kind: "unpublish" }, TODAY)).audit).toEqual([]);
    const rewarded = changed(decide(ideaIn("done"), { kind: "reward", note: "A day off." }, TODAY));
    expect(rewarded.next).toMatchObject({ rewarded: true, rewardNote: "A day off.", status: "done" });
    expect(rewarded.audit).toEqual([{ action: "idea.reward", detail: { note: "A day off." } }]);
    const taken = changed(decide(ideaIn("done", { rewarded: true, rewardNote: "A day off." }), { kind: "unreward" }, TODAY));
    expect(taken.next).toMatchObject({ rewarded: false, rewardNote: null });
    expect(taken.audit).toEqual([{ action: "idea.unreward" }]);
    expect(changed(decide(ideaIn("done"), { kind: "unreward" }, TODAY)).audit).toEqual([]);
  });

  it("the intent table agrees with the status table: marking a duplicate is allowed exactly where a move to duplicate is", () => {
    for (const from of IDEA_STATUSES) {
      if (from === "duplicate") continue;
      expect(INTENT_TABLE[from].duplicate === "duplicate", from).toBe(STATUS_TRANSITIONS[from].includes("duplicate"));
    }
  });
});
