// A survey's localisable text in one language. Zod-free, so the results
// script in the browser reads titles and choices exactly as the pages do.
import type { Locale } from "#i18n/config.ts";
import type { TSurveyText } from "./schema.ts";

export function localText(text: TSurveyText | string | undefined, locale: Locale): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  // SurveyJS's "default" is the survey's own language, English here, whatever DEFAULT_LOCALE says.
  return locale === "en" ? text.default : (text[locale] ?? text.default);
}
