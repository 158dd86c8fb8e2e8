// /results/honours/rss.xml (and /zh-cn/…): one item per recognition, newest first.
import rss from "@astrojs/rss";
import type { APIContext } from "astro";
import { allHonours } from "#components/programme/collection.ts";
import { LANG_TAG } from "#i18n/config.ts";
import { localeStaticPaths } from "#i18n/routing.ts";

export const getStaticPaths = localeStaticPaths;

export async function GET(context: APIContext) {
  const { locale, t, href } = context.locals;
  const site = context.site ?? new URL("https://candor.example.org");
  return rss({
    title: t("honours.feed.title"),
    description: t("honours.feed.description"),
    site,
    customData: `<language>${LANG_TAG[locale]}</language>`,
    items: (await allHonours()).map((h) => ({
      title: `${h.title[locale]}: ${h.recipient.name[locale]}`,
      link: new URL(href(`/results/honours#${h.id}`), site).href,
      pubDate: new Date(`${h.date}T00:00:00Z`),
      description: h.reason[locale],
    })),
  });
}
