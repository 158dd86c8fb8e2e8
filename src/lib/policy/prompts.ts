// What prompted a version's changes must exist: a forum the site has (held
// before the version took effect), a survey it has, an idea id from the
// suggestion box. The build checks every version with it
// (src/lib/programme/record.ts); the console and the server check a draft
// with it before it is saved, approved and published.
import { IDEA_ID } from "../programme/idea-id.ts";
import type { TPolicyVersion } from "./schema.ts";

/** The forums (by id, <yyyy-mm-dd>-<slug>: the id starts with the forum's day) and surveys the site has. */
export interface PromptRefs {
  forums: readonly string[];
  surveys: readonly string[];
}

/** The rules' codes; the console says them in HR's words (src/lib/problems.ts lists them with the others). */
export type PromptProblemCode = "unknown_forum" | "forum_after" | "unknown_survey" | "idea_id";

export interface PromptProblem {
  /** The index in promptedBy; the problem is with its id. */
  index: number;
  code: PromptProblemCode;
  vars: Record<string, string>;
  message: string;
}

export function promptProblems(v: Pick<TPolicyVersion, "promptedBy" | "effective">, refs: PromptRefs): PromptProblem[] {
  const out: PromptProblem[] = [];
  v.promptedBy.forEach((p, index) => {
    const add = (code: PromptProblemCode, message: string, vars: Record<string, string> = {}) => out.push({ index, code, vars, message });
    if (p.kind === "forum" && !refs.forums.includes(p.id)) add("unknown_forum", `no forum "${p.id}" in src/content/forums`, { id: p.id });
    else if (p.kind === "forum" && p.id.slice(0, 10) > v.effective)
      add("forum_after", `forum "${p.id}" took place after the version took effect (${v.effective})`, { effective: v.effective });
    if (p.kind === "survey" && !refs.surveys.includes(p.id)) add("unknown_survey", `no survey "${p.id}"`, { id: p.id });
    if (p.kind === "idea" && !IDEA_ID.test(p.id)) add("idea_id", `"${p.id}" is not an idea id (a UUID)`);
  });
  return out;
}
