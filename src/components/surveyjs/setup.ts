// What every SurveyJS island on the site needs, once: the offline (fontless)
// stylesheet, the one extra locale we ship, and SurveyJS made to live with a
// CSP that has no 'unsafe-inline'.
import { SvgRegistry, type Model } from "survey-core";
import "survey-core/i18n/simplified-chinese";
import "survey-core/survey-core.fontless.css";
import "./surveyjs.css";

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
