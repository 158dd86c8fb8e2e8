// A new survey from a shipped one (the shipped surveys are the templates):
// its questions, audience, access, k, segments and results rule carried
// over; a new id and title; dates proposed from today over the template's
// span. It starts a life of its own: no series (a series' next run is
// "Start the next run", ./next-run.ts) and version 1, as a new id has no
// answers yet. The draft then goes through the build's checks (./check.ts).
import { addDays, daysBetween } from "../clock.ts";
import type { TSurveyFile, TSurveyText } from "./schema.ts";

export type TemplateRefusal = "invitation";

export function fromTemplate(
  template: TSurveyFile,
  input: { id: string; title?: TSurveyText },
  today: string,
): TSurveyFile | { refused: TemplateRefusal } {
  // an invitation survey's key is derived per survey id from the deployment's seed, which only npm run survey:keys holds
  if (template.access !== "open") return { refused: "invitation" };
  const { series: _series, shortTitle: _shortTitle, short: _short, invitationKey: _key, ...carried } = template;
  return {
    ...carried,
    id: input.id,
    version: 1,
    title: input.title ?? template.title,
    opens: today,
    closes: addDays(today, daysBetween(template.opens, template.closes)),
  };
}

/**
 * The version a survey draft carries: the previous run's of its series while
 * the questions are the same, one more once they differ (stored answers are
 * keyed by survey and version, and a series' runs compare question by
 * question). A survey outside a series keeps its own.
 */
export function versionForQuestions(
  draft: Pick<TSurveyFile, "version" | "definition">,
  previous: Pick<TSurveyFile, "version" | "definition"> | undefined,
): number {
  if (!previous) return draft.version;
  return sameJson(draft.definition, previous.definition) ? previous.version : previous.version + 1;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
