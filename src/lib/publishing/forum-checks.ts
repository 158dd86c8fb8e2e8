// The build's checks on a staff forum, run on a draft by the server before
// it stores, approves and publishes one: the checks on its text
// (forum-draft.ts), then the draft written as the file it will be committed
// as (formatForumFile) and that text through the build's own per-file check
// (checkForumFile: ZForum, upcoming vs held, actions, decisions, references to
// surveys and published policy versions). The console runs the same rules on
// the fields (forumFieldProblems), without the file's YAML.
import { formatForumFile, type ForumBody } from "../programme/forum-file.ts";
import { checkForumFile, type ForumRefs } from "../programme/forums.ts";
import { draftReport, forumTextProblems } from "./forum-draft.ts";
import type { Problems } from "../problems.ts";

export { FORUM_DIR, FORUM_ID, forumPath } from "./forum-draft.ts";

/**
 * A forum draft's problems keyed by field (null: it passes), `path` the file
 * it writes: codes for HR's language, the build's English words for the API.
 */
export function forumDraftProblems(body: Record<string, unknown>, path: string, refs: ForumRefs): Problems | null {
  const problems = forumTextProblems(body);
  if (Object.keys(problems).length > 0) return problems;
  checkForumFile(path, formatForumFile(body as ForumBody), refs, draftReport(problems));
  return Object.keys(problems).length > 0 ? problems : null;
}
