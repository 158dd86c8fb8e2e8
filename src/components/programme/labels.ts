// How periods, counts and money read in each language, the same on every page.
import { LANG_TAG, type Locale } from "#i18n/config.ts";
import { useTranslations } from "#i18n/index.ts";
import type { Period } from "#lib/results/period.ts";

export function periodLabel(locale: Locale, period: Pick<Period, "kind" | "year" | "index" | "start">): string {
  const t = useTranslations(locale);
  switch (period.kind) {
    case "monthly":
      // Intl writes "October 2026" / "2026年10月", as the site's dates do.
      return new Intl.DateTimeFormat(LANG_TAG[locale], { year: "numeric", month: "long", timeZone: "UTC" }).format(
        new Date(`${period.start}T00:00:00Z`),
      );
    case "quarterly":
      // 2026年第三季度: Chinese counts quarters in words
      return t("period.quarterly", { index: locale === "zh-cn" ? "一二三四"[period.index - 1]! : period.index, year: period.year });
    case "half-year":
      return t(period.index === 1 ? "period.half-year.1" : "period.half-year.2", { year: period.year });
    case "annual":
      return t("period.annual", { year: period.year });
  }
}

/** A count of people that may be withheld: the number, or "fewer than k". */
export function peopleCount(locale: Locale, count: number | null, k: number): string {
  const t = useTranslations(locale);
  return count === null ? t("cycle.tiers.fewer", { k }) : new Intl.NumberFormat(LANG_TAG[locale]).format(count);
}

export function percent(locale: Locale, share: number): string {
  return new Intl.NumberFormat(LANG_TAG[locale], { style: "percent", maximumFractionDigits: 1 }).format(share);
}
