// The short address printed on invitation slips and carried by their QR code:
// /i/<name> (and /zh-cn/i/<name>), a redirect written into the built site's
// _redirects file (scripts/redirects.ts) to the survey's page with #code,
// where the form starts at once with the cursor in the code field. Short to
// type on a shared PC, and it never holds the code: an address lands in
// history, logs and the Referer; the code is printed beside it.
// Zod-free: the survey page's start script reads CODE_FRAGMENT.
import { LOCALES, type Locale } from "#i18n/config.ts";
import { localizePath } from "#i18n/routing.ts";

/** The fragment the short address leads to: the form opens for the code. */
export const CODE_FRAGMENT = "code";

/** A survey file's `short`: what follows /i/. */
export const SHORT_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,23}$/;

// The few fields of a survey file read here, stated rather than imported:
// ./schema.ts validates `short` with SHORT_NAME_PATTERN from this module.
interface Named {
  id: string;
  access: "open" | "invitation";
  short?: string;
}

/** What follows /i/: the file's `short`, else the survey's id. */
export function shortName(survey: Pick<Named, "id" | "short">): string {
  return survey.short ?? survey.id;
}

/** The short path in a language, without a trailing slash (shorter to type): "/i/career", "/zh-cn/i/career". */
export function shortPath(survey: Pick<Named, "id" | "short">, locale: Locale): string {
  return localizePath(locale, `/i/${shortName(survey)}`).replace(/\/$/, "");
}

/** Where the short path leads: the survey's page in the same language, ready for the code. */
export function shortTarget(survey: Pick<Named, "id">, locale: Locale): string {
  return `${localizePath(locale, `/surveys/${survey.id}`)}#${CODE_FRAGMENT}`;
}

/** The _redirects lines of every invitation survey, in every language, with and without the trailing slash. */
export function shortRedirects(surveys: readonly Named[]): string[] {
  return surveys
    .filter((s) => s.access === "invitation")
    .flatMap((s) =>
      LOCALES.flatMap((locale) => {
        const from = shortPath(s, locale);
        return [`${from} ${shortTarget(s, locale)} 302`, `${from}/ ${shortTarget(s, locale)} 302`];
      }),
    );
}

/** Two invitation surveys answering to the same short name, if any: the build refuses them. */
export function shortNameClash(surveys: readonly Named[]): string | null {
  const seen = new Map<string, string>();
  for (const s of surveys.filter((x) => x.access === "invitation")) {
    const name = shortName(s);
    const other = seen.get(name);
    if (other) return `surveys ${other} and ${s.id} share the short address /i/${name}`;
    seen.set(name, s.id);
  }
  return null;
}
