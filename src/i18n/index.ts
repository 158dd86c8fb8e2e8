// UI strings: one module per area under strings/, merged here. A key missing
// in a locale falls back to English at run time; test/unit/i18n.test.ts fails
// the build before that can reach a reader.
import { DEFAULT_LOCALE, type Locale } from "./config.ts";
import { common } from "./strings/common.ts";
import { ideas } from "./strings/ideas.ts";
import { policy } from "./strings/policy.ts";
import { resultsPage } from "./strings/resultsPage.ts";
import { surveys } from "./strings/surveys.ts";

export const UI_MODULES = [common, policy, surveys, ideas, resultsPage];
const modules = UI_MODULES;

type Merge<M> = M extends { en: infer E } ? E : never;
export type UiKey =
  | keyof Merge<typeof common>
  | keyof Merge<typeof policy>
  | keyof Merge<typeof surveys>
  | keyof Merge<typeof ideas>
  | keyof Merge<typeof resultsPage>;

export const ui: Record<Locale, Record<string, string>> = {
  en: Object.assign({}, ...modules.map((m) => m.en)),
  "zh-cn": Object.assign({}, ...modules.map((m) => m["zh-cn"])),
};

export type Translate = (key: UiKey, vars?: Record<string, string | number>) => string;

/** t("home.promise.body", { k: 5 }) — {name} placeholders are filled from vars. */
export function useTranslations(locale: Locale): Translate {
  return (key, vars) => {
    const template = ui[locale][key] ?? ui[DEFAULT_LOCALE][key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
  };
}
