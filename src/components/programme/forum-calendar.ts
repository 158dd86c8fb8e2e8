// Forums as calendar events, in the reader's language.
import type { Locale } from "#i18n/config.ts";
import { useTranslations } from "#i18n/index.ts";
import { localizePath } from "#i18n/routing.ts";
import { zonedToUtc, type Forum } from "#lib/programme/forums.ts";
import { calendar, type CalendarEvent } from "#lib/ics.ts";

export function forumEvent(locale: Locale, forum: Forum, site: URL): CalendarEvent {
  const t = useTranslations(locale);
  const page = new URL(localizePath(locale, `/forums/${forum.id}`), site).href;
  return {
    uid: `forum-${forum.id}@${site.host}`,
    start: zonedToUtc(forum.starts, forum.timeZone),
    end: zonedToUtc(forum.ends, forum.timeZone),
    summary: `${t("forums.title")}: ${forum.topic[locale]}`,
    location: forum.link ? `${forum.place[locale]} (${forum.link})` : forum.place[locale],
    description: `${t("forums.who")}: ${forum.audience[locale]}\n${page}`,
    url: page,
  };
}

export function forumCalendar(locale: Locale, forums: Forum[], site: URL, today: string): Response {
  const t = useTranslations(locale);
  const body = calendar(
    t("forums.calendar.name"),
    forums.map((f) => forumEvent(locale, f, site)),
    new Date(`${today}T00:00:00Z`),
  );
  return new Response(body, { headers: { "Content-Type": "text/calendar; charset=utf-8" } });
}
