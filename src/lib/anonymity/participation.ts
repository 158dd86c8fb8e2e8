// Participation figures (how many people answered a survey, how many ideas
// arrived, how many verdicts) in steps. Polled often enough, a count that
// moves by one is a clock for someone's submission: it tells the day, or the
// minute, a person acted. Published counts therefore leave out today and
// advance only in steps of at least k, over whole past days; a final tail of
// fewer than k is never published (docs/anonymity.md, "Participation").
import { addDays, type Day } from "../clock.ts";

export interface DayCount {
  day: Day;
  /** Submissions that day (or, in published steps, since the previous step, up to and including that day). */
  responses: number;
}

export interface Participation {
  /** The published count: everything up to the last step. */
  total: number;
  /** One entry per step: its last day and the count it added. */
  steps: DayCount[];
  /** Exclusive: the published count covers days before this one. */
  before: Day;
}

/**
 * Steps over whole days before `until` (exclusive: today, or the day after a
 * survey closed), each adding at least k. Two values read at any two moments
 * therefore differ by 0 or by k or more.
 */
export function participationSteps(perDay: readonly DayCount[], until: Day, k: number): Participation {
  const past = perDay.filter((d) => d.day < until && d.responses > 0).sort((a, b) => (a.day < b.day ? -1 : 1));
  const steps: DayCount[] = [];
  let since = 0;
  let before = past[0]?.day ?? until;
  for (const d of past) {
    since += d.responses;
    if (since >= k) {
      steps.push({ day: d.day, responses: since });
      before = addDays(d.day, 1);
      since = 0;
    }
  }
  return { total: steps.reduce((n, s) => n + s.responses, 0), steps, before };
}
