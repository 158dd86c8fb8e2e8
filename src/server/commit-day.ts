// The day an employee's submission is stored under is read by the database
// when the batch commits (`date('now', …)` in the batch's own SQL), not when
// the request started: a request that began at 23:59:59 and committed after
// midnight then carries the later day, so a day that has ended never gains a
// row and the steps already published over it never change
// (src/lib/anonymity/participation.ts, src/lib/surveys/steps.ts).
import { dayOf, daysBetween, systemClock } from "#lib/clock.ts";

/** Days `now` (a pinned clock's instant) is away from the real date: 0 when deployed, where the pin is ignored. */
export function dayOffset(now: Date): number {
  return daysBetween(systemClock.today(), dayOf(now));
}

/** SQLite's date modifier for that offset, for `date('now', ?)`: "+0 days", "-3 days". */
export function dayModifier(offset: number): string {
  return `${offset >= 0 ? "+" : ""}${Math.trunc(offset)} days`;
}
