// What src/middleware.ts gives every page and endpoint as Astro.locals.
declare namespace App {
  interface Locals {
    /** The page's language, from its address. */
    locale: import("#i18n/config.ts").Locale;
    /** That language's dictionary: t(key, vars), t.plural, t.list. */
    t: import("#i18n/index.ts").Translate;
    /** A site path in the page's language: href("/policy") is "/zh-cn/policy/" on a Chinese page. */
    href: (path: string) => string;
  }
}
