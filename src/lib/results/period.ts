// Result cycles and the calendar periods they cover. A cycle id says its
// period: 2026-10 (a month), 2026-Q3 (a quarter), 2026-H1 (a half-year),
// 2025 (a year). Days are UTC calendar days, as everywhere (src/lib/clock.ts).
import { addDays, type Day } from "../clock.ts";

export const PERIOD_KINDS = ["monthly", "quarterly", "half-year", "annual"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  id: string;
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4 or half 1–2; the year itself for annual. */
  index: number;
  /** First day, inclusive. */
  start: Day;
  /** Last day, inclusive. */
  end: Day;
  /** Calendar months covered. */
  months: number;
}

export const CYCLE_ID_PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12]))?$/;

export function parsePeriod(id: string): Period | null {
  const m = CYCLE_ID_PATTERN.exec(id);
  if (!m) return null;
  const year = Number(m[1]);
  const [kind, index, firstMonth, months]: [PeriodKind, number, number, number] = m[2]
    ? ["monthly", Number(m[2]), Number(m[2]), 1]
    : m[3]
      ? ["quarterly", Number(m[3]), (Number(m[3]) - 1) * 3 + 1, 3]
      : m[4]
        ? ["half-year", Number(m[4]), (Number(m[4]) - 1) * 6 + 1, 6]
        : ["annual", year, 1, 12];
  const start = monthStart(year, firstMonth);
  const end = addDays(monthStart(year + Math.floor((firstMonth - 1 + months) / 12), ((firstMonth - 1 + months) % 12) + 1), -1);
  return { id, kind, year, index, start, end, months };
}

function monthStart(year: number, month: number): Day {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`;
}

/** Whether `day` falls within the period (both ends inclusive). */
export function periodContains(period: Pick<Period, "start" | "end">, day: Day): boolean {
  return period.start <= day && day <= period.end;
}

/** Newest first: by end day, and a longer period after the shorter ones ending with it (2026-09, then 2026-Q3). */
export function comparePeriodsNewestFirst(a: Period, b: Period): number {
  return b.end.localeCompare(a.end) || a.months - b.months || a.id.localeCompare(b.id);
}
