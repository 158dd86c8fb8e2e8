// The retention terms are parsed once, from RETENTION_* (src/lib/retention.ts):
// the defaults when absent, every malformed variable named, never a silent
// default for the run itself (readTerms refuses).
import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS, parseTerms, publishedRunCount, readTerms, TERM_VARIABLES } from "#lib/retention.ts";

describe("retention terms", () => {
  it("takes the documented defaults for absent or empty variables", () => {
    expect(parseTerms({})).toEqual({ terms: DEFAULT_TERMS, problems: [], malformed: [] });
    expect(parseTerms({ RETENTION_COMMENT_DAYS: "", RETENTION_RETRY_DAYS: "  " }).terms).toEqual(DEFAULT_TERMS);
    expect(readTerms({})).toEqual(DEFAULT_TERMS);
  });

  it("reads whole numbers of days from 0 to 3650", () => {
    expect(parseTerms({ RETENTION_IDEA_TEXT_DAYS: "90", RETENTION_RETRY_DAYS: "0", RETENTION_COMMENT_DAYS: " 3650 " })).toEqual({
      terms: { ...DEFAULT_TERMS, ideaTextDays: 90, retryDays: 0, commentDays: 3650 },
      problems: [],
      malformed: [],
    });
  });

  it("names every malformed variable, keeps the default in its place, and readTerms refuses it", () => {
    for (const raw of ["a year", "-1", "1.5", "3651", "1e2", "0x10", "12 days", "NaN", "Infinity"]) {
      for (const name of Object.values(TERM_VARIABLES)) {
        const parsed = parseTerms({ [name]: raw });
        expect(parsed.malformed, `${name}=${raw}`).toEqual([name]);
        expect(parsed.problems[0]).toBe(`${name}: a retention term is a whole number of days from 0 to 3650, not ${JSON.stringify(raw)}`);
        expect(parsed.terms).toEqual(DEFAULT_TERMS);
        expect(() => readTerms({ [name]: raw })).toThrow(`${name}: a retention term is a whole number of days`);
      }
    }
    expect(parseTerms({ RETENTION_COMMENT_DAYS: "x", RETENTION_RETRY_DAYS: "-2", RETENTION_IDEA_TEXT_DAYS: "7" })).toMatchObject({
      terms: { ...DEFAULT_TERMS, ideaTextDays: 7 },
      malformed: ["RETENTION_COMMENT_DAYS", "RETENTION_RETRY_DAYS"],
    });
  });
});

describe("a retention run's published count", () => {
  it("is shown from k, and hidden below it, like every small group", () => {
    expect(publishedRunCount({ count: 5, smallest: null }, 5)).toBe(5);
    expect(publishedRunCount({ count: 4, smallest: null }, 5)).toBeNull();
    // the idea deleted a term after it visibly closed: a count of 1 is never shown
    expect(publishedRunCount({ count: 1, smallest: null }, 5)).toBeNull();
  });

  it("is hidden when one survey in it counted fewer than k: the others' counts, if known, would give that one away", () => {
    // survey A's 40 answers are known from its results; B had 3: 43 would publish B's 3
    expect(publishedRunCount({ count: 43, smallest: 3 }, 5)).toBeNull();
    expect(publishedRunCount({ count: 45, smallest: 5 }, 5)).toBe(45);
    expect(publishedRunCount({ count: 12, smallest: 12 }, 5)).toBe(12);
  });
});
