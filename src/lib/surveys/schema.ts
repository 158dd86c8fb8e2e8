// A survey as Candor knows it: metadata (dates, audience, access, results
// visibility, k) plus the SurveyJS JSON the form renders and the server
// validates against. One schema checks the files at build time (the content
// collection) and when the functions load them (src/lib/surveys/registry.ts).
import { z } from "zod";
import { LOCALES } from "#i18n/config.ts";
import { MIN_GROUP_SIZE_FLOOR, clampMinGroupSize } from "../anonymity/threshold.ts";
import { INVITATION_KEY_PATTERN } from "../invitation/key.ts";
import { SHORT_NAME_PATTERN } from "./short-address.ts";

/** SurveyJS's own localisable string: `{"default": "…", "zh-cn": "…"}`, where "default" is English. */
export const ZSurveyText = z.strictObject({
  default: z.string().trim().min(1, "the English (default) text is empty"),
  "zh-cn": z.string().trim().min(1, "the zh-cn text is empty"),
});
export type TSurveyText = z.infer<typeof ZSurveyText>;

const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "not a date");

export const ACCESS = ["open", "invitation"] as const;
/** Three segments cross into at most a few hundred combinations; more would add little and cost a lot. */
export const MAX_SEGMENTS = 3;
/**
 * When the answers are published: once, after the survey closes, or to HR
 * only (after it closes too). There is no "live": results published while
 * answers arrive can be subtracted from one another, and someone who knows
 * every other answer of a difference reads the one they do not (docs/anonymity.md, "Live results").
 */
export const VISIBILITY = ["after-close", "hidden"] as const;
export type TAccess = (typeof ACCESS)[number];
export type TVisibility = (typeof VISIBILITY)[number];

/** The file's fields. Astro's collection loader needs a schema without refinements, hence two names. */
export const ZSurveyFields = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, "lower-case letters, digits and hyphens"),
  /** Bumped whenever the questions change, so stored answers say which form they answered. */
  version: z.int().min(1),
  title: ZSurveyText,
  description: ZSurveyText,
  /** First and last day (inclusive, UTC) on which answers are accepted. */
  opens: ZDay,
  closes: ZDay,
  /** Headcount the survey is sent to, for the participation rate. */
  audience: z.int().min(1),
  access: z.enum(ACCESS),
  /**
   * Invitation surveys only: the public key their tokens are evaluated with,
   * the one the page is built with (src/lib/invitation/key.ts). Written by
   * `npm run survey:keys` from the deployment's seed.
   */
  invitationKey: z.string().regex(INVITATION_KEY_PATTERN, "64 lower-case hex digits, written by npm run survey:keys").optional(),
  /**
   * Invitation surveys only: the short address printed on the slips, /i/<short>
   * (src/lib/surveys/short-address.ts). Without it, the slips print /i/<id>.
   */
  short: z.string().regex(SHORT_NAME_PATTERN, "1 to 24 lower-case letters, digits and hyphens").optional(),
  resultsVisibility: z.enum(VISIBILITY, {
    error: 'use "after-close" or "hidden": answers are published once, after the survey closes (there are no live results)',
  }),
  /** Minimum group size for this survey's aggregates; omitted = the site's MIN_GROUP_SIZE. Never below 3. */
  minGroupSize: z.int().min(MIN_GROUP_SIZE_FLOOR, `never below ${MIN_GROUP_SIZE_FLOOR}`).optional(),
  /**
   * Questions whose answers split the results into groups (team, tenure band):
   * single-choice questions (radiogroup or dropdown) asked of everyone, at most
   * three. Groups are shown only as the rule in src/lib/anonymity/suppression.ts allows.
   */
  segments: z
    .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/))
    .max(MAX_SEGMENTS, `at most ${MAX_SEGMENTS} segments`)
    .optional(),
  /**
   * Surveys that repeat (the half-yearly survey, the monthly pulse) share a
   * series: results show each question's change since the previous run.
   */
  series: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,62}$/, "lower-case letters, digits and hyphens")
    .optional(),
  /**
   * This run's name in a few words ("H2 2025", "October 2026"): the next run's
   * results compare with it as "vs H2 2025". Required with a series.
   */
  shortTitle: ZSurveyText.optional(),
  /** The SurveyJS JSON (pages/elements), checked further by describeQuestions(). */
  definition: z.looseObject({ pages: z.array(z.looseObject({ name: z.string(), elements: z.array(z.looseObject({})) })).min(1) }),
});

export const ZSurveyFile = ZSurveyFields.refine((s) => s.opens <= s.closes, {
  message: "closes must not be before opens",
  path: ["closes"],
})
  .refine((s) => new Set(s.segments ?? []).size === (s.segments ?? []).length, {
    message: "a segment is named twice",
    path: ["segments"],
  })
  .refine((s) => s.short === undefined || s.access === "invitation", {
    message: "a short address is for the slips of an invitation survey",
    path: ["short"],
  })
  .refine((s) => s.series === undefined || s.shortTitle !== undefined, {
    message: 'a survey in a series needs a shortTitle ("H2 2025"): the next run\'s results compare with it by that name',
    path: ["shortTitle"],
  })
  .refine((s) => (s.access === "invitation") === (s.invitationKey !== undefined), {
    message: "an invitation survey needs its published key, an open survey has none: run npm run survey:keys",
    path: ["invitationKey"],
  });

export type TSurveyFile = z.infer<typeof ZSurveyFile>;
export type TSurveyDefinition = TSurveyFile["definition"];

export type SurveyStatus = "upcoming" | "open" | "closed";

/** Status from the calendar day (UTC): open from `opens` through `closes`, inclusive. */
export function surveyStatus(survey: Pick<TSurveyFile, "opens" | "closes">, today: string): SurveyStatus {
  if (today < survey.opens) return "upcoming";
  if (today > survey.closes) return "closed";
  return "open";
}

/** k for this survey: its own setting, else the site's, never below the floor. */
export function effectiveMinGroupSize(survey: Pick<TSurveyFile, "minGroupSize">, siteDefault: number): number {
  return clampMinGroupSize(survey.minGroupSize ?? siteDefault);
}

/** Whether results may be published now, given the survey's visibility rule: only once it has closed. */
export function resultsAvailable(visibility: TVisibility, status: SurveyStatus): "yes" | "hidden" | "not_yet" {
  if (visibility === "hidden") return "hidden";
  return status === "closed" ? "yes" : "not_yet";
}

export { LOCALES };
