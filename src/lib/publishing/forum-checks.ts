// The build's checks on a staff forum, run on a draft: by the server before
// it stores, approves and publishes one. The draft's body is written as the
// file it will be committed as (formatForumFile) and that text goes through
// the build's own per-file check (checkForumFile: ZForum, upcoming vs held,
// actions, decisions, references to surveys and published policy versions).
// Before that, what the file's layout cannot carry: minutes are per locale,
// Markdown without HTML (the forum page renders them as HTML) and without a
// `<!-- locale -->` line (which would split them differently once committed);
// and no text with control characters or direction overrides (the rule every
// text anyone sends follows), only the minutes running over several lines.
import { LOCALES } from "#i18n/config.ts";
import { formatPath } from "../content.ts";
import { hasUnsafeCharacters, UNSAFE_LINE_MESSAGE, UNSAFE_TEXT_MESSAGE } from "../text/unsafe-text.ts";
import { formatForumFile, type ForumBody } from "../programme/forum-file.ts";
import { checkForumFile, LOCALE_MARK, type ForumRefs } from "../programme/forums.ts";
import { problem, type Problems } from "./problems.ts";

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

/**
 * A forum draft's problems keyed by field (null: it passes), `path` the file
 * it writes: codes for HR's language, the build's English words for the API.
 */
export function forumDraftProblems(body: Record<string, unknown>, path: string, refs: ForumRefs): Problems | null {
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
  if (Object.keys(problems).length > 0) return problems;
  checkForumFile(path, formatForumFile(body as ForumBody), refs, (field, p) => {
    // the minutes missing in one language are that language's field in the form
    const at =
      field === "(file)" || field === "(front matter)" ? "body" : p.code === "minutes_missing" ? `minutes.${p.vars.locale}` : field;
    problems[at] ??= p;
  });
  return Object.keys(problems).length > 0 ? problems : null;
}
