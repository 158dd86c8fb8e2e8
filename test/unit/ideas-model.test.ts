import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  IDEA_CATEGORIES,
  IDEA_FLOW,
  IDEA_STATUSES,
  LIMITS,
  VERDICTS,
  ZBoardQuery,
  ZIdeaInput,
  ZReplyInput,
  ZSupportInput,
  ZVerdictInput,
  hrHasAnswered,
  isIdeaStatus,
  visibleText,
} from "#lib/ideas/model.ts";
import { hasUnsafeCharacters } from "#lib/text/unsafe-text.ts";

const valid = {
  category: "process",
  title: "Shorter escalation path",
  body: "Escalations wait too long for a supervisor.",
  publishConsent: false,
};

describe("idea vocabulary", () => {
  it("has the programme's categories and statuses, in flow order", () => {
    expect(IDEA_CATEGORIES).toEqual(["reward_policy", "process", "training", "tools", "team", "other"]);
    expect(IDEA_FLOW).toEqual(["received", "under_review", "planned", "in_progress", "done"]);
    expect(IDEA_STATUSES).toEqual([...IDEA_FLOW, "declined", "duplicate"]);
    expect(isIdeaStatus("planned")).toBe(true);
    expect(isIdeaStatus("archived")).toBe(false);
  });

  it("matches the CHECK constraints of the migration, so the database and the schemas agree", () => {
    const sql = readFileSync(new URL("../../migrations/0003_create_ideas.sql", import.meta.url), "utf8");
    const list = (column: string) =>
      [...sql.matchAll(new RegExp(`CHECK \\(${column} IN \\(([^)]*)\\)\\)`, "g"))].map((m) =>
        m[1]!.split(",").map((s) => s.trim().replace(/'/g, "")),
      );
    expect(list("category")).toEqual([[...IDEA_CATEGORIES]]);
    for (const statuses of list("status")) expect(statuses).toEqual([...IDEA_STATUSES]);
    expect(list("verdict")).toEqual([[...VERDICTS]]);
  });
});

describe("idea input schema", () => {
  it("accepts a plain idea and an optional locale", () => {
    expect(ZIdeaInput.parse(valid)).toEqual(valid);
    expect(ZIdeaInput.parse({ ...valid, locale: "zh-cn" }).locale).toBe("zh-cn");
  });

  it("keeps text exactly as sent, whitespace and all", () => {
    fc.assert(
      fc.property(fc.string({ minLength: LIMITS.bodyMin + 2, maxLength: 200 }), (body) => {
        fc.pre(visibleText(body).length >= LIMITS.bodyMin && !hasUnsafeCharacters(body));
        expect(ZIdeaInput.parse({ ...valid, body }).body).toBe(body);
      }),
    );
  });

  it("enforces each field's own limits", () => {
    expect(ZIdeaInput.safeParse({ ...valid, title: "x".repeat(LIMITS.titleMax) }).success).toBe(true);
    expect(ZIdeaInput.safeParse({ ...valid, title: "x".repeat(LIMITS.titleMax + 1) }).success).toBe(false);
    expect(ZIdeaInput.safeParse({ ...valid, body: "x".repeat(LIMITS.bodyMax + 1) }).success).toBe(false);
    expect(ZIdeaInput.safeParse({ ...valid, title: "  a  " }).success).toBe(false);
    expect(ZIdeaInput.safeParse({ ...valid, body: " ".repeat(50) }).success).toBe(false);
  });

  it("does not count invisible format characters towards a minimum, but stores them verbatim", () => {
    // direction marks, not overrides: those are refused (test/unit/unsafe-text.test.ts)
    const invisible = "\u200B\u200C\u200D\u2060\uFEFF\u200E\u200F\u00AD";
    expect(ZIdeaInput.safeParse({ ...valid, title: `a${invisible.repeat(3)}b` }).success).toBe(false);
    expect(ZIdeaInput.safeParse({ ...valid, body: `ok${"\u200B".repeat(40)}` }).success).toBe(false);
    expect(ZReplyInput.safeParse({ receipt: "K7Q2", body: "\u200B\u200D" }).success).toBe(false);
    const title = `a\u200Bb\u200Fc`;
    expect(ZIdeaInput.parse({ ...valid, title }).title).toBe(title);
  });

  it("refuses unknown fields, so no server-owned value can be smuggled in", () => {
    for (const extra of [{ status: "done" }, { receivedOn: "2026-01-01" }, { published: true }, { id: "x" }]) {
      expect(ZIdeaInput.safeParse({ ...valid, ...extra }).success).toBe(false);
    }
  });
});

describe("follow-up schemas", () => {
  it("bound receipts, replies, verdicts and support tokens", () => {
    expect(ZReplyInput.safeParse({ receipt: "K7Q2-9XMD-4TRB-0HZE", body: "ok" }).success).toBe(true);
    expect(ZReplyInput.safeParse({ receipt: "x".repeat(65), body: "ok" }).success).toBe(false);
    expect(ZReplyInput.safeParse({ receipt: "K7Q2", body: "x".repeat(LIMITS.replyMax + 1) }).success).toBe(false);
    expect(ZVerdictInput.safeParse({ receipt: "K7Q2", verdict: "resolved" }).success).toBe(true);
    expect(ZVerdictInput.safeParse({ receipt: "K7Q2", verdict: "done" }).success).toBe(false);
    expect(ZSupportInput.safeParse({ token: "a".repeat(LIMITS.supportTokenMin) }).success).toBe(true);
    expect(ZSupportInput.safeParse({ token: "a".repeat(LIMITS.supportTokenMin - 1) }).success).toBe(false);
    expect(ZSupportInput.safeParse({ token: `${"a".repeat(20)} ` }).success).toBe(false);
    expect(ZBoardQuery.safeParse({ status: "done", category: "tools", sort: "support" }).success).toBe(true);
    expect(ZBoardQuery.safeParse({ page: "2" }).success).toBe(false);
  });
});

describe("hrHasAnswered", () => {
  it("is true once HR closed the idea or wrote to its author, whatever the status", () => {
    for (const status of IDEA_STATUSES) {
      const closed = ["done", "declined", "duplicate"].includes(status);
      expect(hrHasAnswered(status, 0), status).toBe(closed);
      expect(hrHasAnswered(status, 1), status).toBe(true);
    }
  });
});
