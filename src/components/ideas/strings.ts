// The suggestion-box strings of one language, passed to the islands as a prop.
import type { Locale } from "../../i18n/config.ts";
import { ui } from "../../i18n/index.ts";

export function ideaStrings(locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.entries(ui[locale]).filter(([key]) => key.startsWith("ideas.")));
}
