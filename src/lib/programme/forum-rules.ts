// A staff forum's schema and rules, whatever holds it: the build reads them
// from the Markdown file (forums.ts), the console checks a draft's fields
// against them as HR types, without the file's YAML in the browser.
import { z } from "zod";
import { LOCALES, type Locale } from "#i18n/config.ts";
import { isDay, type Day } from "../clock.ts";
import { ZLocalized } from "../policy/schema.ts";
import { formatPath } from "../content.ts";
import { IDEA_ID } from "./idea-id.ts";
import { problem as coded, problemOfIssue, type Problem, type ProblemCode, type ProblemVars } from "../problems.ts";

const day = z.iso.date("a day is written YYYY-MM-DD");
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "a local date and time, YYYY-MM-DDTHH:MM");
const slug = z.string().regex(/^[a-z][a-z0-9-]*$/, "lower-case letters, digits and hyphens");

export const ACTION_STATUSES = ["open", "done", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ZConcerns = z.strictObject({
  ideas: z.array(z.string().regex(IDEA_ID, "an idea id from the suggestion box (a UUID)")).default([]),
  surveys: z.array(z.string()).default([]),
  policy: z.array(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a policy version id, YYYY-MM")).default([]),
});
export type TConcerns = z.infer<typeof ZConcerns>;

export const ZAction = z.strictObject({
  id: slug,
  text: ZLocalized,
  /** A role, never a person's name: "Head of workforce planning". */
  owner: ZLocalized,
  due: day,
  status: z.enum(ACTION_STATUSES),
  /** What came of it, once done or dropped. */
  outcome: ZLocalized.optional(),
});
export type TAction = z.infer<typeof ZAction>;

export const ZDecision = z.strictObject({
  text: ZLocalized,
  /** The policy version that carried the change out, if it led to one. */
  policy: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  /** Action items (ids in this forum) that carry it out. */
  actions: z.array(slug).default([]),
});
export type TDecision = z.infer<typeof ZDecision>;

/** A survey result discussed at the forum, in words a reader can check against the survey's published results. */
export const ZFinding = z.strictObject({
  survey: z.string(),
  text: ZLocalized,
});
export type TFinding = z.infer<typeof ZFinding>;

export const ZForum = z.strictObject({
  /** Local date and time in `timeZone`. */
  starts: localTime,
  ends: localTime,
  timeZone: z.string().refine(isTimeZone, { message: "an IANA time zone such as Asia/Shanghai", params: { problem: "time_zone" } }),
  place: ZLocalized,
  /** For an online or hybrid forum. */
  link: z.url({ protocol: /^https$/, error: "an https:// link" }).optional(),
  topic: ZLocalized,
  /** Who may attend. */
  audience: ZLocalized,
  findings: z.array(ZFinding).default([]),
  decisions: z.array(ZDecision).default([]),
  actions: z.array(ZAction).default([]),
  concerns: ZConcerns.default({ ideas: [], surveys: [], policy: [] }),
});
export type TForum = z.infer<typeof ZForum>;

export interface Forum extends TForum {
  /** The file name without .md: yyyy-mm-dd-slug, also the URL. */
  id: string;
  /** The day it starts (local). */
  date: Day;
  /** Minutes in Markdown per locale; empty before the forum is held. */
  minutes: Partial<Record<Locale, string>>;
}

export interface ForumRefs {
  surveys: ReadonlySet<string>;
  /** Published policy versions. */
  policy: ReadonlySet<string>;
  today: Day;
}

const FILE_NAME = /^(\d{4}-\d{2}-\d{2})-[a-z0-9][a-z0-9-]*\.md$/;
export const LOCALE_MARK = /^<!--\s*([a-z-]+)\s*-->\s*$/m;

/**
 * Where a check found a problem: the field (as formatPath writes it) and what
 * is wrong (its code and figures for HR's language, the build's English words).
 */
export type ForumProblem = (field: string, problem: Problem) => void;

/** A forum's front matter (`raw`, before any check) and its minutes per locale, as read from its file or a draft. */
export interface ForumParts {
  raw: unknown;
  minutes: Partial<Record<Locale, string>>;
}

/**
 * One forum's checks, `path` its file's name in the folder: the name, then
 * what `read` gives (reporting what it cannot read: the file's YAML, or
 * nothing for a draft's fields), then the schema and the rules. Returns the
 * forum, or null after reporting each problem.
 */
export function checkForum(
  path: string,
  read: (report: ForumProblem) => ForumParts | null,
  refs: ForumRefs,
  at: ForumProblem,
): Forum | null {
  const name = FILE_NAME.exec(path.slice(path.lastIndexOf("/") + 1));
  if (!name) {
    at("(file)", coded("forum_file_name", "name the file <yyyy-mm-dd>-<slug>.md, after the day of the forum"));
    return null;
  }
  let count = 0;
  const problem: ForumProblem = (field, p) => {
    count++;
    at(field, p);
  };
  const say = (field: string, code: ProblemCode, message: string, vars?: ProblemVars) => problem(field, coded(code, message, vars));
  const split = read(problem);
  if (!split) return null;
  const result = ZForum.safeParse(split.raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      // an unknown field is named as a field of its own, so the console can show it where it is
      // (the build's words stay zod's own, "Unrecognized key: …")
      if (issue.code === "unrecognized_keys")
        for (const key of issue.keys) problem(formatPath([...issue.path, key]), { ...problemOfIssue(issue), message: issue.message });
      else problem(formatPath(issue.path), problemOfIssue(issue));
    }
    return null;
  }
  const data = result.data;
  const { minutes } = split;
  const date = data.starts.slice(0, 10);
  if (!isDay(date)) say("starts", "not_a_day", `${data.starts} is not a real day`, { value: date });
  if (date !== name[1]) say("starts", "forum_day", `${date} does not match the day in the file name (${name[1]})`, { day: name[1]! });
  if (data.ends <= data.starts) say("ends", "ends_before_starts", `${data.ends} is not after ${data.starts}`, { starts: data.starts });

  const upcoming = date >= refs.today;
  if (upcoming) {
    if (data.findings.length + data.decisions.length + data.actions.length > 0 || Object.keys(minutes).length > 0) {
      say("(file)", "not_yet_held", `the forum is on ${date}, not yet held: minutes, findings, decisions and actions come after it`, {
        day: date,
      });
    }
  } else if (Object.keys(minutes).length > 0) {
    for (const l of LOCALES)
      if (!minutes[l]) say("minutes", "minutes_missing", `no minutes in ${l} (add a <!-- ${l} --> section)`, { locale: l });
  }

  const actionIds = new Set<string>();
  data.actions.forEach((a, i) => {
    if (actionIds.has(a.id)) say(`actions[${i}].id`, "duplicate_id", `duplicate action id "${a.id}"`, { id: a.id });
    actionIds.add(a.id);
    if (a.due < date) say(`actions[${i}].due`, "due_before_forum", `${a.due} is before the forum (${date})`, { day: date });
    if (a.status !== "open" && !a.outcome) say(`actions[${i}].outcome`, "outcome_missing", `say what came of a ${a.status} action`);
  });
  const published = [...refs.policy].join(", ");
  const noPolicy = (field: string, version: string) =>
    say(field, "policy_unknown", `no published policy version "${version}"`, { version, published });
  const surveys = [...refs.surveys].join(", ");
  const noSurvey = (field: string, survey: string) =>
    say(field, "survey_unknown", `no survey "${survey}" (surveys: ${surveys})`, { survey, surveys });
  data.decisions.forEach((d, i) => {
    d.actions.forEach((id, j) => {
      if (!actionIds.has(id)) say(`decisions[${i}].actions[${j}]`, "unknown_action", `no action "${id}" in this forum`, { id });
    });
    if (d.policy && !refs.policy.has(d.policy)) noPolicy(`decisions[${i}].policy`, d.policy);
  });
  data.findings.forEach((f, i) => {
    if (!refs.surveys.has(f.survey)) noSurvey(`findings[${i}].survey`, f.survey);
  });
  data.concerns.surveys.forEach((s, i) => {
    if (!refs.surveys.has(s)) noSurvey(`concerns.surveys[${i}]`, s);
  });
  data.concerns.policy.forEach((v, i) => {
    if (!refs.policy.has(v)) noPolicy(`concerns.policy[${i}]`, v);
  });
  return count === 0 ? { ...data, id: path.slice(path.lastIndexOf("/") + 1).replace(/\.md$/, ""), date, minutes } : null;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
