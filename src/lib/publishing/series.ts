// The survey series HR can start a next run of, for the console: the latest
// run of each series whose next run the publisher can write (an open survey
// whose id names its period). Computed at build time from the registry.
import { isRefusal, nextRun } from "../surveys/next-run.ts";
import type { TSurveyFile, TSurveyText } from "../surveys/schema.ts";

export interface SeriesLatest {
  series: string;
  /** The latest run: the next is drafted from it. */
  from: string;
  title: TSurveyText;
  /** The id the next run will have. */
  next: string;
}

export function seriesLatest(surveys: readonly TSurveyFile[]): SeriesLatest[] {
  const latest = new Map<string, TSurveyFile>();
  for (const s of surveys) {
    if (!s.series) continue;
    const seen = latest.get(s.series);
    if (!seen || s.opens > seen.opens) latest.set(s.series, s);
  }
  return [...latest.values()].flatMap((s) => {
    const next = nextRun(s);
    return isRefusal(next) ? [] : [{ series: s.series!, from: s.id, title: s.title, next: next.id }];
  });
}
