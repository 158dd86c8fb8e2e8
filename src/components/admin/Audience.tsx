// A survey's audience in the console: how many people it is for, every raise
// so far, and raising it. Only raising: a lower audience would let fewer
// codes out and hide nothing, and a raise is public (the survey's page says
// "raised from 24 to 30 on 20 Nov") and on the audit log, so codes minted
// beyond the people a survey is for cannot go unnoticed.
import { useState } from "react";
import { formatDay } from "#i18n/translate.ts";
import { MAX_AUDIENCE } from "#lib/surveys/limits.ts";
import type { HrSurvey } from "#lib/surveys/tools.ts";
import { adminApi, describeError, type T } from "./api.ts";
import { OutcomeLine, type Outcome } from "./Outcome.tsx";

export function Audience({ survey, t, onChange }: { survey: HrSurvey; t: T; onChange: () => void }) {
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Outcome<"audience"> | null>(null);

  async function raise(event: { preventDefault(): void }) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const res = await adminApi<{ survey: HrSurvey }>(`/api/admin/surveys/${survey.id}`, {
      method: "PATCH",
      json: { audience: Number(value) },
    });
    setBusy(false);
    if (!res.ok) return setMessage({ at: "audience", error: true, text: describeError(t, res.error) });
    setMessage({ at: "audience", text: t("admin.surveys.audience.done", { audience: res.body.survey.audience }) });
    setValue("");
    onChange();
  }

  return (
    <section aria-labelledby="audience-title" data-audience>
      <h3 id="audience-title">{t("admin.surveys.audience.title")}</h3>
      <p data-audience-now>{t("admin.surveys.audience.now", { audience: survey.audience })}</p>
      {survey.audienceRaises.length > 0 && (
        <ul data-audience-raises>
          {survey.audienceRaises.map((r) => (
            <li key={r.to}>{t("admin.surveys.audience.raised", { from: r.from, to: r.to, date: formatDay(t.locale, r.on, "short") })}</li>
          ))}
        </ul>
      )}
      <p className="muted">{t("admin.surveys.audience.lead")}</p>
      <form className="admin-inline" onSubmit={raise}>
        <div className="admin-field">
          <label htmlFor="audience-new">{t("admin.surveys.audience.label", { audience: survey.audience })}</label>
          <input
            id="audience-new"
            type="number"
            min={survey.audience + 1}
            max={MAX_AUDIENCE}
            inputMode="numeric"
            required
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <button type="submit" className="button secondary" disabled={busy}>
          {t("admin.surveys.audience.raise")}
        </button>
      </form>
      <OutcomeLine at="audience" outcome={message} />
    </section>
  );
}
