// Survey metadata, status, registry completeness and results suppression.
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeQuestions } from "#lib/surveys/questions.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";
import { buildResults, type RawAggregates } from "#lib/surveys/results.ts";
import { suppressPartition } from "#lib/anonymity/suppression.ts";
import { VISIBILITY, ZSurveyFile, effectiveMinGroupSize, resultsAvailable, surveyStatus } from "#lib/surveys/schema.ts";

const dir = new URL("../../src/content/surveys/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));

describe("survey files", () => {
  it("every file in src/content/surveys is in the registry the functions import", () => {
    expect(SURVEYS.map((s) => `${s.id}.json`).sort()).toEqual(files.sort());
  });

  it("every file fits the schema and has every question and choice text in both languages", () => {
    for (const f of files) {
      const data = JSON.parse(readFileSync(new URL(f, dir), "utf8"));
      expect(ZSurveyFile.safeParse(data).success, f).toBe(true);
      for (const q of describeQuestions(data.definition)) {
        for (const text of [q.title, ...(q.type === "rating" ? [] : q.choices.map((c) => c.text))]) {
          expect(typeof text === "object" && text.default && text["zh-cn"], `${f} ${q.name}: ${JSON.stringify(text)}`).toBeTruthy();
        }
      }
    }
  });

  it("the demo has a closed, an open and an upcoming survey on 2026-11-27, and an invitation-only one", () => {
    const statuses = SURVEYS.map((s) => surveyStatus(s, "2026-11-27"));
    expect(new Set(statuses)).toEqual(new Set(["closed", "open", "upcoming"]));
    expect(SURVEYS.some((s) => s.access === "invitation")).toBe(true);
  });

  it("refuses live results on any survey: answers are published once, after the close (stuffed answers subtract from two readings)", () => {
    const good = JSON.parse(readFileSync(new URL(files[0]!, dir), "utf8"));
    for (const access of ["open", "invitation"]) {
      const live = ZSurveyFile.safeParse({ ...good, access, resultsVisibility: "live" });
      expect(live.success).toBe(false);
      expect(live.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
        ["resultsVisibility", expect.stringContaining("there are no live results")],
      ]);
      for (const visibility of ["after-close", "hidden"]) {
        expect(
          ZSurveyFile.safeParse({
            ...good,
            access,
            ...(access === "invitation" ? { invitationKey: "ab".repeat(32) } : {}),
            resultsVisibility: visibility,
          }).success,
        ).toBe(true);
      }
    }
    // the demo keeps an open survey and an invitation survey open on its day, both with results after close
    for (const access of ["open", "invitation"]) {
      expect(
        SURVEYS.some((s) => s.access === access && s.resultsVisibility === "after-close" && surveyStatus(s, "2026-11-30") === "open"),
      ).toBe(true);
    }
    expect(SURVEYS.every((s) => (VISIBILITY as readonly string[]).includes(s.resultsVisibility))).toBe(true);
  });

  it("refuses a k below 3, an end before the start, unknown keys and unsupported question types", () => {
    const good = JSON.parse(readFileSync(new URL(files[0]!, dir), "utf8"));
    expect(ZSurveyFile.safeParse({ ...good, minGroupSize: 2 }).success).toBe(false);
    expect(ZSurveyFile.safeParse({ ...good, closes: "2000-01-01" }).success).toBe(false);
    expect(ZSurveyFile.safeParse({ ...good, extra: 1 }).success).toBe(false);
    expect(ZSurveyFile.safeParse({ ...good, title: { default: "only English" } }).success).toBe(false);
    expect(() => describeQuestions({ pages: [{ name: "p", elements: [{ type: "file", name: "upload" }] }] })).toThrow(/not supported/);
    expect(() =>
      describeQuestions({ pages: [{ name: "p", elements: [{ type: "radiogroup", name: "a", choices: ["x"], showOtherItem: true }] }] }),
    ).toThrow();
    expect(() => describeQuestions({ pages: [{ name: "p", elements: [{ type: "text", name: "e", inputType: "email" }] }] })).toThrow();
  });
});

describe("status and visibility", () => {
  it("is open from the first through the last day, inclusive", () => {
    const s = { opens: "2026-11-20", closes: "2026-12-04" };
    expect(surveyStatus(s, "2026-11-19")).toBe("upcoming");
    expect(surveyStatus(s, "2026-11-20")).toBe("open");
    expect(surveyStatus(s, "2026-12-04")).toBe("open");
    expect(surveyStatus(s, "2026-12-05")).toBe("closed");
  });

  it("k is never below 3, whatever the survey or the site says", () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: -10, max: 50 }), { nil: undefined }), fc.integer({ min: -10, max: 50 }), (own, site) => {
        expect(effectiveMinGroupSize({ minGroupSize: own }, site)).toBeGreaterThanOrEqual(3);
      }),
    );
    expect(effectiveMinGroupSize({}, 5)).toBe(5);
    expect(effectiveMinGroupSize({ minGroupSize: 8 }, 5)).toBe(8);
  });

  it("publishes after-close results only once closed, hidden ones never", () => {
    expect(VISIBILITY).toEqual(["after-close", "hidden"]);
    expect(resultsAvailable("after-close", "upcoming")).toBe("not_yet");
    expect(resultsAvailable("after-close", "open")).toBe("not_yet");
    expect(resultsAvailable("after-close", "closed")).toBe("yes");
    expect(resultsAvailable("hidden", "closed")).toBe("hidden");
  });
});

describe("results suppression", () => {
  it("never shows a count between 1 and k-1, and never withholds a single count or counts whose sum has one split", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 3, max: 10 }),
        (counts, k) => {
          const shown = suppressPartition(counts, k);
          const small = counts.filter((n) => n > 0 && n < k);
          if (shown === null) {
            expect(small.length).toBeGreaterThan(0);
            return;
          }
          shown.forEach((v, i) => {
            if (v !== null) {
              expect(v).toBe(counts[i]);
              expect(v === 0 || v >= k).toBe(true);
            }
          });
          const withheld = counts.filter((_, i) => shown[i] === null);
          if (withheld.length > 0) {
            const sum = withheld.reduce((a, b) => a + b, 0);
            expect(withheld.length).toBeGreaterThanOrEqual(2);
            expect(sum).toBeGreaterThan(withheld.length);
            expect(sum).toBeLessThan(withheld.length * (k - 1));
          }
        },
      ),
    );
  });

  it("publishes nothing but the fact of suppression below k responses; free text never", () => {
    const s = SURVEYS.find((x) => x.id === "reward-survey-2026-h1")!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 3, max: 10 }), (responses, k) => {
        const raw: RawAggregates = {
          responses,
          answered: Object.fromEntries(s.questions.map((q) => [q.name, responses])),
          scalars: s.questions
            .filter((q) => q.type === "rating")
            .map((q) => ({ question: q.name, value: q.choices[0]!.value, n: responses })),
          items: [],
        };
        const out = buildResults(s.questions, raw, k);
        expect(out.suppressed).toBe(responses < k);
        for (const q of out.questions) {
          if (q.type === "comment" || q.type === "text") expect(q.published).toBe(false);
          if (responses < k) expect(q.suppressed).toBe(true);
          for (const c of q.choices ?? []) if (c.count !== null) expect(c.count === 0 || c.count >= k).toBe(true);
        }
      }),
    );
  });
});
