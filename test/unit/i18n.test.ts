import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, LOCALES } from "../../src/i18n/config.ts";
import { UI_MODULES, ui, useTranslations } from "../../src/i18n/index.ts";
import { localizePath, parseLocalePath, switchLocalePath } from "../../src/i18n/routing.ts";

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

  it("the Chinese interface uses the glossary's terms", () => {
    const zh = ui["zh-cn"];
    expect(zh["nav.policy"]).toBe("奖励政策");
    expect(zh["nav.results"]).toBe("结果公示");
    expect(zh["nav.surveys"]).toBe("问卷调查");
    expect(zh["nav.ideas"]).toBe("意见箱");
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
