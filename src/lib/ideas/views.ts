// Who sees what of an idea, in one place: its author (the tracking page), everyone
// (the board) and HR (the console). db/ideas.ts reads the rows; these turn a
// stored idea into what each reader is shown. How an idea's state changes is
// ./transitions.ts.
import { addDays } from "../clock.ts";
import type { AdminIdea, BoardIdea, IdeaMessage, StatusChange, TrackedIdea } from "./model.ts";
import type { IdeaFacts } from "./transitions.ts";
import type { IdeaCategory, IdeaStatus, Verdict } from "./vocabulary.ts";

/** An idea as stored, with the verdict it replaced (kept for the day boundary, migration 0014). */
export interface StoredIdea extends IdeaFacts {
  category: IdeaCategory;
  title: string;
  body: string;
  receivedOn: string;
  verdict: Verdict | null;
  verdictComment: string | null;
  verdictOn: string | null;
  verdictBefore: Verdict | null;
  verdictBeforeComment: string | null;
  verdictBeforeOn: string | null;
  version: number;
}

/** What every view is built from besides the idea: its timeline, its whole conversation, its published "me too" count. */
export interface IdeaParts {
  history: StatusChange[];
  messages: IdeaMessage[];
  supportCount: number;
}

/**
 * What employees did today reaches HR tomorrow — an idea, a reply, a verdict
 * — so the moment HR looks says nothing about when someone wrote. An idea
 * received today is not HR's yet (the console answers as for an unknown id).
 */
export const hrSees = (idea: { receivedOn: string }, today: string): boolean => idea.receivedOn < today;

/** HR's own messages at once, the author's from before today. */
export const hrSeesMessage = (m: IdeaMessage, today: string): boolean => m.from === "hr" || m.on < today;

/** The board shows HR's public answers only, never the author's words nor a private answer. */
export const onBoard = (m: IdeaMessage): boolean => m.from === "hr" && m.visibility === "public";

/**
 * The author's verdict as HR and the board see it: the one given before today,
 * so a verdict given today shows tomorrow, and until then the one it replaced.
 * Neither view changes while the day lasts, so the time of a look says nothing
 * about when the author acted. (The inbox filters and counts by the same rule
 * in SQL: db/ideas.ts, shownVerdictSql.)
 */
export function shownVerdict(idea: StoredIdea, today: string): { verdict: Verdict | null; comment: string | null; on: string | null } {
  if (idea.verdictOn !== null && idea.verdictOn < today) return { verdict: idea.verdict, comment: idea.verdictComment, on: idea.verdictOn };
  if (idea.verdictBeforeOn !== null && idea.verdictBeforeOn < today) {
    return { verdict: idea.verdictBefore, comment: idea.verdictBeforeComment, on: idea.verdictBeforeOn };
  }
  return { verdict: null, comment: null, on: null };
}

/** The acknowledgement promise: its last day, and whether it passed with no status move or answer from HR. */
export function promise(receivedOn: string, acknowledgedOn: string | null, today: string, ackPromiseDays: number) {
  const dueOn = addDays(receivedOn, ackPromiseDays);
  return { dueOn, overdue: acknowledgedOn === null && today > dueOn };
}

/**
 * Retention empties a closed idea's title and text once past its term
 * (src/server/retention.ts); a title is never empty otherwise. The views say
 * so, with the term, so that no page shows an empty title.
 */
export function textDeletedAfter(title: string, ideaTextDays: number): number | null {
  return title === "" ? ideaTextDays : null;
}

/** What the author and HR both see as it is: the author's own words and the idea's state. */
function ownWords(idea: StoredIdea, ideaTextDays: number) {
  const { id, category, title, body, status, receivedOn, publishConsent, published } = idea;
  return {
    id,
    category,
    title,
    body,
    textDeletedAfterDays: textDeletedAfter(title, ideaTextDays),
    status,
    receivedOn,
    publishConsent,
    published,
  };
}

/** The author: their own text, HR's moderated version once published, every message, their verdict at once. */
export function trackedView(idea: StoredIdea, parts: IdeaParts, ideaTextDays: number): TrackedIdea {
  return {
    ...ownWords(idea, ideaTextDays),
    publicTitle: idea.published ? idea.publicTitle : null,
    publicBody: idea.published ? idea.publicBody : null,
    rewarded: idea.rewarded,
    rewardNote: idea.rewarded ? idea.rewardNote : null,
    verdict: idea.verdict,
    verdictComment: idea.verdictComment,
    supportCount: parts.supportCount,
    history: parts.history,
    messages: parts.messages,
  };
}

/**
 * Everyone: a published idea's moderated text (never the original), HR's
 * public answers, the verdict from before today, and a duplicate link only to
 * an original that is itself on the board. Null for an unpublished idea.
 */
export function boardView(idea: StoredIdea, parts: IdeaParts & { duplicatePublished: boolean }, today: string): BoardIdea | null {
  if (!idea.published) return null;
  return {
    id: idea.id,
    category: idea.category,
    title: idea.publicTitle!,
    body: idea.publicBody!,
    status: idea.status,
    publishedOn: idea.publishedOn!,
    rewarded: idea.rewarded,
    rewardNote: idea.rewarded ? idea.rewardNote : null,
    verdict: shownVerdict(idea, today).verdict,
    supportCount: parts.supportCount,
    duplicateOf: parts.duplicatePublished ? idea.duplicateOf : null,
    history: parts.history,
    answers: parts.messages.filter(onBoard).map((m) => ({ body: m.body, on: m.on })),
  };
}

/** HR: everything the author sent and everything said since, as of the day boundary; null for an idea that is not HR's yet. */
export function adminView(
  idea: StoredIdea,
  parts: IdeaParts & {
    acknowledgedOn: string | null;
    duplicate: { id: string; title: string; status: IdeaStatus } | null;
  },
  options: { today: string; ackPromiseDays: number; ideaTextDays: number },
): AdminIdea | null {
  if (!hrSees(idea, options.today)) return null;
  const verdict = shownVerdict(idea, options.today);
  return {
    ...ownWords(idea, options.ideaTextDays),
    publicTitle: idea.publicTitle,
    publicBody: idea.publicBody,
    publishedOn: idea.publishedOn,
    rewarded: idea.rewarded,
    rewardNote: idea.rewardNote,
    duplicateOf: parts.duplicate,
    verdict: verdict.verdict,
    verdictComment: verdict.comment,
    verdictOn: verdict.on,
    supportCount: parts.supportCount,
    history: parts.history,
    messages: parts.messages.filter((m) => hrSeesMessage(m, options.today)),
    acknowledgedOn: parts.acknowledgedOn,
    ...promise(idea.receivedOn, parts.acknowledgedOn, options.today, options.ackPromiseDays),
    version: idea.version,
  };
}
