// The fields of POST /api/admin/drafts that start a new survey from a
// template (src/lib/surveys/from-template.ts), apart from model.ts so the
// other kinds of draft stay as they are.
import { z } from "zod";

const surveyId = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, "lower-case letters, digits and hyphens, as in canteen-2027");

/** Not empty, checked without trimming: the title is stored exactly as HR sent it (the build trims what it reads). */
const text = (lang: string) => z.string().refine((s) => s.trim().length > 0, `the ${lang} text is empty`);
const ZTitle = z.strictObject({ default: text("English (default)"), "zh-cn": text("zh-cn") });

export const ZFromTemplate = z.object({
  /** The shipped survey the new one starts from. */
  template: surveyId.optional(),
  /** The new survey's id: its address (/surveys/<id>/) and file name. */
  id: surveyId.optional(),
  title: ZTitle.optional(),
});

export function templateRefinement(v: { template?: string; id?: string; title?: unknown }, ctx: z.RefinementCtx): void {
  if (v.template !== undefined && v.id === undefined)
    ctx.addIssue({ code: "custom", path: ["id"], message: "a survey from a template needs its new id" });
  for (const k of ["id", "title"] as const)
    if (v.template === undefined && v[k] !== undefined)
      ctx.addIssue({ code: "custom", path: [k], message: "only for a survey from a template" });
}
