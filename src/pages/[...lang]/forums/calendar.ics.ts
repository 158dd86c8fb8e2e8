// /forums/calendar.ics: every forum, past and upcoming, as one calendar to subscribe to.
import type { APIContext } from "astro";
import { allForums, buildToday } from "#components/programme/collection.ts";
import { forumCalendar } from "#components/programme/forum-calendar.ts";
import { localeStaticPaths } from "#i18n/routing.ts";

export const getStaticPaths = localeStaticPaths;

export async function GET(context: APIContext) {
  const { locale } = context.locals;
  return forumCalendar(locale, await allForums(), context.site ?? new URL("https://candor.example.org"), buildToday());
}
