// /forums/<id>.ics: an upcoming forum, to add to a calendar.
import type { APIContext } from "astro";
import { allForums, buildToday } from "#components/programme/collection.ts";
import { forumCalendar } from "#components/programme/forum-calendar.ts";
import { localeStaticPaths } from "#i18n/routing.ts";
import { isUpcoming } from "#lib/programme/forums.ts";

export async function getStaticPaths() {
  const today = buildToday();
  const upcoming = (await allForums()).filter((f) => isUpcoming(f, today));
  return localeStaticPaths().flatMap(({ params }) => upcoming.map((f) => ({ params: { ...params, id: f.id }, props: { id: f.id } })));
}

export async function GET(context: APIContext) {
  const { locale } = context.locals;
  const { id } = context.props as { id: string };
  const forum = (await allForums()).find((f) => f.id === id)!;
  return forumCalendar(locale, [forum], context.site ?? new URL("https://candor.example.org"), buildToday());
}
