// Number and unit formatting shared by the policy pages and the calculator, so
// a target reads the same ("88%", "5.5 min", "1.5‰") everywhere. Unit
// templates come from the UI strings ("policy.unit.minutes": "{value} min").
import { LANG_TAG, type Locale } from "../../i18n/config.ts";
import type { TUnit } from "./schema.ts";

export type UnitTemplates = Record<TUnit, string>;

export function formatNumber(locale: Locale, value: number, maxDigits = 2): string {
  return new Intl.NumberFormat(LANG_TAG[locale], { maximumFractionDigits: maxDigits }).format(value);
}

export function formatMeasure(locale: Locale, templates: UnitTemplates, unit: TUnit, value: number): string {
  return fill(templates[unit], { value: formatNumber(locale, value) });
}

export function formatDate(locale: Locale, isoDate: string): string {
  // Dates are calendar days: format in UTC so no time zone shifts them.
  return new Intl.DateTimeFormat(LANG_TAG[locale], { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

export function formatMoney(locale: Locale, currency: string, amount: number): string {
  return new Intl.NumberFormat(LANG_TAG[locale], { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
}

/** "A, B, and C" / "A、B和C": lists joined by the reader's language's own rules, everywhere the same. */
export function formatList(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(LANG_TAG[locale], { style: "long", type: "conjunction" }).format(items);
}

/** Which plural form a count takes ("one", "other", …) in the reader's language. */
export function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  return new Intl.PluralRules(LANG_TAG[locale]).select(count);
}

/** The same {placeholder} filling as src/i18n, for islands that get their strings as props. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}
