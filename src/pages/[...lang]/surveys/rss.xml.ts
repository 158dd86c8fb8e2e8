// /surveys/rss.xml (and /zh-cn/surveys/rss.xml): one item per survey, newest
// first. An invitation-only survey's item carries its published key and
// fingerprint, and its guid names the fingerprint: a new key reaches readers
// as a new item, not as a quiet edit of an old one.
import rss from "@astrojs/rss";
import type { APIContext } from "astro";
import { publishedKeys } from "#components/surveys/published-keys.ts";
import { LANG_TAG } from "#i18n/config.ts";
import { localeStaticPaths } from "#i18n/routing.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";
import { localText } from "#lib/surveys/text.ts";

export const getStaticPaths = localeStaticPaths;

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function GET(context: APIContext) {
  const { locale, t, href } = context.locals;
  const site = context.site ?? new URL("https://candor.example.org");
  const keys = new Map((await publishedKeys()).map((k) => [k.survey.id, k]));
  return rss({
    title: t("surveyKeys.feedTitle"),
    description: t("surveyKeys.feedDescription"),
    site,
    customData: `<language>${LANG_TAG[locale]}</language>`,
    items: SURVEYS.map((s) => {
      const link = new URL(href(`/surveys/${s.id}`), site).href;
      const key = keys.get(s.id);
      const description = localText(s.description, locale);
      return {
        title: localText(s.title, locale),
        link,
        pubDate: new Date(`${s.opens}T00:00:00Z`),
        description: key ? `${description} ${t("surveyKeys.feedKey", { key: key.key, fingerprint: key.fingerprint })}` : description,
        ...(key ? { customData: `<guid isPermaLink="false">${escapeXml(`${link}#key-${key.fingerprint.replace(/ /g, "")}`)}</guid>` } : {}),
      };
    }),
  });
}
