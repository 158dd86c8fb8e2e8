// The next run of a survey series, proposed from the latest one: the id's
// period moves on by the series' cadence (pulse-2026-11 → pulse-2026-12,
// reward-survey-2026-h2 → reward-survey-2027-h1), the dates move by the same
// span, the period's name moves in every text, and everything else
// (questions, version, audience, access, k, segments) is carried over. The
// console offers it, HR adjusts the dates and headcount, and the draft goes
// through the same schema the build checks.
import type { TSurveyFile, TSurveyText } from "./schema.ts";

export type Cadence = "monthly" | "half-yearly";

interface Period {
  cadence: Cadence;
  year: number;
  /** 1–12 for a month, 1–2 for a half. */
  index: number;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const HALF_EN = ["first half", "second half"];
const HALF_ZH = ["上半年", "下半年"];

/** The period an id ends with (`-2026-11`, `-2026-h2`), or null: a one-off survey has no next run. */
export function periodOf(id: string): { prefix: string; period: Period } | null {
  const month = /^(.+)-(\d{4})-(0[1-9]|1[0-2])$/.exec(id);
  if (month) return { prefix: month[1]!, period: { cadence: "monthly", year: Number(month[2]), index: Number(month[3]) } };
  const half = /^(.+)-(\d{4})-h([12])$/.exec(id);
  if (half) return { prefix: half[1]!, period: { cadence: "half-yearly", year: Number(half[2]), index: Number(half[3]) } };
  return null;
}

const monthsPer = (cadence: Cadence) => (cadence === "monthly" ? 1 : 6);

function following(p: Period): Period {
  const last = p.cadence === "monthly" ? 12 : 2;
  return p.index === last ? { ...p, year: p.year + 1, index: 1 } : { ...p, index: p.index + 1 };
}

function idPart(p: Period): string {
  return p.cadence === "monthly" ? `${p.year}-${String(p.index).padStart(2, "0")}` : `${p.year}-h${p.index}`;
}

/** How the period is named in each language, longest first so a longer name is replaced before a part of it. */
function names(p: Period): { en: string[]; zh: string[] } {
  if (p.cadence === "monthly") return { en: [`${MONTHS[p.index - 1]} ${p.year}`], zh: [`${p.year}年${p.index}月`] };
  return { en: [`${HALF_EN[p.index - 1]} of ${p.year}`, `H${p.index} ${p.year}`], zh: [`${p.year}年${HALF_ZH[p.index - 1]}`] };
}

function renamed(text: TSurveyText, from: Period, to: Period): TSurveyText {
  const [a, b] = [names(from), names(to)];
  let en = text.default;
  let zh = text["zh-cn"];
  a.en.forEach((name, i) => (en = en.replaceAll(name, b.en[i]!)));
  a.zh.forEach((name, i) => (zh = zh.replaceAll(name, b.zh[i]!)));
  return { default: en, "zh-cn": zh };
}

/** YYYY-MM-DD moved by whole months; a day the month lacks becomes its last (31 January + 1 month = 28/29 February). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

export interface NextRunRefusal {
  refused: string;
}

/**
 * The file of the run after `survey`, or why there is none: a survey outside
 * a series, or whose id names no period, or an invitation survey (its key is
 * derived per survey id from the deployment's seed, which only `npm run
 * survey:keys` holds).
 */
export function nextRun(survey: TSurveyFile): TSurveyFile | NextRunRefusal {
  if (!survey.series) return { refused: "not_in_series" };
  const parsed = periodOf(survey.id);
  if (!parsed) return { refused: "no_period" };
  if (survey.access !== "open") return { refused: "invitation" };
  const to = following(parsed.period);
  const step = monthsPer(parsed.period.cadence);
  const next: TSurveyFile = {
    ...survey,
    id: `${parsed.prefix}-${idPart(to)}`,
    title: renamed(survey.title, parsed.period, to),
    description: renamed(survey.description, parsed.period, to),
    opens: addMonths(survey.opens, step),
    closes: addMonths(survey.closes, step),
  };
  if (survey.shortTitle) next.shortTitle = renamed(survey.shortTitle, parsed.period, to);
  return next;
}

export const isRefusal = (x: TSurveyFile | NextRunRefusal): x is NextRunRefusal => "refused" in x;
