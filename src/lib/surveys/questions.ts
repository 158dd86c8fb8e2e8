// What each question accepts, read from the SurveyJS JSON with survey-core's
// own model (so rating ranges, choice lists and defaults mean exactly what
// the form shows). Only question types Candor can validate and aggregate are
// allowed: a definition with anything else fails the build.
import { ConditionRunner, Model, type Question } from "survey-core";
import { DefinitionError } from "./check-error.ts";
import type { TSurveyDefinition, TSurveyText } from "./schema.ts";

export const SUPPORTED_TYPES = ["radiogroup", "dropdown", "checkbox", "ranking", "rating", "boolean", "text", "comment"] as const;
export type QuestionType = (typeof SUPPORTED_TYPES)[number];

/** Free-text answers are stored but never published. */
export const FREE_TEXT_TYPES: readonly QuestionType[] = ["text", "comment"];

/** Hard caps on free text, whatever a definition says: a comment box is not a file upload. */
export const TEXT_MAX = 500;
export const COMMENT_MAX = 2000;

export type ChoiceValue = string | number;

export interface Choice {
  value: ChoiceValue;
  text: TSurveyText | string;
}

export interface QuestionSpec {
  name: string;
  type: QuestionType;
  title: TSurveyText | string;
  /** radiogroup, dropdown, checkbox, ranking: the allowed values in order; rating: the scale. */
  choices: Choice[];
  maxLength: number;
  maxSelected: number;
  /** ranking: whether a subset may be ranked (otherwise every item, once). */
  partialRanking: boolean;
  /**
   * Questions this one's visibility depends on (its own visibleIf and those of
   * the panels and page around it). Its answered count says how many people
   * picked the choices that show it, so it is published only when theirs are.
   */
  dependsOn: string[];
}

interface RawElement {
  type?: unknown;
  name?: unknown;
  title?: unknown;
  choices?: unknown;
  elements?: unknown;
  rateMin?: unknown;
  rateMax?: unknown;
  minRateDescription?: unknown;
  maxRateDescription?: unknown;
}

function rawChoiceText(raw: unknown, value: ChoiceValue): TSurveyText | string {
  if (raw !== null && typeof raw === "object" && "text" in raw) return (raw as { text: TSurveyText | string }).text;
  return String(value);
}

function rawElements(definition: TSurveyDefinition): Map<string, RawElement> {
  const found = new Map<string, RawElement>();
  const walk = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const el of elements as RawElement[]) {
      if (el.type === "panel") walk(el.elements);
      else if (typeof el.name === "string") found.set(el.name, el);
    }
  };
  for (const page of definition.pages) walk(page.elements);
  return found;
}

const models = new WeakMap<object, Model>();

/**
 * A survey-core Model for a definition, built once and reused: building one
 * costs far more than evaluating answers with it, and a Worker's CPU budget is
 * small. Callers set `data` and `locale` every time before reading anything;
 * everything they do with it is synchronous, so no two requests interleave.
 */
export function modelFor(definition: TSurveyDefinition): Model {
  let model = models.get(definition);
  if (!model) {
    model = new Model(definition);
    models.set(definition, model);
  }
  return model;
}

/**
 * Removes from `data` every answer the survey's own logic hides — the
 * question, a panel around it or its page is invisible — and returns their
 * names. An answer to a hidden question can itself show another, so this
 * re-evaluates until nothing changes. The server refuses such answers
 * (validateAnswers) and sample data never has them (sampleAnswers).
 */
export function dropHiddenAnswers(model: Model, data: Record<string, unknown>): string[] {
  const dropped: string[] = [];
  for (let changed = true; changed;) {
    changed = false;
    model.data = data;
    for (const name of Object.keys(data)) {
      const q = model.getQuestionByName(name);
      const page = q?.page as { isVisible?: boolean } | undefined;
      if (!q || !q.isVisible || !q.isParentVisible || page?.isVisible === false) {
        delete data[name];
        dropped.push(name);
        changed = true;
      }
    }
  }
  return dropped;
}

/** Question names an element's visibleIf and its containers' refer to (`{a.b}` and `{a[0]}` count as `a`). */
function visibilityVariables(q: Question): string[] {
  const names = new Set<string>();
  for (
    let el: unknown = q;
    el;
    el = (el as { parent?: unknown; page?: unknown }).parent ?? (el === q ? (el as { page?: unknown }).page : undefined)
  ) {
    const expr = (el as { visibleIf?: string }).visibleIf;
    if (expr) for (const v of new ConditionRunner(expr).getVariables()) names.add(v.split(/[.[]/)[0]!);
  }
  return [...names];
}

/** One spec per question, in form order. Throws on a definition Candor cannot validate. */
export function describeQuestions(definition: TSurveyDefinition): QuestionSpec[] {
  const model = modelFor(definition);
  const raw = rawElements(definition);
  const specs: QuestionSpec[] = [];
  const seen = new Set<string>();
  for (const q of model.getAllQuestions(false) as Question[]) {
    const type = q.getType();
    if (!(SUPPORTED_TYPES as readonly string[]).includes(type)) {
      throw new DefinitionError(
        "question_type",
        q.name,
        `question "${q.name}": type "${type}" is not supported (use ${SUPPORTED_TYPES.join(", ")})`,
        {
          type,
        },
      );
    }
    if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(q.name))
      throw new DefinitionError("question_name", q.name, `question name "${q.name}" must be an identifier`);
    if (seen.has(q.name)) throw new DefinitionError("question_twice", q.name, `question name "${q.name}" is used twice`);
    seen.add(q.name);
    const el = raw.get(q.name) ?? {};
    const spec: QuestionSpec = {
      name: q.name,
      type: type as QuestionType,
      title: (el.title as TSurveyText | string | undefined) ?? q.name,
      choices: [],
      maxLength: 0,
      maxSelected: 0,
      partialRanking: false,
      dependsOn: visibilityVariables(q),
    };
    const anyQ = q as unknown as Record<string, unknown>;
    if (["radiogroup", "dropdown", "checkbox", "ranking"].includes(type)) {
      if (
        anyQ.showOtherItem ||
        anyQ.showNoneItem ||
        anyQ.showSelectAllItem ||
        (anyQ.choicesByUrl && (anyQ.choicesByUrl as { url?: string }).url)
      ) {
        throw new DefinitionError(
          "choices_extra",
          q.name,
          `question "${q.name}": other/none/select-all items and remote choices are not supported`,
        );
      }
      const rawChoices = Array.isArray(el.choices) ? el.choices : [];
      spec.choices = (q as unknown as { choices: { value: ChoiceValue }[] }).choices.map((c, i) => ({
        value: c.value,
        text: rawChoiceText(rawChoices[i], c.value),
      }));
      if (spec.choices.length === 0) throw new DefinitionError("no_choices", q.name, `question "${q.name}" has no choices`);
    }
    if (type === "checkbox") spec.maxSelected = Number(anyQ.maxSelectedChoices) || 0;
    if (type === "ranking") spec.partialRanking = Boolean(anyQ.selectToRankEnabled);
    if (type === "rating") {
      spec.choices = (q as unknown as { visibleRateValues: { value: ChoiceValue; text: string }[] }).visibleRateValues.map((v) => ({
        value: v.value,
        text: String(v.text ?? v.value),
      }));
    }
    if (type === "boolean" && (anyQ.valueTrue !== undefined || anyQ.valueFalse !== undefined)) {
      throw new DefinitionError("boolean_values", q.name, `question "${q.name}": custom valueTrue/valueFalse are not supported`);
    }
    if (type === "text") {
      if ((anyQ.inputType ?? "text") !== "text")
        throw new DefinitionError("input_type", q.name, `question "${q.name}": only inputType "text" is supported`);
      spec.maxLength = Math.min(Number(anyQ.maxLength) > 0 ? Number(anyQ.maxLength) : TEXT_MAX, TEXT_MAX);
    }
    if (type === "comment") spec.maxLength = Math.min(Number(anyQ.maxLength) > 0 ? Number(anyQ.maxLength) : COMMENT_MAX, COMMENT_MAX);
    specs.push(spec);
  }
  if (specs.length === 0) throw new DefinitionError("no_questions", "", "the survey has no questions");
  return specs;
}

export interface RatingScale {
  min: number;
  max: number;
  /** What the ends of the scale mean, as the form shows them ("Very dissatisfied" … "Very satisfied"). */
  minText?: TSurveyText | string;
  maxText?: TSurveyText | string;
}

/** Each rating question's scale and the words at its ends, for results that say what "1" and "5" mean. */
export function ratingScales(definition: TSurveyDefinition): Record<string, RatingScale> {
  const out: Record<string, RatingScale> = {};
  for (const [name, el] of rawElements(definition)) {
    if (el.type !== "rating") continue;
    const text = (v: unknown) => (typeof v === "string" || (v !== null && typeof v === "object") ? (v as TSurveyText | string) : undefined);
    out[name] = {
      min: typeof el.rateMin === "number" ? el.rateMin : 1,
      max: typeof el.rateMax === "number" ? el.rateMax : 5,
      minText: text(el.minRateDescription),
      maxText: text(el.maxRateDescription),
    };
  }
  return out;
}
