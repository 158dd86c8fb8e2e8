// Staff forums (员工座谈会): src/content/forums/<yyyy-mm-dd>-<slug>.md. The
// front matter says when, where, what and who may come; once held, it adds
// the decisions and the action items (owner role, due day, status) and what
// they concern (ideas, surveys, policy versions). The body is the minutes, in
// both languages, each after a `<!-- en -->` / `<!-- zh-cn -->` line.
import { parse as parseYaml } from "yaml";
import { LOCALES, type Locale } from "#i18n/config.ts";
import type { Day } from "../clock.ts";
import { ContentValidationError, type ContentFile } from "../content.ts";
import { problem as coded, type Problem } from "../problems.ts";
import { checkForum, LOCALE_MARK, type Forum, type ForumProblem, type ForumRefs, type TAction } from "./forum-rules.ts";

export * from "./forum-rules.ts";

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

export function isUpcoming(forum: Pick<Forum, "date">, today: Day): boolean {
  return forum.date >= today;
}

/** An open action item past its due day. */
export function isOverdue(action: Pick<TAction, "status" | "due">, today: Day): boolean {
  return action.status === "open" && action.due < today;
}

export function parseForums(files: ContentFile[], refs: ForumRefs): Forum[] {
  const problems: string[] = [];
  const out: Forum[] = [];
  for (const { path, text } of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const forum = checkForumFile(path, text, refs, (field, p) => problems.push(`${path}: ${field}: ${p.message}`));
    if (forum) out.push(forum);
  }
  if (problems.length > 0) throw new ContentValidationError("forums", "src/content/forums", problems);
  return out.sort((a, b) => b.starts.localeCompare(a.starts));
}

/** A forum file's front matter and its minutes per locale, before any check. */
export function splitForumFile(text: string, report: ForumProblem): { raw: unknown; minutes: Partial<Record<Locale, string>> } | null {
  const fm = FRONT_MATTER.exec(text);
  if (!fm) {
    report("(file)", coded("front_matter", "starts with front matter between two --- lines"));
    return null;
  }
  try {
    return { raw: parseYaml(fm[1]!), minutes: splitMinutes(fm[2]!, (p) => report("minutes", p)) };
  } catch (err) {
    report("(front matter)", coded("front_matter", `not valid YAML: ${(err as Error).message.split("\n")[0]}`));
    return null;
  }
}

/**
 * One forum file's checks (`path` its name in the folder): the build runs
 * them on every file, the server on a draft before approving and publishing
 * it. Returns the forum, or null after reporting each problem.
 */
export function checkForumFile(path: string, text: string, refs: ForumRefs, at: ForumProblem): Forum | null {
  return checkForum(path, (report) => splitForumFile(text, report), refs, at);
}

/** The body split at its `<!-- locale -->` lines; text before the first one is refused. */
function splitMinutes(body: string, problem: (p: Problem) => void): Partial<Record<Locale, string>> {
  const parts = body.split(LOCALE_MARK);
  const out: Partial<Record<Locale, string>> = {};
  if (parts[0]!.trim() !== "") problem(coded("minutes_before_mark", "write the minutes after a <!-- en --> or <!-- zh-cn --> line"));
  for (let i = 1; i < parts.length; i += 2) {
    const locale = parts[i]!;
    const text = parts[i + 1]!.trim();
    if (!(LOCALES as readonly string[]).includes(locale))
      problem(coded("minutes_locale", `unknown locale "${locale}" (known: ${LOCALES.join(", ")})`, { locale, known: LOCALES.join(", ") }));
    else if (text !== "") out[locale as Locale] = text;
  }
  return out;
}

/** The UTC instant of a local date-time in a time zone (exact, DST included). */
export function zonedToUtc(local: string, timeZone: string): Date {
  const guess = Date.parse(`${local}:00Z`);
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      })
        .formatToParts(instant)
        .map((p) => [p.type, p.value]),
    );
    const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
    return asUtc - instant;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}
