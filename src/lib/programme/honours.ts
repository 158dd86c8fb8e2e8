// The honour roll: src/content/honours/<yyyy-mm-dd>-<slug>.json, one
// recognition per file, published any day (timely recognition need not wait
// for the cycle to end). A person appears only with their consent, which the
// schema requires; a team is published as the organisation names it.
import { z } from "zod";
import type { Day } from "../clock.ts";
import { ZLocalized, type TPolicyVersion } from "../policy/schema.ts";
import { versionInForce } from "../policy/versions.ts";
import { CYCLE_ID_PATTERN, parsePeriod } from "../results/period.ts";
import { ContentValidationError, parseJsonFiles, type ContentFile } from "../content.ts";

/** A reason names what was done; "great work" is not recognition. */
const MIN_REASON = { en: 40, "zh-cn": 15 } as const;

const ZRecipient = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("person"),
    name: ZLocalized,
    /** The person agreed to be named on the public honour roll. */
    consent: z.literal(true, "a person is named only with their consent: add consent: true once they have agreed"),
    /** Their team, as published. */
    team: ZLocalized.optional(),
  }),
  z.strictObject({ kind: z.literal("team"), name: ZLocalized }),
]);

export const ZHonour = z
  .strictObject({
    date: z.iso.date("a day is written YYYY-MM-DD"),
    /** The cycle it recognises (2026-Q3) or the one it falls in (2026-11). */
    cycle: z.string().regex(CYCLE_ID_PATTERN, "a cycle id: 2026-10, 2026-Q3, 2026-H1 or 2025"),
    /** A reward form of the policy version in force on `date`. */
    award: z.string(),
    /** The honour's own name (Outstanding Customer Service Supervisor, team honour roll, innovation award). */
    title: ZLocalized,
    recipient: ZRecipient,
    reason: ZLocalized,
  })
  .superRefine((h, ctx) => {
    for (const [locale, min] of Object.entries(MIN_REASON) as [keyof typeof MIN_REASON, number][]) {
      if ([...h.reason[locale].trim()].length < min) {
        ctx.addIssue({
          code: "custom",
          path: ["reason", locale],
          params: { problem: "reason_vague", min },
          message: `say specifically what was done and why it mattered (at least ${min} characters)`,
        });
      }
    }
  });
export type THonour = z.infer<typeof ZHonour>;

export interface Honour extends THonour {
  /** The file name without .json: yyyy-mm-dd-slug. */
  id: string;
}

const FILE_NAME = /^(\d{4}-\d{2}-\d{2})-[a-z0-9][a-z0-9-]*$/;

export function parseHonours(files: ContentFile[], ctx: { policies: TPolicyVersion[]; today: Day }): Honour[] {
  const problems: string[] = [];
  const out: Honour[] = [];
  for (const { file, id, data } of parseJsonFiles(files, ZHonour, problems)) {
    const at = (field: string, message: string) => problems.push(`${file}: ${field}: ${message}`);
    const before = problems.length;
    const name = FILE_NAME.exec(id);
    if (!name) at("(file)", "name the file <yyyy-mm-dd>-<slug>.json, after the day it was awarded");
    else if (name[1] !== data.date) at("date", `${data.date} does not match the day in the file name (${name[1]})`);
    if (data.date > ctx.today) at("date", `${data.date} is in the future (today is ${ctx.today}): publish a recognition once it is given`);
    const period = parsePeriod(data.cycle)!;
    if (period.start > data.date) at("cycle", `${data.cycle} starts on ${period.start}, after the recognition (${data.date})`);
    const version = versionInForce(ctx.policies, data.date);
    const forms = version?.rewardForms.map((f) => f.id) ?? [];
    if (!version) at("date", `no policy version was in force on ${data.date}`);
    else if (!forms.includes(data.award)) {
      at(
        "award",
        `"${data.award}" is not a reward form of version ${version.version}, in force on ${data.date} (forms: ${forms.join(", ")})`,
      );
    }
    if (problems.length === before) out.push({ ...data, id });
  }
  if (problems.length > 0) throw new ContentValidationError("honours", "src/content/honours", problems);
  return out.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}
