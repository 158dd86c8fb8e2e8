// Each page's language and its words, from one place: the locale is read from
// the page's own address (the default locale unprefixed, the others under
// /<locale>/), and a page takes `locale`, `t` and `href` from Astro.locals
// instead of working them out again. Astro runs middleware when it renders a
// page, and for this static site that is at build time, once per page.
import type { MiddlewareHandler } from "astro";
import { useTranslations } from "#i18n/index.ts";
import { localizePath, parseLocalePath } from "#i18n/routing.ts";

export const onRequest: MiddlewareHandler = (context, next) => {
  const { locale } = parseLocalePath(context.url.pathname);
  context.locals.locale = locale;
  context.locals.t = useTranslations(locale);
  context.locals.href = (path: string) => localizePath(locale, path);
  return next();
};
