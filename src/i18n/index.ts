// UI strings: one module per area under strings/, merged here into one typed
// dictionary per locale. Pages translate with useTranslations(locale); an
// island gets the keys it needs from pickStrings(locale, …prefixes) and
// translates them with the same helper (./translate.ts). A key missing in a
// locale falls back to English; test/unit/i18n.test.ts fails the build
// before that can reach a reader.
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./config.ts";
import { admin } from "./strings/admin.ts";
import { adminProblems } from "./strings/adminProblems.ts";
import { common } from "./strings/common.ts";
import { digest } from "./strings/digest.ts";
import { identifying } from "./strings/identifying.ts";
import { ideas } from "./strings/ideas.ts";
import { policy } from "./strings/policy.ts";
import { programme } from "./strings/programme.ts";
import { readLog } from "./strings/readLog.ts";
import { resultsPage } from "./strings/resultsPage.ts";
import { surveyKeys } from "./strings/surveyKeys.ts";
import { surveys } from "./strings/surveys.ts";
import { translator, type Strings, type Translator } from "./translate.ts";

export const UI_MODULES = [
  common,
  policy,
  surveys,
  ideas,
  identifying,
  resultsPage,
  admin,
  adminProblems,
  programme,
  readLog,
  surveyKeys,
  digest,
];

type Merge<M> = M extends { en: infer E } ? E : never;
export type UiKey =
  | keyof Merge<typeof common>
  | keyof Merge<typeof policy>
  | keyof Merge<typeof surveys>
  | keyof Merge<typeof ideas>
  | keyof Merge<typeof identifying>
  | keyof Merge<typeof resultsPage>
  | keyof Merge<typeof admin>
  | keyof Merge<typeof adminProblems>
  | keyof Merge<typeof programme>
  | keyof Merge<typeof readLog>
  | keyof Merge<typeof surveyKeys>
  | keyof Merge<typeof digest>;

/** Every key that starts with one of the prefixes P (a whole key is its own prefix). */
export type KeysOf<P extends string> = Extract<UiKey, `${P}${string}`>;

/** Each locale's strings as written, gaps and all: what the dictionary test reads. */
export const ui: Record<Locale, Record<string, string>> = {
  en: Object.assign({}, ...UI_MODULES.map((m) => m.en)),
  "zh-cn": Object.assign({}, ...UI_MODULES.map((m) => m["zh-cn"])),
};

/** A locale's strings with the default locale's wherever a translation is missing: what readers get. */
export function withFallback(locale: Locale, tables: Record<Locale, Record<string, string>> = ui): Record<string, string> {
  return { ...tables[DEFAULT_LOCALE], ...tables[locale] };
}

const complete = Object.fromEntries(LOCALES.map((l) => [l, withFallback(l)])) as Record<Locale, Record<UiKey, string>>;

export type Translate = Translator<UiKey>;

/** The whole dictionary of one locale, for pages and build-time code. */
export function useTranslations(locale: Locale): Translate {
  return translator({ locale, text: complete[locale] });
}

/**
 * The strings an island needs, picked by key prefix, in one language: the page
 * passes the result as the island's `strings` prop (or, for a plain script, as
 * its `data-strings` attribute), so an island never bundles a dictionary.
 * A prefix that matches no key is a mistake in the page and fails the build.
 */
export function pickStrings<P extends string>(locale: Locale, ...prefixes: P[]): Strings<KeysOf<P>> {
  const keys = Object.keys(complete[locale]) as UiKey[];
  for (const prefix of prefixes) {
    if (!keys.some((key) => key.startsWith(prefix))) throw new Error(`pickStrings: no UI string starts with "${prefix}"`);
  }
  const text = Object.fromEntries(keys.filter((key) => prefixes.some((p) => key.startsWith(p))).map((key) => [key, complete[locale][key]]));
  return { locale, text: text as Record<KeysOf<P>, string> };
}
