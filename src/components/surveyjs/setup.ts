// What every SurveyJS island on the site needs, once: the one extra locale we
// ship, the site's own words in place of SurveyJS's built-in ones, and
// SurveyJS made to live with a CSP that has no 'unsafe-inline'. Both forms
// are fetched on demand (./start-on-press.ts) and load SurveyJS's stylesheets
// with loadSurveyStyles().
import { Serializer, SvgRegistry, surveyLocalization, type Model } from "survey-core";
import type { KeysOf } from "#i18n/index.ts";
import type { Strings } from "#i18n/translate.ts";
import "survey-core/i18n/simplified-chinese";
// survey-react-ui registers its icons when it loads: load it first, so the
// clean-up below sees them whichever module imports this one first.
import "survey-react-ui";
import coreCss from "survey-core/survey-core.fontless.css?url";
import siteCss from "./surveyjs.css?url";

// A bundled icon (the timer, unused here) carries a style="" attribute, which
// the CSP refuses when the sprite is injected; icons are sized by CSS classes.
for (const [id, svg] of Object.entries(SvgRegistry.icons)) {
  if (typeof svg === "string" && svg.includes("style=")) SvgRegistry.icons[id] = svg.replace(/\sstyle="[^"]*"/g, "");
}

const adopted = new Map<string, CSSStyleSheet>();

function adoptCss(name: string, css: string) {
  if (!css || typeof CSSStyleSheet === "undefined" || !("adoptedStyleSheets" in document)) return;
  let sheet = adopted.get(name);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    adopted.set(name, sheet);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  sheet.replaceSync(css);
}

/**
 * SurveyJS would render its theme variables as <style> elements, which the
 * CSP blocks. Take the same CSS and adopt it through CSSOM, which the CSP
 * does not restrict.
 */
export function adoptThemeStyles(model: Model): void {
  model.generateStylesheet = false;
  adoptCss("base", model.themeStyle);
  model.onAfterRenderSurvey.add((survey) => adoptCss("reset", (survey as Model).resetVariablesStyle));
}

function stylesheet(href: string): Promise<void> {
  const existing = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].find((link) => link.href.endsWith(href));
  if (existing?.sheet) return Promise.resolve();
  existing?.remove(); // one that failed earlier: try again
  const link = document.createElement("link");
  const loaded = new Promise<void>((resolve, reject) => {
    link.addEventListener("load", () => resolve(), { once: true });
    link.addEventListener("error", () => reject(new Error(`stylesheet ${href} did not load`)), { once: true });
  });
  link.rel = "stylesheet";
  link.href = href;
  document.head.appendChild(link);
  return loaded;
}

/**
 * SurveyJS's stylesheets for a form fetched after the page: linked now, in
 * cascade order (the site's mapping after SurveyJS's own), resolved once
 * they apply so the form never shows unstyled. A static import would put
 * them in the page's <head>, render-blocking, on pages that may never show
 * the form.
 */
export async function loadSurveyStyles(): Promise<void> {
  await Promise.all([stylesheet(coreCss), stylesheet(siteCss)]);
}

// A 1–5 rating is one tap on a button. SurveyJS turns it into a dropdown
// ("Select…", two taps) when the row looks too narrow: keep the buttons,
// which fit a 360 px phone (surveyjs.css lets them shrink).
Serializer.findProperty("rating", "displayMode").defaultValue = "buttons";

/** What a page hands a SurveyJS island along with its own strings: pickStrings(locale, "sjs."). */
export type SurveyJsStrings = Strings<KeysOf<"sjs.">>;

/**
 * The site's wording for SurveyJS's built-in texts (buttons, progress,
 * validation messages) in the page's language, written over SurveyJS's own
 * table for that language: its Chinese reads as a translation ("选择。。。",
 * half-width commas) and its English is terse ("Response required.").
 */
export function applySiteWording(strings: SurveyJsStrings): void {
  const table = surveyLocalization.locales[strings.locale === "en" ? "en" : strings.locale] as Record<string, string> | undefined;
  if (!table) return;
  for (const [key, value] of Object.entries(strings.text)) table[key.slice("sjs.".length)] = value as string;
}
