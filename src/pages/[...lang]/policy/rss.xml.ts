import { localized } from "#lib/text/bilingual.ts";
// /policy/rss.xml (and /zh-cn/policy/rss.xml): one item per published policy
// version, newest first, so readers learn of a new version without visiting.
import rss from "@astrojs/rss";
import type { APIContext } from "astro";
import { policyTimeline } from "#components/policy/collection.ts";
import { LANG_TAG } from "#i18n/config.ts";
import { localeStaticPaths } from "#i18n/routing.ts";

export const getStaticPaths = localeStaticPaths;

export async function GET(context: APIContext) {
  const { locale, t, href } = context.locals;
  const line = await policyTimeline();
  const site = context.site ?? new URL("https://candor.example.org");
  return rss({
    title: t("policy.feed.title"),
    description: t("policy.feed.description"),
    site,
    customData: `<language>${LANG_TAG[locale]}</language>`,
    items: [...line.versions].reverse().map((v) => ({
      // The title alone (it names the version's month): a status in it would
      // change old items' titles whenever a new version ships.
      title: v.title[locale],
      link: new URL(href(`/policy/${v.version}`), site).href,
      pubDate: new Date(`${v.effective}T00:00:00Z`),
      description: localized(v.summary, locale),
    })),
  });
}
