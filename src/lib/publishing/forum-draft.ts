// A forum draft's fields checked without writing its file: what the console
// runs as HR types, so the browser needs no YAML. It is the server's check
// (forum-checks.ts) but for the file's text: the same checks on the text
// first, then the build's own schema and rules (forum-rules.ts) on the
// front matter and minutes the file would hold. test/unit/forum-file.test.ts
// checks both find the same on every shipped forum and every broken draft.
//
// The checks on the text are what the file's layout cannot carry: minutes
// are per locale, Markdown without HTML (the forum page renders them as
// HTML) and without a `<!-- locale -->` line (which would split them
// differently once committed); and no text with control characters or
// direction overrides (the rule every text anyone sends follows), only the
// minutes running over several lines.
import { LOCALES, type Locale } from "#i18n/config.ts";
import { formatPath } from "../content.ts";
import { hasUnsafeCharacters, UNSAFE_LINE_MESSAGE, UNSAFE_TEXT_MESSAGE } from "../text/unsafe-text.ts";
import { checkForum, LOCALE_MARK, type ForumProblem, type ForumRefs } from "../programme/forum-rules.ts";
import { problem, type Problems } from "../problems.ts";

export const FORUM_DIR = "src/content/forums";
/** A forum's id is its file name without .md: <yyyy-mm-dd>-<slug>. */
export const FORUM_ID = /^\d{4}-\d{2}-\d{2}-[a-z0-9][a-z0-9-]{0,60}$/;
export const forumPath = (id: string) => `${FORUM_DIR}/${id}.md`;

const HTML_TAG = /<[a-z!/?]/i;

/** Every string in `value` with its path, as the build names fields (actions[0].text.en). */
function strings(value: unknown, path: (string | number)[] = []): [string, string][] {
  if (typeof value === "string") return [[formatPath(path), value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...path, i]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

/** The checks on a draft's text, before its file is written or read: problems keyed by field. */
export function forumTextProblems(body: Record<string, unknown>): Problems {
  const problems: Problems = {};
  const minutes = body.minutes;
  if (minutes !== undefined) {
    if (!minutes || typeof minutes !== "object" || Array.isArray(minutes))
      problems.minutes = problem("minutes_per_language", "the minutes per language: en and zh-cn");
    else
      for (const [l, text] of Object.entries(minutes)) {
        const at = `minutes.${l}`;
        if (!(LOCALES as readonly string[]).includes(l)) problems[at] = problem("unknown_field", "not a field of this file");
        else if (typeof text !== "string") problems[at] = problem("wrong_type", "the minutes are text");
        else if (new RegExp(LOCALE_MARK.source, "m").test(text))
          problems[at] = problem("minutes_mark", "a line like <!-- en --> would split the minutes");
        else if (HTML_TAG.test(text)) problems[at] = problem("minutes_html", "write the minutes in Markdown, without HTML tags (<…>)");
      }
  }
  for (const [at, text] of strings(body)) {
    const minutes = at.startsWith("minutes.");
    if (hasUnsafeCharacters(text, { lineBreaks: minutes }))
      problems[at] ??= minutes ? problem("unsafe_text", UNSAFE_TEXT_MESSAGE) : problem("unsafe_line", UNSAFE_LINE_MESSAGE);
  }
  return problems;
}

/** Where the forum's rules report into a draft's problems: the file's own problems are the draft's (body). */
export function draftReport(problems: Problems): ForumProblem {
  return (field, p) => {
    // the minutes missing in one language are that language's field in the form
    const at =
      field === "(file)" || field === "(front matter)" ? "body" : p.code === "minutes_missing" ? `minutes.${p.vars.locale}` : field;
    problems[at] ??= p;
  };
}

/**
 * A forum draft's problems keyed by field (null: it passes), `path` the file
 * it writes, found on its fields as the file would hold them: the minutes
 * trimmed, only those with text (as formatForumFile writes them).
 */
export function forumFieldProblems(body: Record<string, unknown>, path: string, refs: ForumRefs): Problems | null {
  const problems = forumTextProblems(body);
  if (Object.keys(problems).length > 0) return problems;
  const { minutes, ...raw } = body as Record<string, unknown> & { minutes?: Partial<Record<Locale, string>> };
  const written = Object.fromEntries(LOCALES.filter((l) => minutes?.[l]?.trim()).map((l) => [l, minutes![l]!.trim()])) as Partial<
    Record<Locale, string>
  >;
  checkForum(path, () => ({ raw, minutes: written }), refs, draftReport(problems));
  return Object.keys(problems).length > 0 ? problems : null;
}
