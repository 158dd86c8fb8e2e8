// The one place that says which languages exist and which is the default.
// Changing DEFAULT_LOCALE moves the unprefixed URLs to that language.
export const LOCALES = ["en", "zh-cn"] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = "en";

/** BCP 47 tags for <html lang> and Intl. */
export const LANG_TAG: Record<Locale, string> = { en: "en", "zh-cn": "zh-CN" };

/** Each language named in itself, for the language switcher. */
export const LOCALE_NAME: Record<Locale, string> = { en: "English", "zh-cn": "简体中文" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
