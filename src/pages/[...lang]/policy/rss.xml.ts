import { localized } from "../../../lib/bilingual.ts";
// /policy/rss.xml (and /zh-cn/policy/rss.xml): one item per published policy
// version, newest first, so readers learn of a new version without visiting.
import rss from "@astrojs/rss";
import type { APIContext } from "astro";
import { policyTimeline } from "../../../components/policy/collection.ts";
import { LANG_TAG, type Locale } from "../../../i18n/config.ts";
import { useTranslations } from "../../../i18n/index.ts";
import { localeStaticPaths, localizePath } from "../../../i18n/routing.ts";

export const getStaticPaths = localeStaticPaths;

export async function GET(context: APIContext) {
  const locale = context.props.locale as Locale;
  const t = useTranslations(locale);
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
      link: new URL(localizePath(locale, `/policy/${v.version}`), site).href,
      pubDate: new Date(`${v.effective}T00:00:00Z`),
      description: localized(v.summary, locale),
    })),
  });
}
