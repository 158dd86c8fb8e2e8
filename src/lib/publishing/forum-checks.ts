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

/** A forum draft's problems keyed by field, in the build's English words (the forum form shows them as they are). */
export type ForumProblems = Record<string, string>;

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

/** A forum draft's problems keyed by field (null: it passes), `path` the file it writes. */
export function forumDraftProblems(body: Record<string, unknown>, path: string, refs: ForumRefs): ForumProblems | null {
  const problems: ForumProblems = {};
  const minutes = body.minutes;
  if (minutes !== undefined) {
    if (!minutes || typeof minutes !== "object" || Array.isArray(minutes)) problems.minutes = "the minutes per language: en and zh-cn";
    else
      for (const [l, text] of Object.entries(minutes)) {
        const at = `minutes.${l}`;
        if (!(LOCALES as readonly string[]).includes(l)) problems[at] = "not a field of this file";
        else if (typeof text !== "string") problems[at] = "the minutes are text";
        else if (new RegExp(LOCALE_MARK.source, "m").test(text)) problems[at] = "a line like <!-- en --> would split the minutes";
        else if (HTML_TAG.test(text)) problems[at] = "write the minutes in Markdown, without HTML tags (<…>)";
      }
  }
  for (const [at, text] of strings(body)) {
    const minutes = at.startsWith("minutes.");
    if (hasUnsafeCharacters(text, { lineBreaks: minutes })) problems[at] ??= minutes ? UNSAFE_TEXT_MESSAGE : UNSAFE_LINE_MESSAGE;
  }
  if (Object.keys(problems).length > 0) return problems;
  checkForumFile(path, formatForumFile(body as ForumBody), refs, (field, message) => {
    problems[field === "(file)" || field === "(front matter)" ? "body" : field] ??= message;
  });
  return Object.keys(problems).length > 0 ? problems : null;
}
