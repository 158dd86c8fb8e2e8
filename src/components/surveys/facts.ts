// Who takes part, on a survey's page: how many people it is for (and every
// public raise of that number), for an invitation survey how many codes HR
// issued and withdrew, and the responses so far in participation steps —
// from the one GET /api/surveys/{id} the page makes anyway. Everyone can see
// whether more codes went out than people were invited. Plain DOM, text only.
import type { KeysOf } from "#i18n/index.ts";
import { formatDay, readStrings, translator } from "#i18n/translate.ts";
import { addDays } from "#lib/clock.ts";
import { serverSurvey } from "./status.ts";

export async function showFacts(root: HTMLElement, surveyId: string): Promise<void> {
  const survey = await serverSurvey(surveyId);
  if (!survey) return; // offline: the audience in the built page stays
  const t = translator(readStrings<KeysOf<"surveyFacts.">>(root));
  const facts = [t("surveyFacts.audience", { audience: survey.audience })];
  const { responses, before, codes } = survey.participation;
  if (codes) facts.push(t("surveyFacts.codes", { issued: codes.issued, withdrawn: codes.withdrawn }));
  if (survey.status !== "upcoming") {
    const k = survey.minGroupSize;
    facts.push(
      responses > 0
        ? t("surveyFacts.responses", { responses, k, date: formatDay(t.locale, addDays(before, -1), "short") })
        : t("surveyFacts.noResponses", { k }),
    );
  }
  const line = document.createElement("p");
  line.textContent = facts.join(" · ");
  line.dataset.facts = "";
  const parts: Node[] = [line];
  for (const r of survey.audienceRaises) {
    const raised = document.createElement("p");
    raised.textContent = t("surveyFacts.raised", { from: r.from, to: r.to, date: formatDay(t.locale, r.on, "short") });
    raised.dataset.raise = "";
    parts.push(raised);
  }
  root.replaceChildren(...parts);
}
