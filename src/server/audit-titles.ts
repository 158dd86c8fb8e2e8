// What the ids on a page of the audit log name, so that HR reads "answered ·
// Shift handover checklist" rather than a bare id: the title HR sees in the
// inbox of every idea an entry targets or points to (duplicate of, was), and
// every survey's title. Nothing about who wrote an idea: there is nothing
// such to give (docs/anonymity.md).
import type { AuditEntry, AuditPage } from "#lib/audit/model.ts";
import { findSurvey } from "#lib/surveys/registry.ts";
import type { TSurveyText } from "#lib/surveys/schema.ts";
import type { DbEnv } from "./config.ts";
import { ideaTitles } from "./db/ideas.ts";

export async function titlesOf(env: DbEnv, entries: readonly AuditEntry[], today: string): Promise<NonNullable<AuditPage["titles"]>> {
  const ideaIds = entries.flatMap((e) => [
    ...(e.targetType === "idea" && e.targetId ? [e.targetId] : []),
    ...(["of", "was"] as const).flatMap((key) => (typeof e.detail?.[key] === "string" ? [e.detail[key] as string] : [])),
  ]);
  const surveys: Record<string, TSurveyText> = {};
  for (const e of entries) {
    const survey = e.targetType === "survey" && e.targetId ? findSurvey(e.targetId) : undefined;
    if (survey) surveys[survey.id] = survey.title;
  }
  return { ideas: Object.fromEntries(await ideaTitles(env, ideaIds, today)), surveys };
}
