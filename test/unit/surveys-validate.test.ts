// Server-side answer validation over generated answer sets (fast-check),
// for every shipped survey definition. The kept survey-core verdict it uses
// is tested in logic-verdict.test.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeQuestions } from "#lib/surveys/questions.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import { validateAnswers } from "#lib/surveys/validate.ts";
import { runs } from "../support/fast-check.ts";

const locales = fc.constantFrom("en" as const, "zh-cn" as const);
const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const surveys = fc.constantFrom(...SURVEYS);
// a right-to-left mark and a zero-width space are text; a direction override is not (test/unit/unsafe-text.test.ts)
const comments = ["Fine.", "排班可以更灵活一些。", "<b>not html</b>", "\u200Fmixed\u200B"];

// Generous timeouts: survey-core evaluates every set, and three engineers share two cores.
describe("validateAnswers", { timeout: 60_000 }, () => {
  it("accepts every answer set a person could give, and stores one row per answer in form order", () => {
    fc.assert(
      fc.property(
        surveys,
        seeds,
        locales,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0, 0.3, 1),
        (s, seed, locale, mood, skipRate) => {
          const answers = sampleAnswers(s.definition, s.questions, seededRandom(seed), { mood, comments, commentRate: 0.5, skipRate });
          const result = validateAnswers(s.definition, answers, locale, s.questions);
          expect(result).toMatchObject({ ok: true });
          if (!result.ok) return;
          expect(result.rows.map((r) => r.question)).toEqual(s.questions.map((q) => q.name).filter((n) => n in answers));
          for (const row of result.rows) expect([row.num, row.text, row.json].filter((v) => v !== null)).toHaveLength(1);
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it("generates sets that leave optional questions out and respect page and panel conditions", () => {
    const definition = {
      pages: [
        {
          name: "p1",
          elements: [
            { type: "radiogroup", name: "a", isRequired: true, choices: ["x", "y"] },
            { type: "rating", name: "r" },
          ],
        },
        {
          name: "p2",
          visibleIf: "{a} = 'x'",
          elements: [{ type: "panel", name: "pn", elements: [{ type: "checkbox", name: "b", choices: ["m", "n"] }] }],
        },
      ],
    };
    const specs = describeQuestions(definition);
    const seen = { withoutR: false, withB: false, hiddenPage: false };
    for (let seed = 0; seed < 200; seed++) {
      const answers = sampleAnswers(definition, specs, seededRandom(seed), { skipRate: 0.5 });
      expect(validateAnswers(definition, answers, "en", specs), JSON.stringify(answers)).toMatchObject({ ok: true });
      seen.withoutR ||= !("r" in answers);
      seen.withB ||= "b" in answers;
      seen.hiddenPage ||= answers.a === "y";
      expect("a" in answers).toBe(true);
    }
    expect(seen).toEqual({ withoutR: true, withB: true, hiddenPage: true });
  });

  it("names every unknown question, whatever it is called", () => {
    const proto = JSON.parse('{"__proto__": 1}') as Record<string, unknown>;
    const result = validateAnswers(SURVEYS[0]!.definition, proto, "en", SURVEYS[0]!.questions);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.getOwnPropertyDescriptor(result.fields, "__proto__")?.value).toBe("There is no such question in this survey.");
    fc.assert(
      fc.property(surveys, seeds, fc.string({ minLength: 1, maxLength: 80 }), fc.jsonValue(), (s, seed, name, value) => {
        fc.pre(!s.questions.some((q) => q.name === name));
        const answers = { ...sampleAnswers(s.definition, s.questions, seededRandom(seed)), [name]: value };
        const result = validateAnswers(s.definition, answers, "en", s.questions);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.fields[name]).toBe("There is no such question in this survey.");
      }),
    );
  });

  it("refuses a value outside a choice question's choices or a rating's scale, for that question", () => {
    const choiceLike = SURVEYS.flatMap((s) =>
      s.questions.filter((q) => ["radiogroup", "dropdown", "rating"].includes(q.type)).map((q) => ({ s, q })),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...choiceLike),
        seeds,
        fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(-0.5)),
        ({ s, q }, seed, value) => {
          fc.pre(!q.choices.some((c) => c.value === value) && value !== "" && !(typeof value === "string" && value.trim() === ""));
          const answers = { ...sampleAnswers(s.definition, s.questions, seededRandom(seed)), [q.name]: value };
          const result = validateAnswers(s.definition, answers, "en", s.questions);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.fields[q.name]).toBeDefined();
        },
      ),
    );
  });

  it("refuses checkbox and ranking arrays with items outside the choices, duplicates, or (ranking) missing items", () => {
    const arrays = SURVEYS.flatMap((s) => s.questions.filter((q) => q.type === "checkbox" || q.type === "ranking").map((q) => ({ s, q })));
    fc.assert(
      fc.property(
        fc.constantFrom(...arrays),
        seeds,
        fc.array(fc.oneof(fc.string(), fc.integer()), { minLength: 1, maxLength: 8 }),
        ({ s, q }, seed, extra) => {
          const values = q.choices.map((c) => c.value);
          fc.pre(extra.some((v) => !values.includes(v)));
          const base = sampleAnswers(s.definition, s.questions, seededRandom(seed));
          for (const bad of [
            [...values.slice(0, 1), ...extra],
            [values[0], values[0]],
          ]) {
            const result = validateAnswers(s.definition, { ...base, [q.name]: bad }, "en", s.questions);
            // If the question is hidden for these answers, that is the error; otherwise the array is.
            expect(result.ok).toBe(false);
            if (!result.ok) expect(result.fields[q.name]).toBeDefined();
          }
          if (q.type === "ranking") {
            const result = validateAnswers(s.definition, { ...base, [q.name]: values.slice(1) }, "en", s.questions);
            expect(result.ok).toBe(false);
          }
        },
      ),
    );
  });

  it("never throws and never accepts a wrong type, for any JSON value in any question", () => {
    fc.assert(
      fc.property(surveys, seeds, fc.jsonValue(), locales, (s, seed, value, locale) => {
        const q = s.questions[seed % s.questions.length]!;
        const answers = { ...sampleAnswers(s.definition, s.questions, seededRandom(seed)), [q.name]: value };
        const result = validateAnswers(s.definition, answers, locale, s.questions);
        if (result.ok) {
          const row = result.rows.find((r) => r.question === q.name);
          if (row) {
            // Whatever got through is exactly representable and of the question's kind.
            if (q.type === "text" || q.type === "comment") expect(typeof value).toBe("string");
            else if (q.type === "boolean") expect(typeof value).toBe("boolean");
            else if (q.type === "checkbox" || q.type === "ranking") expect(Array.isArray(value)).toBe(true);
            else expect(q.choices.some((c) => c.value === value)).toBe(true);
          }
        }
      }),
      { numRuns: runs(200) },
    );
  });

  it("refuses free text over the question's limit and control characters; counts characters, not UTF-16 units", () => {
    const texts = SURVEYS.flatMap((s) => s.questions.filter((q) => q.type === "text" || q.type === "comment").map((q) => ({ s, q })));
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.integer({ min: 1, max: 50 }), ({ s, q }, over) => {
        const answers = sampleAnswers(s.definition, s.questions, seededRandom(over));
        const visible = validateAnswers(s.definition, { ...answers, [q.name]: "ok" }, "en", s.questions);
        fc.pre(visible.ok); // a conditional comment box may be hidden for this answer set
        const tooLong = validateAnswers(s.definition, { ...answers, [q.name]: "字".repeat(q.maxLength + over) }, "en", s.questions);
        expect(tooLong.ok).toBe(false);
        const exact = validateAnswers(s.definition, { ...answers, [q.name]: "😀".repeat(q.maxLength) }, "en", s.questions);
        expect(exact.ok).toBe(true);
        const control = validateAnswers(s.definition, { ...answers, [q.name]: "a\u0007b" }, "en", s.questions);
        expect(control.ok).toBe(false);
      }),
    );
  });

  it("uses the survey's own logic: answering a hidden question is refused, a visible required one is demanded", () => {
    const s = SURVEYS.find((x) => x.id === "reward-survey-2026-h1")!;
    const answers = sampleAnswers(s.definition, s.questions, seededRandom(7), { mood: 1 });
    answers.criteriaFair = 5;
    delete answers.unfairWhy;
    expect(validateAnswers(s.definition, answers, "en", s.questions).ok).toBe(true);
    const hidden = validateAnswers(s.definition, { ...answers, unfairWhy: "x" }, "en", s.questions);
    expect(hidden).toEqual({ ok: false, fields: { unfairWhy: "This question does not apply given your other answers; leave it empty." } });
    // "often" reveals stressSupport; it's optional there, so leaving it out is fine, and answering it is accepted
    const often = { ...answers, stressFrequency: "often", stressSupport: ["counselling", "resilience"] };
    expect(validateAnswers(s.definition, often, "zh-cn", s.questions).ok).toBe(true);
    const tooMany = validateAnswers(
      s.definition,
      { ...often, stressSupport: ["counselling", "resilience", "staffing", "communication"] },
      "zh-cn",
      s.questions,
    );
    expect(tooMany).toEqual({ ok: false, fields: { stressSupport: "选择的选项过多（最多 3 项）。" } });
    const missing = { ...answers };
    delete missing.enps;
    expect(validateAnswers(s.definition, missing, "zh-cn", s.questions)).toEqual({ ok: false, fields: { enps: "请填写此问题" } });
  });

  it("treats empty answers (null, '', []) as not answered", () => {
    const s = SURVEYS.find((x) => x.id === "pulse-2026-11")!;
    const answers = sampleAnswers(s.definition, s.questions, seededRandom(3), { comments: ["x"], commentRate: 1 });
    const result = validateAnswers(s.definition, { ...answers, oneThing: "   " }, "en", s.questions);
    expect(result.ok && result.rows.some((r) => r.question === "oneThing")).toBe(false);
  });
});
