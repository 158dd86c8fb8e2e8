// The policy's texts come as {en, zh-cn} pairs; a page shows the one in its
// language. Published policy versions are a fixed record whose English keeps
// the organisation's own Chinese terms in brackets ("this budget (成本控制)"):
// an English page leaves those glosses out at display. Text HR writes
// (answers, moderated ideas, notes) is never split or trimmed: it is shown as
// written, on both languages' pages.
import type { Locale } from "#i18n/config.ts";

/**
 * A Chinese term in brackets inside English text — "this budget (成本控制)" —
 * is the organisation's own word, kept in the published record; an English
 * page leaves it out. Only brackets that hold nothing but Chinese go.
 */
const GLOSS = /\s*[(（][\p{Script=Han}，、,\s]+[)）]/gu;

export function withoutGlosses(text: string): string {
  return text.replace(GLOSS, "");
}

/** A {en, zh-cn} text in the reader's language, as a page shows it (English without Chinese glosses). */
export function localized(text: Readonly<Record<Locale, string>>, locale: Locale): string;
export function localized(text: Readonly<Record<Locale, string>> | undefined, locale: Locale): string | undefined;
export function localized(text: Readonly<Record<Locale, string>> | undefined, locale: Locale): string | undefined {
  if (text === undefined) return undefined;
  return locale === "en" ? withoutGlosses(text.en) : text[locale];
}
