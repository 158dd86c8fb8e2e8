// The segment rules of a survey, apart from the registry so that the HR
// console's editor can run them without bundling every survey file.
import { DefinitionError } from "./check-error.ts";
import type { QuestionSpec } from "./questions.ts";
import type { TSurveyFile } from "./schema.ts";

/**
 * Segment questions must be single-choice and asked of everyone: a group's
 * size would otherwise say how many gave the answers that show the question.
 */
export function checkSegments(survey: Pick<TSurveyFile, "segments">, specs: QuestionSpec[]): QuestionSpec[] {
  for (const name of survey.segments ?? []) {
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new DefinitionError("segment_missing", name, `segments: "${name}" is not a question of the survey`);
    if (spec.type !== "radiogroup" && spec.type !== "dropdown")
      throw new DefinitionError("segment_type", name, `segments: "${name}" must be a radiogroup or dropdown question`);
    if (spec.dependsOn.length > 0)
      throw new DefinitionError("segment_logic", name, `segments: "${name}" must be asked of everyone (no visibleIf)`);
  }
  return specs;
}
