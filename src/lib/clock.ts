// The one clock. Every business decision that depends on the date (is a
// survey open, is an idea overdue, which day a response is stored under) reads
// "today" through a Clock, so tests and the demo can pin it and nothing else
// calls `new Date()` for such a decision.
//
// A pin fixes the calendar day only; the time of day stays real, so rate-limit
// windows and Access token lifetimes keep working on a pinned clock.
//
// Days are UTC calendar days written YYYY-MM-DD: that is all an employee's
// submission ever carries (docs/anonymity.md).

/** A UTC calendar day, `YYYY-MM-DD`. */
export type Day = string;

export const DAY_MS = 86_400_000;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(value: unknown): value is Day {
  if (typeof value !== "string" || !DAY_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The UTC day of an instant. */
export function dayOf(instant: Date | number): Day {
  return new Date(instant).toISOString().slice(0, 10);
}

/** `day` moved by `n` days (negative: earlier). */
export function addDays(day: Day, n: number): Day {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface Clock {
  /** The current instant (on a pinned clock: the pinned day at the real time of day). */
  now(): Date;
  /** The current UTC day. */
  today(): Day;
  /** The day this clock is pinned to, if any. */
  readonly pinned: Day | null;
}

/** The machine's clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  today: () => dayOf(Date.now()),
  pinned: null,
};

/**
 * A clock whose calendar day is `day` and whose time of day is real. With no
 * day, the system clock. A malformed pin is an error, never silently ignored:
 * a demo or a test that thinks it is pinned must not run on the real date.
 */
export function pinnedClock(day: Day | undefined | null): Clock {
  if (day === undefined || day === null || day === "") return systemClock;
  if (!isDay(day)) throw new Error(`CANDOR_TODAY must be a day written YYYY-MM-DD, got ${JSON.stringify(day)}`);
  const offset = () => Date.parse(`${day}T00:00:00Z`) - Date.parse(`${dayOf(Date.now())}T00:00:00Z`);
  return {
    now: () => new Date(Date.now() + offset()),
    today: () => day,
    pinned: day,
  };
}
