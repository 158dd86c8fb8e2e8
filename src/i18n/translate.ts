// The one i18n helper: {placeholders}, plural forms (Intl.PluralRules) and
// lists (Intl.ListFormat), for pages at build time and for islands in the
// browser alike. It holds no dictionary and imports no zod, so an island that
// uses it ships only the strings its page picked for it (pickStrings in
// ./index.ts) — see docs/conventions.md.
import { LANG_TAG, type Locale } from "./config.ts";

export type Vars = Readonly<Record<string, string | number>>;

/** UI strings of one language, as a page hands them to an island: the keys it needs and the language they are in. */
export interface Strings<K extends string = string> {
  readonly locale: Locale;
  readonly text: Readonly<Record<K, string>>;
}

/** Keys written once per plural form ("x.one", "x.other"), named without the form: "x". */
export type PluralKey<K extends string> = K extends `${infer Base}.other` ? Base : never;

export interface Translator<K extends string> {
  /** t("home.promise.body", { k: 5 }): the string with its {name} placeholders filled. */
  (key: K, vars?: Vars): string;
  /**
   * t.plural("ideas.board.count", 3): the form the language asks for
   * ("x.one", "x.few", … falling back to "x.other"), with {n} set to the
   * count unless `vars` sets it (to a formatted number, say).
   */
  plural(key: PluralKey<K>, count: number, vars?: Vars): string;
  /** t.list(["A", "B", "C"]): "A, B, and C" / "A、B和C". */
  list(items: readonly string[]): string;
  readonly locale: Locale;
}

/** Fills {name} placeholders from vars; an unknown placeholder stays visible rather than vanishing. */
export function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : match));
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** Which plural form a count takes ("one", "other", …) in the reader's language. */
export function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(LANG_TAG[locale])));
  return rules.select(count);
}

const listFormats = new Map<Locale, Intl.ListFormat>();

/** "A, B, and C" / "A、B和C": lists joined by the reader's language's own rules, never by hand. */
export function formatList(locale: Locale, items: readonly string[]): string {
  let format = listFormats.get(locale);
  if (!format) listFormats.set(locale, (format = new Intl.ListFormat(LANG_TAG[locale], { style: "long", type: "conjunction" })));
  return format.format(items);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag}:${JSON.stringify(options)}`;
  let format = dayFormats.get(key);
  if (!format) dayFormats.set(key, (format = new Intl.DateTimeFormat(tag, { ...options, timeZone: "UTC" })));
  return format;
}

/**
 * A calendar day (YYYY-MM-DD) as a reader writes it: "7 December 2026" /
 * "2026年12月7日", or short, without the year: "7 Dec" / "12月7日". English
 * puts the day first, like the rest of the site's British English, with
 * three-letter months ("Sep", not "Sept"). Days are formatted in UTC so no
 * time zone moves them.
 */
export function formatDay(locale: Locale, day: string, style: "long" | "short" = "long"): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (locale !== "en") {
    const options: Intl.DateTimeFormatOptions =
      style === "long" ? { year: "numeric", month: "long", day: "numeric" } : { month: "long", day: "numeric" };
    return dayFormat(LANG_TAG[locale], options).format(date);
  }
  if (style === "long") return dayFormat("en-GB", { year: "numeric", month: "long", day: "numeric" }).format(date);
  const parts = dayFormat("en-US", { month: "short", day: "numeric" }).formatToParts(date);
  return `${parts.find((p) => p.type === "day")!.value} ${parts.find((p) => p.type === "month")!.value}`;
}

/**
 * A moment (an ISO timestamp) in the reader's own time zone, or `timeZone`,
 * to the minute: "7 December 2026, 14:05" / "2026年12月7日 14:05". For HR's
 * audit log, whose rows carry a time of day; employees' actions never do.
 */
export function formatMoment(locale: Locale, iso: string, timeZone?: string): string {
  // not dayFormat, which pins UTC: the reader's zone (undefined) is the point
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  const day = formatDay(locale, `${part("year")}-${part("month")}-${part("day")}`);
  const time = `${part("hour")}:${part("minute")}`;
  return locale === "en" ? `${day}, ${time}` : `${day} ${time}`;
}

/**
 * Two days as a span, the year written once when they share it: "20 Nov – 4
 * December 2026" / "2026年11月20日至12月4日".
 */
export function formatDayRange(locale: Locale, from: string, to: string): string {
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  if (locale === "en") return `${formatDay(locale, from, sameYear ? "short" : "long")} – ${formatDay(locale, to)}`;
  return `${formatDay(locale, from)}至${formatDay(locale, to, sameYear ? "short" : "long")}`;
}

/**
 * A translator over `strings`. A key it does not hold is shown as the key
 * itself: the dictionary test (test/unit/i18n.test.ts) keeps that from
 * reaching a reader, and pickStrings has already put English where a
 * translation is missing.
 */
export function translator<K extends string>(strings: Strings<K>): Translator<K> {
  const { locale, text } = strings;
  const lookup = (key: string): string => (Object.hasOwn(text, key) ? (text as Record<string, string>)[key]! : key);
  const t = (key: K, vars?: Vars) => fill(lookup(key), vars);
  const plural = (key: PluralKey<K>, count: number, vars?: Vars) => {
    const form = `${key}.${pluralCategory(locale, count)}`;
    return fill(lookup(Object.hasOwn(text, form) ? form : `${key}.other`), { n: count, ...vars });
  };
  return Object.assign(t, { plural, list: (items: readonly string[]) => formatList(locale, items), locale });
}

/** For a plain script (not a React island): the strings its page wrote into `data-strings`. */
export function readStrings<K extends string>(element: { dataset: { strings?: string } }): Strings<K> {
  if (!element.dataset.strings) throw new Error("readStrings: the element has no data-strings attribute");
  return JSON.parse(element.dataset.strings) as Strings<K>;
}
