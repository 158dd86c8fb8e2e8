// HR writes its public texts (a moderated title and text, an answer, a status
// note) once, often in both languages: "Publish tier thresholds early /
// 提前公布奖励等级门槛", or an English paragraph followed by its Chinese. A
// reader should get the part in the page's language, not both jammed
// together. This picks it, and leaves a text alone unless it clearly holds
// both languages.
import type { Locale } from "../i18n/config.ts";

const HAN = /\p{Script=Han}/gu;
const LATIN = /\p{Script=Latin}/gu;

type Lang = "en" | "zh-cn" | null;

/** A segment's language by its letters: Han characters count double (a word is one or two of them). */
function languageOf(segment: string): Lang {
  const han = segment.match(HAN)?.length ?? 0;
  const latin = segment.match(LATIN)?.length ?? 0;
  if (han === 0 && latin === 0) return null;
  return han * 2 >= latin ? "zh-cn" : "en";
}

/**
 * Where a text may switch language: a line break, a slash or bar between
 * spaces ("title / 标题"), or a sentence end followed by a sentence in the
 * other script ("… next quarter. 下季度……", "……公布。From …").
 */
const BREAKS = /(\s*\n+\s*|\s+[/|｜]\s+|(?<=[.!?])\s+(?=\p{Script=Han})|(?<=[。！？])\s*(?=\p{Script=Latin}))/u;

/**
 * The part of `text` written in `locale` when the text holds both languages,
 * otherwise the text as it is; English comes without Chinese glosses.
 */
export function inLanguage(text: string, locale: Locale): string {
  // split() with a captured separator: segments at even indexes, what separated them at odd ones
  const parts = text.split(BREAKS);
  const segments = parts.filter((_, i) => i % 2 === 0);
  const langs = segments.map(languageOf);
  if (!langs.includes("en") || !langs.includes("zh-cn")) {
    // one language: an English text still loses its Chinese glosses on an English page
    return locale === "en" && langs.includes("en") ? withoutGlosses(text) : text;
  }
  let out = "";
  let current: Lang = null;
  segments.forEach((segment, i) => {
    // a segment with no letters (a number, a date) goes with the one before it
    current = langs[i] ?? current;
    if (current !== locale || segment.trim() === "") return;
    if (out) out += /\n/.test(parts[i * 2 - 1] ?? "") ? "\n" : locale === "zh-cn" ? "" : " ";
    out += locale === "en" ? withoutGlosses(segment.trim()) : segment.trim();
  });
  return out || text;
}

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
