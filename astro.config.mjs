// @ts-check
import react from "@astrojs/react";
import sitemap from "@astrojs/sitemap";
import { defineConfig } from "astro/config";
import { DEFAULT_LOCALE, LANG_TAG, LOCALES } from "./src/i18n/config.ts";

// SITE_URL is the deployed address (feeds, sitemap, canonical links).
const site = process.env.SITE_URL ?? "https://candor.example.org";

export default defineConfig({
  site,
  output: "static",
  trailingSlash: "ignore",
  build: {
    format: "directory",
    // Styles are files, never inline, so the CSP needs no 'unsafe-inline' for them.
    inlineStylesheets: "never",
  },
  i18n: {
    locales: [...LOCALES],
    defaultLocale: DEFAULT_LOCALE,
    routing: { prefixDefaultLocale: false },
  },
  integrations: [
    react(),
    sitemap({
      // the HR console is for HR, not for search engines
      filter: (page) => !/^\/(?:[a-z-]+\/)?admin(\/|$)/.test(new URL(page).pathname),
      i18n: {
        defaultLocale: DEFAULT_LOCALE,
        locales: Object.fromEntries(LOCALES.map((l) => [l, LANG_TAG[l]])),
      },
    }),
  ],
  devToolbar: { enabled: false },
});
