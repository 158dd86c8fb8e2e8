// URLs per locale: the default locale is unprefixed, others live under /<locale>/.
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from "./config.ts";

/**
 * For getStaticPaths in src/pages/[...lang]/: one entry per locale. The page
 * reads its locale from Astro.locals (src/middleware.ts), not from props.
 */
export function localeStaticPaths() {
  return LOCALES.map((locale) => ({
    params: { lang: locale === DEFAULT_LOCALE ? undefined : locale },
  }));
}

/** "/policy" in zh-cn → "/zh-cn/policy/"; always ends with a slash, like the built directories. */
export function localizePath(locale: Locale, path: string): string {
  const clean = `/${path.replace(/^\/+/, "")}`;
  const prefixed = locale === DEFAULT_LOCALE ? clean : `/${locale}${clean === "/" ? "" : clean}`;
  const [pathname, rest = ""] = splitSuffix(prefixed);
  const withSlash = pathname.endsWith("/") || /\.[a-z0-9]+$/i.test(pathname) ? pathname : `${pathname}/`;
  return withSlash + rest;
}

function splitSuffix(path: string): [string, string] {
  const i = path.search(/[?#]/);
  return i === -1 ? [path, ""] : [path.slice(0, i), path.slice(i)];
}

/** The locale a pathname belongs to, and the path without its locale prefix. */
export function parseLocalePath(pathname: string): { locale: Locale; path: string } {
  const segments = pathname.split("/").filter(Boolean);
  const first = segments[0]?.toLowerCase();
  if (first && first !== DEFAULT_LOCALE && isLocale(first)) {
    return { locale: first, path: `/${segments.slice(1).join("/")}` };
  }
  return { locale: DEFAULT_LOCALE, path: `/${segments.join("/")}` };
}

/** The same page in another language, for the language switcher. */
export function switchLocalePath(pathname: string, target: Locale): string {
  return localizePath(target, parseLocalePath(pathname).path);
}
