// src/middleware.ts gives every page its language from its own address: the
// default locale unprefixed, the others under /<locale>/; `t` is that
// language's dictionary and `href` writes a site path in it. Pages read these
// from Astro.locals instead of working them out again.
import type { APIContext } from "astro";
import { describe, expect, it } from "vitest";
import { useTranslations } from "#i18n/index.ts";
import { onRequest } from "../../src/middleware.ts";

async function localsFor(pathname: string) {
  const locals = {} as App.Locals;
  const answer = new Response("page");
  const context = { url: new URL(pathname, "https://candor.example.org"), locals } as unknown as APIContext;
  const result = await onRequest(context, async () => answer);
  expect(result).toBe(answer); // the page itself is rendered as it would be
  return locals;
}

describe("locale middleware", () => {
  it.each([
    ["/", "en"],
    ["/policy/", "en"],
    ["/results/rss.xml", "en"],
    ["/zh-cn/", "zh-cn"],
    ["/zh-cn/policy/compare/2025-07/2026-07/", "zh-cn"],
    ["/zh-cn/forums/calendar.ics", "zh-cn"],
  ] as const)("%s is a %s page", async (pathname, locale) => {
    const locals = await localsFor(pathname);
    expect(locals.locale).toBe(locale);
    expect(locals.t("nav.policy")).toBe(useTranslations(locale)("nav.policy"));
    expect(locals.t.locale).toBe(locale);
  });

  it("writes paths in the page's language", async () => {
    expect((await localsFor("/ideas/")).href("/ideas/track")).toBe("/ideas/track/");
    expect((await localsFor("/zh-cn/ideas/")).href("/ideas/track")).toBe("/zh-cn/ideas/track/");
    expect((await localsFor("/zh-cn/results/")).href("/results/rss.xml")).toBe("/zh-cn/results/rss.xml");
  });

  it("gives the two languages different words", async () => {
    expect((await localsFor("/zh-cn/")).t("nav.policy")).not.toBe((await localsFor("/")).t("nav.policy"));
  });
});
