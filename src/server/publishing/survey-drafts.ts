// Survey drafts beyond a series' next run: a new survey from a template (a
// shipped survey), and the questions and texts HR edits in the console's
// editor. What a survey draft may change and which version it carries are
// decided here; the build's checks are src/lib/surveys/check.ts.
import type { TSurveyText } from "#lib/surveys/schema.ts";
import { fromTemplate, versionForQuestions } from "#lib/surveys/from-template.ts";
import { findSurvey, SURVEYS } from "#lib/surveys/registry.ts";
import type { StoredDraft } from "../db/drafts.ts";
import { draftWritesPath } from "../db/drafts.ts";
import type { DbEnv } from "../config.ts";
import { HttpError } from "../http.ts";
import type { PublishConfig } from "./config.ts";
import { fileSha } from "./github.ts";

export const SURVEY_DIR = "src/content/surveys";
export const surveyPath = (id: string) => `${SURVEY_DIR}/${id}.json`;

/** Carried from the template or the previous run: the editor changes questions, texts, dates and audience only. */
const CARRIED = ["id", "access", "invitationKey", "short", "minGroupSize", "segments", "series", "resultsVisibility"] as const;

/** The new survey's file from `template`, once its id is free in the repository and in every open draft. */
export async function surveyFromTemplate(
  env: DbEnv,
  cfg: PublishConfig | null,
  input: { template: string; id: string; title?: TSurveyText },
  today: string,
): Promise<{ path: string; body: Record<string, unknown> }> {
  const template = findSurvey(input.template);
  if (!template)
    throw new HttpError(404, "not_found", "There is no survey with this id.", { fields: { template: "not a published survey" } });
  const path = surveyPath(input.id);
  const taken = (why: string) =>
    new HttpError(409, "id_taken", `The id ${input.id} is taken: ${why}. Choose another.`, { fields: { id: why } });
  if (findSurvey(input.id) || (cfg && (await fileSha(cfg, path)))) throw taken("a survey with this id is in the repository");
  if (await draftWritesPath(env, path)) throw taken("another draft uses this id");
  const { questions: _questions, ...file } = template;
  const made = fromTemplate(file, input, today);
  if ("refused" in made) {
    const why = "An invitation survey needs its own key from `npm run survey:keys`; ask a developer, or start from an open survey.";
    throw new HttpError(422, "no_template", why, { fields: { template: why } });
  }
  return { path, body: made as unknown as Record<string, unknown> };
}

/**
 * A survey draft's body as HR edited it: the carried fields must be as they
 * were, and the version follows the questions (versionForQuestions against
 * the latest published run of the series).
 */
export function editedSurveyBody(d: Pick<StoredDraft, "body">, body: Record<string, unknown>): Record<string, unknown> {
  const changed = CARRIED.filter((k) => JSON.stringify(body[k]) !== JSON.stringify(d.body[k]));
  if (changed.length > 0)
    throw new HttpError(422, "invalid_draft", "These fields are carried over and cannot be changed in the console.", {
      fields: Object.fromEntries(changed.map((k) => [k, "carried over from the survey this draft started from"])),
    });
  const series = typeof d.body.series === "string" ? d.body.series : undefined;
  const previous = series
    ? SURVEYS.filter((s) => s.series === series && s.id !== d.body.id).sort((a, b) => b.opens.localeCompare(a.opens))[0]
    : undefined;
  const definition = body.definition as Record<string, unknown> | undefined;
  if (!definition || typeof definition !== "object") return body; // the checks that follow say what is wrong
  const version = versionForQuestions({ version: Number(d.body.version), definition: definition as never }, previous);
  return { ...body, version };
}
