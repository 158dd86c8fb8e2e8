// One rule for every free text anyone sends (src/lib/text/unsafe-text.ts): control
// characters and direction overrides are refused, by the survey answers and
// by every text field of the suggestion box alike.
import { describe, expect, it } from "vitest";
import {
  ZAdminMessageInput,
  ZIdeaInput,
  ZPublicationIntent,
  ZReplyInput,
  ZRewardIntent,
  ZStatusIntent,
  ZVerdictInput,
} from "#lib/ideas/model.ts";
import { validateAnswers } from "#lib/surveys/validate.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";
import { hasUnsafeCharacters } from "#lib/text/unsafe-text.ts";

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
/** NUL, the other C0 controls but tab and line breaks, DEL, C1, the bidi embeddings/overrides and isolates. */
const REFUSED = [
  ...range(0x00, 0x08),
  "\u000B",
  "\u000C",
  ...range(0x0e, 0x1f),
  ...range(0x7f, 0x9f),
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
];
const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

describe("hasUnsafeCharacters", () => {
  it("refuses every control character but tab and line breaks, and every direction override and isolate", () => {
    for (const c of REFUSED) expect(hasUnsafeCharacters(`before${c}after`), hex(c)).toBe(true);
  });

  it("allows tab, line breaks, zero-width and other invisible characters, marks, CJK and emoji", () => {
    for (const text of ["a\tb", "a\nb\r\nc", "a\u200Bb\u200C\u200D\u2060\uFEFF\u00AD", "\u200E\u200F\u061C", "排班可以更灵活一些。", "😀"])
      expect(hasUnsafeCharacters(text), JSON.stringify(text)).toBe(false);
    // the neighbours of the refused ranges
    for (const c of ["\u00A0", "\u2029", "\u202F", "\u2065", "\u206A"]) expect(hasUnsafeCharacters(c), hex(c)).toBe(false);
  });

  it("refuses a line break in a one-line field", () => {
    expect(hasUnsafeCharacters("a\nb", { lineBreaks: false })).toBe(true);
    expect(hasUnsafeCharacters("a\rb", { lineBreaks: false })).toBe(true);
    expect(hasUnsafeCharacters("a\tb", { lineBreaks: false })).toBe(false);
  });
});

describe("every free-text field of the suggestion box follows it", () => {
  const idea = { category: "process", title: "Shorter escalation path", body: "Escalations wait too long for a supervisor." };
  const fieldsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

  it("refuses NUL, a control character or an override in each field, with a message for that field", () => {
    for (const c of ["\u0000", "\u0085", "\u202E", "\u2066"]) {
      const bad = (s: string) => `${s.slice(0, 5)}${c}${s.slice(5)}`;
      expect(fieldsOf(ZIdeaInput.safeParse({ ...idea, title: bad(idea.title), publishConsent: true }))).toEqual({
        title: "One line, without control characters or text-direction overrides.",
      });
      expect(fieldsOf(ZIdeaInput.safeParse({ ...idea, body: bad(idea.body), publishConsent: true }))).toEqual({
        body: "Control characters and text-direction overrides are not allowed.",
      });
      expect(fieldsOf(ZReplyInput.safeParse({ receipt: "K7Q2", body: bad("Thanks, that helps.") }))).toHaveProperty("body");
      expect(fieldsOf(ZVerdictInput.safeParse({ receipt: "K7Q2", verdict: "resolved", comment: bad("All good now") }))).toHaveProperty(
        "comment",
      );
      expect(fieldsOf(ZAdminMessageInput.safeParse({ visibility: "private", body: bad("Thank you.") }))).toHaveProperty("body");
      expect(fieldsOf(ZStatusIntent.safeParse({ version: 0, status: "planned", note: bad("Next quarter") }))).toHaveProperty("note");
      expect(fieldsOf(ZPublicationIntent.safeParse({ version: 0, publish: { title: bad(idea.title), body: idea.body } }))).toHaveProperty(
        "publish.title",
      );
      expect(fieldsOf(ZPublicationIntent.safeParse({ version: 0, publish: { title: idea.title, body: bad(idea.body) } }))).toHaveProperty(
        "publish.body",
      );
      expect(fieldsOf(ZRewardIntent.safeParse({ version: 0, rewarded: { note: bad("Innovation award") } }))).toHaveProperty(
        "rewarded.note",
      );
    }
  });

  it("a title is one line; a body keeps its line breaks and tabs", () => {
    expect(ZIdeaInput.safeParse({ ...idea, title: "Shorter\nescalation path", publishConsent: true }).success).toBe(false);
    const body = "First line.\n\tSecond line, indented.\r\nThird.";
    expect(ZIdeaInput.parse({ ...idea, body, publishConsent: true }).body).toBe(body);
  });
});

describe("survey answers follow the same rule", () => {
  it("refuses an override in a comment, as it refuses a control character", () => {
    const s = SURVEYS.find((x) => x.id === "reward-survey-2026-h1")!;
    const comment = s.questions.find((q) => q.type === "comment")!;
    for (const c of ["\u0000", "\u009B", "\u202E", "\u2069"]) {
      const result = validateAnswers(s.definition, { [comment.name]: `fine${c}then` }, "en", s.questions);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.fields[comment.name]).toBe("This answer contains control characters or text-direction overrides.");
    }
  });
});
