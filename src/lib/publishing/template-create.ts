// The fields of POST /api/admin/drafts that start a new survey from a
// template (src/lib/surveys/from-template.ts), apart from model.ts so the
// other kinds of draft stay as they are.
import { z } from "zod";
import { ZSurveyText } from "../surveys/schema.ts";

const surveyId = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, "lower-case letters, digits and hyphens, as in canteen-2027");

export const ZFromTemplate = z.object({
  /** The shipped survey the new one starts from. */
  template: surveyId.optional(),
  /** The new survey's id: its address (/surveys/<id>/) and file name. */
  id: surveyId.optional(),
  title: ZSurveyText.optional(),
});

export function templateRefinement(v: { template?: string; id?: string; title?: unknown }, ctx: z.RefinementCtx): void {
  if (v.template !== undefined && v.id === undefined)
    ctx.addIssue({ code: "custom", path: ["id"], message: "a survey from a template needs its new id" });
  for (const k of ["id", "title"] as const)
    if (v.template === undefined && v[k] !== undefined)
      ctx.addIssue({ code: "custom", path: [k], message: "only for a survey from a template" });
}
