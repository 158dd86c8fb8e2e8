// The console's strings of one language, passed to the island as a prop: its
// own keys plus the suggestion box's status and category names.
import type { Locale } from "../../i18n/config.ts";
import { ui } from "../../i18n/index.ts";

const PREFIXES = ["admin.", "ideas.status.", "ideas.category."];

export function adminStrings(locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.entries(ui[locale]).filter(([key]) => PREFIXES.some((p) => key.startsWith(p))));
}
