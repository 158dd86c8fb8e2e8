// The shipped surveys HR can start a new survey from, for the console:
// every open survey (an invitation survey's key is the deployment's,
// src/lib/surveys/from-template.ts), newest first. Computed at build time.
import type { TSurveyFile, TSurveyText } from "../surveys/schema.ts";

export interface SurveyTemplate {
  id: string;
  title: TSurveyText;
}

export const surveyTemplates = (surveys: readonly TSurveyFile[]): SurveyTemplate[] =>
  surveys.filter((s) => s.access === "open").map((s) => ({ id: s.id, title: s.title }));
