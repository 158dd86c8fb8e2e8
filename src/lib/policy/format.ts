// Number and unit formatting shared by the policy pages and the calculator, so
// a target reads the same ("88%", "5.5 min", "1.5‰") everywhere. Unit
// templates come from the UI strings ("policy.unit.minutes": "{value} min").
import { LANG_TAG, type Locale } from "#i18n/config.ts";
import { formatDay, type Vars } from "#i18n/translate.ts";
import type { TUnit } from "./schema.ts";

/** Any translator that holds the unit templates: the pages' whole dictionary, or the calculator's picked strings. */
export interface UnitTranslator {
  (key: `policy.unit.${TUnit}`, vars?: Vars): string;
  readonly locale: Locale;
}

export function formatNumber(locale: Locale, value: number, maxDigits = 2): string {
  return new Intl.NumberFormat(LANG_TAG[locale], { maximumFractionDigits: maxDigits }).format(value);
}

export function formatMeasure(t: UnitTranslator, unit: TUnit, value: number): string {
  return t(`policy.unit.${unit}`, { value: formatNumber(t.locale, value) });
}

export function formatDate(locale: Locale, isoDate: string): string {
  return formatDay(locale, isoDate);
}

export function formatMoney(locale: Locale, currency: string, amount: number): string {
  return new Intl.NumberFormat(LANG_TAG[locale], { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
}
