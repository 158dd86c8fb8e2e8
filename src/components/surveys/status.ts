// A survey as the server sees it now (GET /api/surveys/{id}): whether it is
// open, its audience and who has taken part. The browser never works the
// status out from its own clock: a wrong clock, or a demo pinned to another
// day, would then disagree with what the server accepts. The form, the
// results section and the participation line on a survey page share one
// request.
import type { SurveyStatus } from "#lib/surveys/schema.ts";
import type { AudienceRaise, CodeTotals } from "#lib/surveys/tools.ts";

/** What the survey page uses of GET /api/surveys/{id}. */
export interface ServerSurvey {
  status: SurveyStatus;
  audience: number;
  audienceRaises: AudienceRaise[];
  minGroupSize: number;
  participation: { responses: number; before: string; codes: CodeTotals | null };
}

const asked = new Map<string, Promise<ServerSurvey | null>>();

/** The server's view of this survey, or null when it cannot be asked (offline, server down). */
export function serverSurvey(surveyId: string): Promise<ServerSurvey | null> {
  let answer = asked.get(surveyId);
  if (!answer) {
    answer = fetch(`/api/surveys/${encodeURIComponent(surveyId)}`, { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(async (res) => {
        if (!res.ok) return null;
        const body = (await res.json()) as Partial<ServerSurvey>;
        return body.status === "open" || body.status === "upcoming" || body.status === "closed" ? (body as ServerSurvey) : null;
      })
      .catch(() => null);
    asked.set(surveyId, answer);
  }
  return answer;
}

/** The server's status for this survey, or null when it cannot be asked. */
export async function serverStatus(surveyId: string): Promise<SurveyStatus | null> {
  return (await serverSurvey(surveyId))?.status ?? null;
}
