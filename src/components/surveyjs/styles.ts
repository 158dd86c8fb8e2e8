// SurveyJS's stylesheets for an island rendered with its page (the idea
// form): imported here, Astro links them in the page's <head>. The survey
// form, fetched on demand, loads the same files with loadSurveyStyles()
// (./setup.ts) instead.
import "survey-core/survey-core.fontless.css";
import "./surveyjs.css";
