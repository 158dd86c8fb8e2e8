// Plausible, valid answer sets for a survey: demo data (scripts/seed), the
// benchmark and tests use them. Values are drawn from each question's own
// choices; answers the survey's logic would hide are then dropped, with
// survey-core deciding visibility, so every set passes validateAnswers().
import { dropHiddenAnswers, modelFor, type QuestionSpec } from "./questions.ts";
import type { TSurveyDefinition } from "./schema.ts";

export interface SampleOptions {
  /** 0..1, where 1 leans every scale towards its top. Default 0.6. */
  mood?: number;
  /** Chance that an optional free-text question gets an answer. Default 0.3. */
  commentRate?: number;
  /** Free-text answers to draw from. */
  comments?: readonly string[];
  /** Chance that an optional question of any other type is left unanswered (a checkbox: none ticked). Default 0. */
  skipRate?: number;
}

/** A small deterministic PRNG (mulberry32), so seeded demo data is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], random: () => number, lean: number): T {
  // Lean towards the end of the list (the top of a scale) as `lean` grows.
  const u = random();
  const skewed = lean >= 0.5 ? 1 - (1 - u) ** (1 + (lean - 0.5) * 4) : u ** (1 + (0.5 - lean) * 4);
  return items[Math.min(items.length - 1, Math.floor(skewed * items.length))]!;
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function sampleAnswers(
  definition: TSurveyDefinition,
  specs: QuestionSpec[],
  random: () => number,
  options: SampleOptions = {},
): Record<string, unknown> {
  const mood = options.mood ?? 0.6;
  const answers: Record<string, unknown> = {};
  const model = modelFor(definition);
  for (const spec of specs) {
    const values = spec.choices.map((c) => c.value);
    const optional = !model.getQuestionByName(spec.name)?.isRequired;
    if (optional && spec.type !== "text" && spec.type !== "comment" && random() < (options.skipRate ?? 0)) continue;
    switch (spec.type) {
      case "rating":
        answers[spec.name] = pick(values, random, mood);
        break;
      case "radiogroup":
      case "dropdown":
        answers[spec.name] = pick(values, random, 0.5);
        break;
      case "boolean":
        answers[spec.name] = random() < mood;
        break;
      case "checkbox": {
        const max = spec.maxSelected || values.length;
        const n = 1 + Math.floor(random() * max);
        answers[spec.name] = shuffle(values, random).slice(0, n);
        break;
      }
      case "ranking":
        answers[spec.name] = shuffle(values, random);
        break;
      case "text":
      case "comment":
        if (options.comments?.length && random() < (options.commentRate ?? 0.3)) {
          answers[spec.name] = options.comments[Math.floor(random() * options.comments.length)]!.slice(0, spec.maxLength);
        }
        break;
    }
  }
  dropHiddenAnswers(model, answers);
  return answers;
}
