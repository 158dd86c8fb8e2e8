// How long Candor keeps what employees wrote (docs/operations.md#retention):
// the terms, per kind, and the day before which each kind is past its term.
// Free text is personal data under PIPL and GDPR: it is kept while it serves
// its purpose (HR answering an idea, reading a survey's comments before the
// next run), then deleted. Figures are never deleted: results, participation
// and the board's counts are built from rows that carry no free text.
import { addDays, type Day } from "./clock.ts";

export const RETENTION_KINDS = ["ideaTexts", "surveyComments", "surveyAnswers", "retryRecords"] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export interface RetentionTerms {
  /** Days after an idea was closed (done, declined, duplicate) that its texts, the author's verdict comment and the private replies are kept. */
  ideaTextDays: number;
  /** Days after the next run of a survey's series has closed that its comments (free-text answers) are kept. */
  commentDays: number;
  /** Days after a survey without a series (or whose next run is not planned) has closed that its comments are kept. */
  standaloneCommentDays: number;
  /** Days after a survey has closed that its other answers (ratings, choices: what HR's CSV export holds) are kept; its published figures stay. */
  answerDays: number;
  /** Days a retry record is kept: an idea's sealed receipt after it arrived, a survey's submission ids after it closed. */
  retryDays: number;
}

export const DEFAULT_TERMS: RetentionTerms = {
  ideaTextDays: 365,
  commentDays: 30,
  standaloneCommentDays: 365,
  answerDays: 365,
  retryDays: 2,
};

/** The variable behind each term, in the order they are listed. */
export const TERM_VARIABLES = {
  ideaTextDays: "RETENTION_IDEA_TEXT_DAYS",
  commentDays: "RETENTION_COMMENT_DAYS",
  standaloneCommentDays: "RETENTION_STANDALONE_COMMENT_DAYS",
  answerDays: "RETENTION_ANSWER_DAYS",
  retryDays: "RETENTION_RETRY_DAYS",
} as const satisfies Record<keyof RetentionTerms, string>;

export type RetentionVars = Partial<Record<(typeof TERM_VARIABLES)[keyof RetentionTerms], string>>;

/** A term's value, or why it is not one (a whole number of days from 0 to 3650; absent or empty: the default). */
function days(raw: string | undefined, fallback: number): number | string {
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isInteger(n) || n > 3650)
    return `a retention term is a whole number of days from 0 to 3650, not ${JSON.stringify(raw)}`;
  return n;
}

export interface ParsedTerms {
  /** The terms in force; a malformed variable's term is its documented default here, and listed in `problems`. */
  terms: RetentionTerms;
  /** One line per malformed variable, naming it ("RETENTION_COMMENT_DAYS: a retention term is …"); empty when all are well formed. */
  problems: string[];
  /** The malformed variables' names. */
  malformed: string[];
}

/**
 * The terms from the environment's RETENTION_* variables, parsed once, with
 * what is wrong with each malformed one. Deploy refuses any problem
 * (scripts/deploy.ts); the retention run refuses to delete anything
 * (readTerms); the public page states the problem (src/server/read-log.ts).
 */
export function parseTerms(vars: RetentionVars): ParsedTerms {
  const terms = { ...DEFAULT_TERMS };
  const problems: string[] = [];
  const malformed: string[] = [];
  for (const [term, name] of Object.entries(TERM_VARIABLES) as [keyof RetentionTerms, string][]) {
    const value = days(vars[name as keyof RetentionVars], DEFAULT_TERMS[term]);
    if (typeof value === "number") terms[term] = value;
    else {
      problems.push(`${name}: ${value}`);
      malformed.push(name);
    }
  }
  return { terms, problems, malformed };
}

/** The terms from the environment's RETENTION_* variables; a malformed one is an error, never a silent default. */
export function readTerms(vars: RetentionVars): RetentionTerms {
  const { terms, problems } = parseTerms(vars);
  if (problems.length > 0) throw new Error(problems.join("; "));
  return terms;
}

/** What ended on `end` is past a term of `term` days on `today` when end + term < today: the whole last day is kept. */
export function pastTerm(end: Day, term: number, today: Day): boolean {
  return addDays(end, term) < today;
}

/** The last day still kept: anything that ended before `cutoff(today, term)` is past its term. */
export function cutoff(today: Day, term: number): Day {
  return addDays(today, -term);
}

/**
 * The day a survey's comments stop being needed: the day the next run of its
 * series closed (HR reads them to prepare and compare that run), or its own
 * close for a survey without a next run, with the term that applies.
 */
export function commentsEnd(
  survey: { id: string; series?: string; opens: Day; closes: Day },
  all: readonly { id: string; series?: string; opens: Day; closes: Day }[],
  terms: RetentionTerms,
): { end: Day; term: number } {
  const next = survey.series
    ? all
        .filter((s) => s.series === survey.series && s.id !== survey.id && s.opens > survey.closes)
        .sort((a, b) => (a.opens < b.opens ? -1 : 1))[0]
    : undefined;
  return next ? { end: next.closes, term: terms.commentDays } : { end: survey.closes, term: terms.standaloneCommentDays };
}

/**
 * What the public page shows of one run's count of one kind
 * (docs/anonymity.md#retention-counts): null ("fewer than k") when the count
 * is below k, and, for a survey kind, when one survey in it counted fewer
 * than k — whoever knows the other surveys' counts would get that one's by
 * difference.
 */
export function publishedRunCount(run: { count: number; smallest: number | null }, k: number): number | null {
  return run.count >= k && (run.smallest === null || run.smallest >= k) ? run.count : null;
}
