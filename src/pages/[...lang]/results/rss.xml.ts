// /results/rss.xml (and /zh-cn/results/rss.xml): one item per published cycle, newest first.
import rss from "@astrojs/rss";
import type { APIContext } from "astro";
import { allResults } from "#components/programme/collection.ts";
import { periodLabel } from "#components/programme/labels.ts";
import { LANG_TAG } from "#i18n/config.ts";
import { localeStaticPaths } from "#i18n/routing.ts";

export const getStaticPaths = localeStaticPaths;

export async function GET(context: APIContext) {
  const { locale, t, href } = context.locals;
  const site = context.site ?? new URL("https://candor.example.org");
  const results = [...(await allResults())].sort((a, b) => b.published.localeCompare(a.published) || a.cycle.localeCompare(b.cycle));
  return rss({
    title: t("programme.feed"),
    description: t("programme.programme.lead"),
    site,
    customData: `<language>${LANG_TAG[locale]}</language>`,
    items: results.map((r) => ({
      title: t("cycle.title", { period: periodLabel(locale, r.period) }),
      link: new URL(href(`/results/${r.cycle}`), site).href,
      pubDate: new Date(`${r.published}T00:00:00Z`),
      description: r.commentary[locale],
    })),
  });
}
