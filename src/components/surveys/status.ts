// Whether a survey is open, as the server sees it (GET /api/surveys/{id}).
// The browser never works it out from its own clock: a wrong clock, or a
// demo pinned to another day, would then disagree with what the server
// accepts. The form and the results section on a survey page share one
// request.
import type { SurveyStatus } from "../../lib/surveys/schema.ts";

const asked = new Map<string, Promise<SurveyStatus | null>>();

/** The server's status for this survey, or null when it cannot be asked (offline, server down). */
export function serverStatus(surveyId: string): Promise<SurveyStatus | null> {
  let answer = asked.get(surveyId);
  if (!answer) {
    answer = fetch(`/api/surveys/${encodeURIComponent(surveyId)}`, { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(async (res) => {
        if (!res.ok) return null;
        const { status } = (await res.json()) as { status?: unknown };
        return status === "open" || status === "upcoming" || status === "closed" ? status : null;
      })
      .catch(() => null);
    asked.set(surveyId, answer);
  }
  return answer;
}
