// The change of one question since the previous run, in words: the same
// parts in the same order on the public survey page and in the HR console,
// each page in its own strings. Zod-free: both run in the browser.
import type { Locale } from "#i18n/config.ts";
import type { TSurveyText } from "./schema.ts";
import { localText } from "./text.ts";
import type { QuestionTrend } from "./trends.ts";

/** A phrase per kind of change; `change` arrives signed and formatted for the page's language. */
export interface TrendPhrases {
  mean(change: string): string;
  favourable(change: string): string;
  choice(label: string, change: string): string;
  /** A ranking item's average position now minus then: negative means it moved up. */
  rank(label: string, change: string): string;
}

interface Labelled {
  choices?: { value: unknown; text: TSurveyText | string }[];
  ranking?: { value: unknown; text: TSurveyText | string }[];
}

export const signedNumber = (locale: Locale, n: number, digits: number) =>
  new Intl.NumberFormat(locale, { signDisplay: "exceptZero", maximumFractionDigits: digits }).format(n);

/** The figures of a compared question, each as a phrase; empty when none is left to show. */
export function trendParts(trend: QuestionTrend, q: Labelled, locale: Locale, say: TrendPhrases): string[] {
  const label = (list: Labelled["choices"], value: unknown) =>
    localText(list?.find((x) => String(x.value) === String(value))?.text ?? String(value), locale);
  const parts: string[] = [];
  if (trend.mean !== undefined) parts.push(say.mean(signedNumber(locale, trend.mean, 2)));
  if (trend.favourable !== undefined) parts.push(say.favourable(signedNumber(locale, trend.favourable, 1)));
  for (const c of trend.choices ?? [])
    if (c.change !== null) parts.push(say.choice(label(q.choices, c.value), signedNumber(locale, c.change, 1)));
  for (const r of trend.ranking ?? []) parts.push(say.rank(label(q.ranking, r.value), signedNumber(locale, r.change, 2)));
  return parts;
}
