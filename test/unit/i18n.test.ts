import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, LOCALES } from "#i18n/config.ts";
import { UI_MODULES, pickStrings, ui, useTranslations, withFallback } from "#i18n/index.ts";
import { fill, formatList, pluralCategory, readStrings, translator } from "#i18n/translate.ts";
import { localizePath, parseLocalePath, switchLocalePath } from "#i18n/routing.ts";

describe("UI strings", () => {
  const reference = Object.keys(ui[DEFAULT_LOCALE]).sort();

  for (const locale of LOCALES) {
    it(`${locale} has every key the default locale has, and no extra`, () => {
      expect(Object.keys(ui[locale]).sort()).toEqual(reference);
    });

    it(`${locale} has no empty strings`, () => {
      const empty = Object.entries(ui[locale]).filter(([, v]) => v.trim() === "");
      expect(empty).toEqual([]);
    });

    it(`${locale} uses the same {placeholders} as the default locale`, () => {
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const mismatched = reference.filter(
        (key) => JSON.stringify(placeholders(ui[locale][key]!)) !== JSON.stringify(placeholders(ui[DEFAULT_LOCALE][key]!)),
      );
      expect(mismatched).toEqual([]);
    });
  }

  it("no two string modules define the same key (a later one would silently win)", () => {
    const seen = new Map<string, number>();
    UI_MODULES.forEach((m, i) => {
      for (const key of Object.keys(m.en)) {
        expect(seen.has(key), `${key} defined twice`).toBe(false);
        seen.set(key, i);
      }
    });
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    const t = useTranslations("en");
    expect(t("home.promise.body", { k: 7, floor: 3 })).toContain("at least 7 people by default, and never fewer than 3");
    expect(t("nav.switchTo")).toContain("{language}");
  });

  it("writes every plural form a key has in both languages, 'other' always among them", () => {
    const forms = /\.(zero|one|two|few|many|other)$/;
    const bases = new Set(
      Object.keys(ui[DEFAULT_LOCALE])
        .filter((k) => forms.test(k))
        .map((k) => k.replace(forms, "")),
    );
    expect(bases.size).toBeGreaterThan(5);
    for (const base of bases) expect(ui[DEFAULT_LOCALE], base).toHaveProperty([`${base}.other`]);
  });

  it("reports a missing translation here, and readers get English rather than a key", () => {
    const tables = { en: { "a.b": "Apple", "a.c": "Cherry" }, "zh-cn": { "a.b": "苹果" } };
    expect(withFallback("zh-cn", tables)).toEqual({ "a.b": "苹果", "a.c": "Cherry" });
    expect(withFallback("en", tables)).toEqual(tables.en);
  });

  it("the Chinese interface uses the glossary's terms", () => {
    const zh = ui["zh-cn"];
    expect(zh["nav.policy"]).toBe("奖励政策");
    expect(zh["nav.results"]).toBe("结果公示");
    expect(zh["nav.surveys"]).toBe("问卷调查");
    expect(zh["nav.ideas"]).toBe("意见箱");
  });
});

describe("the i18n helper", () => {
  it("fills {name} placeholders, leaves unknown ones visible and reads nothing from the prototype", () => {
    expect(fill("{n} of {total}", { n: 3, total: 7 })).toBe("3 of 7");
    expect(fill("{n} of {total}", { n: 3 })).toBe("3 of {total}");
    expect(fill("{constructor} {toString}", {})).toBe("{constructor} {toString}");
    expect(fill("no placeholders")).toBe("no placeholders");
    expect(fill("{a}{a}", { a: "$&" })).toBe("$&$&");
  });

  it("chooses plural forms with Intl.PluralRules and falls back to 'other'", () => {
    const en = translator({ locale: "en", text: { "x.one": "{n} idea", "x.other": "{n} ideas", "y.other": "{n} things" } });
    expect(en.plural("x", 1)).toBe("1 idea");
    expect(en.plural("x", 0)).toBe("0 ideas");
    expect(en.plural("x", 2)).toBe("2 ideas");
    expect(en.plural("x", 1.5)).toBe("1.5 ideas");
    expect(en.plural("y", 1)).toBe("1 things");
    expect(en.plural("x", 1200, { n: "1,200" })).toBe("1,200 ideas");
    expect(pluralCategory("zh-cn", 1)).toBe("other");
    const zh = translator({ locale: "zh-cn", text: { "x.one": "不该出现", "x.other": "{n} 条建议" } });
    expect(zh.plural("x", 1)).toBe("1 条建议");
  });

  it("picks the right form for the real plural keys in both languages", () => {
    const en = useTranslations("en");
    const zh = useTranslations("zh-cn");
    expect(en.plural("ideas.support.count", 1)).toBe("1 support");
    expect(en.plural("ideas.support.count", 4)).toBe("4 supports");
    expect(en.plural("results.answered", 1)).toBe("1 person answered");
    expect(en.plural("results.responses", 12, { k: 5 })).toBe("12 responses. Figures describing fewer than 5 people are never shown.");
    expect(zh.plural("ideas.support.count", 1)).toBe("1 人附议");
  });

  it("joins lists by each language's rules", () => {
    expect(formatList("en", ["A", "B", "C"])).toBe("A, B, and C");
    expect(formatList("zh-cn", ["甲", "乙", "丙"])).toBe("甲、乙和丙");
    expect(useTranslations("zh-cn").list(["电子邮件地址", "电话号码"])).toBe("电子邮件地址和电话号码");
    expect(formatList("en", ["A"])).toBe("A");
  });

  it("hands an island the keys it asks for, in its language, with English where a translation is missing", () => {
    const picked = pickStrings("zh-cn", "ideas.status.", "nav.home");
    expect(picked.locale).toBe("zh-cn");
    expect(Object.keys(picked.text).sort()).toEqual(
      Object.keys(ui.en)
        .filter((k) => k.startsWith("ideas.status.") || k === "nav.home")
        .sort(),
    );
    expect(picked.text["nav.home"]).toBe(ui["zh-cn"]["nav.home"]);
    const t = translator(picked);
    expect(t("ideas.status.done")).toBe(useTranslations("zh-cn")("ideas.status.done"));
    expect(t.locale).toBe("zh-cn");
    expect(() => pickStrings("en", "no.such.prefix." as "nav.")).toThrow(/no UI string starts with/);
  });

  it("shows a key it was not given as the key itself, never as undefined", () => {
    const t = translator(pickStrings("en", "nav."));
    expect((t as (key: string) => string)("ideas.status.done")).toBe("ideas.status.done");
  });

  it("reads what a page wrote into data-strings, the same object pickStrings returned", () => {
    const picked = pickStrings("en", "results.");
    expect(readStrings({ dataset: { strings: JSON.stringify(picked) } })).toEqual(picked);
    expect(() => readStrings({ dataset: {} })).toThrow(/data-strings/);
  });
});

describe("locale routing", () => {
  it("leaves the default locale unprefixed and prefixes the others", () => {
    expect(localizePath("en", "/policy")).toBe("/policy/");
    expect(localizePath("zh-cn", "/policy")).toBe("/zh-cn/policy/");
    expect(localizePath("zh-cn", "/")).toBe("/zh-cn/");
    expect(localizePath("en", "/")).toBe("/");
  });

  it("keeps query strings, fragments and file names", () => {
    expect(localizePath("zh-cn", "/ideas?status=done#list")).toBe("/zh-cn/ideas/?status=done#list");
    expect(localizePath("zh-cn", "/policy/rss.xml")).toBe("/zh-cn/policy/rss.xml");
  });

  it("parses the locale back out of a path", () => {
    expect(parseLocalePath("/zh-cn/policy/2026-01/")).toEqual({ locale: "zh-cn", path: "/policy/2026-01" });
    expect(parseLocalePath("/policy/")).toEqual({ locale: "en", path: "/policy" });
    expect(parseLocalePath("/")).toEqual({ locale: "en", path: "/" });
  });

  it("switches language on the same page", () => {
    expect(switchLocalePath("/surveys/pulse-2026-11/", "zh-cn")).toBe("/zh-cn/surveys/pulse-2026-11/");
    expect(switchLocalePath("/zh-cn/surveys/", "en")).toBe("/surveys/");
    expect(switchLocalePath("/zh-cn/", "en")).toBe("/");
  });
});
