// Invitation codes for one survey: how many were issued and withdrawn (the
// survey's public page shows both), how many more the audience allows, how
// many were used (in steps, over whole past days), new codes (shown this
// once, to download as CSV or print as slips to cut and hand out at random),
// replacing one code (used up on a page that closed, or lost) with a new
// one, and withdrawing codes — all of them, or one from a lost slip. Replacing
// and withdrawing answer the same whether a code was used or not. Codes are
// read as people type them (src/lib/codes.ts).
import { useEffect, useState } from "react";
import { formatDay } from "#i18n/translate.ts";
import { addDays } from "#lib/clock.ts";
import { MAX_CODES_PER_REQUEST } from "#lib/surveys/limits.ts";
import { toCsv } from "#lib/surveys/export.ts";
import type { HrSurvey } from "#lib/surveys/tools.ts";
import { adminApi, describeError, saveFile, type T } from "./api.ts";
import { OutcomeLine, type Outcome } from "./Outcome.tsx";
import type { SlipStrings } from "./Slips.tsx";

type Action = "generate" | "replace" | "withdrawAll" | "withdrawOne";

type SlipsModule = typeof import("./Slips.tsx");

export function InvitationCodes({
  survey,
  t,
  slipStrings,
  onChange,
}: {
  survey: HrSurvey;
  t: T;
  slipStrings: SlipStrings;
  onChange: () => void;
}) {
  const [count, setCount] = useState("20");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [slips, setSlips] = useState<SlipsModule | null>(null);
  const [code, setCode] = useState("");
  const [lost, setLost] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<Outcome<Action> | null>(null);
  const [busy, setBusy] = useState(false);
  const counts = survey.codes!;

  // The slips and their QR codes are fetched only once there are codes to print.
  useEffect(() => {
    if (codes && !slips) void import("./Slips.tsx").then(setSlips);
  }, [codes, slips]);

  async function generate(event: { preventDefault(): void }) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const res = await adminApi<{ codes: string[] }>(`/api/admin/surveys/${survey.id}/tokens`, {
      method: "POST",
      json: { count: Number(count) },
    });
    setBusy(false);
    if (!res.ok) return setMessage({ at: "generate", error: true, text: describeError(t, res.error) });
    setCodes(res.body.codes);
    setMessage({ at: "generate", text: t("admin.surveys.codes.shownOnce", { n: res.body.codes.length }) });
    onChange();
  }

  async function replace(event: { preventDefault(): void }) {
    event.preventDefault();
    if (!lost.trim()) return;
    setBusy(true);
    setMessage(null);
    const res = await adminApi<{ code: string }>(`/api/admin/surveys/${survey.id}/tokens/replace`, {
      method: "POST",
      json: { code: lost },
    });
    setBusy(false);
    if (!res.ok) return setMessage({ at: "replace", error: true, text: describeError(t, res.error) });
    setCodes([res.body.code]);
    setLost("");
    setMessage({ at: "replace", text: t("admin.surveys.codes.replaced", { old: lost.trim() }) });
    onChange();
  }

  async function withdraw(one?: string) {
    const at: Action = one === undefined ? "withdrawAll" : "withdrawOne";
    setBusy(true);
    setMessage(null);
    const res = await adminApi<{ withdrawn: number }>(`/api/admin/surveys/${survey.id}/tokens`, {
      method: "DELETE",
      json: one === undefined ? {} : { code: one },
    });
    setBusy(false);
    setConfirming(false);
    if (!res.ok) return setMessage({ at, error: true, text: describeError(t, res.error) });
    setMessage({ at, text: t.plural("admin.surveys.codes.withdrawn", res.body.withdrawn) });
    setCode("");
    onChange();
  }

  return (
    <section aria-labelledby="codes-title" data-codes>
      <h3 id="codes-title">{t("admin.surveys.codes.title")}</h3>
      <p data-code-counts>{t("admin.surveys.codes.counts", { ...counts, audience: survey.audience })}</p>
      <p className="muted" data-code-use>
        {counts.used > 0
          ? t("admin.surveys.codes.used", {
              used: counts.used,
              date: formatDay(t.locale, addDays(counts.usedBefore, -1), "short"),
              k: survey.minGroupSize,
            })
          : t("admin.surveys.codes.usedNone", { k: survey.minGroupSize })}
      </p>
      <p className="muted">{t("admin.surveys.codes.lead")}</p>
      <form className="admin-inline" onSubmit={generate}>
        <div className="admin-field">
          <label htmlFor="codes-count">{t("admin.surveys.codes.count")}</label>
          <input
            id="codes-count"
            type="number"
            min={1}
            max={MAX_CODES_PER_REQUEST}
            inputMode="numeric"
            value={count}
            onChange={(e) => setCount(e.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t("admin.surveys.codes.generate")}
        </button>
      </form>
      <OutcomeLine at="generate" outcome={message} />
      {codes && (
        <div className="admin-new-codes" data-new-codes>
          <ul className="admin-code-list">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <p className="admin-actions">
            <button
              type="button"
              className="button secondary"
              onClick={() =>
                saveFile(
                  new Blob(
                    [
                      toCsv(
                        [t("admin.surveys.codes.csvHeader")],
                        codes.map((c) => [c]),
                      ),
                    ],
                    { type: "text/csv;charset=utf-8" },
                  ),
                  `${survey.id}-codes.csv`,
                )
              }
            >
              {t("admin.surveys.codes.download")}
            </button>
            <button type="button" className="button secondary" disabled={!slips} onClick={() => window.print()}>
              {t("admin.surveys.codes.print")}
            </button>
          </p>
          {slips && <slips.Slips survey={survey} codes={codes} first={t.locale} strings={slipStrings} />}
        </div>
      )}
      <form
        className="admin-inline"
        aria-labelledby="codes-replace"
        aria-describedby="codes-replace-lead"
        onSubmit={replace}
        data-replace-code
      >
        <p id="codes-replace" className="admin-form-title">
          {t("admin.surveys.codes.replaceTitle")}
        </p>
        <p id="codes-replace-lead" className="muted">
          {t("admin.surveys.codes.replaceLead")}
        </p>
        <div className="admin-field">
          <label htmlFor="codes-replace-code">{t("admin.surveys.codes.code")}</label>
          <input id="codes-replace-code" autoComplete="off" spellCheck={false} value={lost} onChange={(e) => setLost(e.target.value)} />
        </div>
        <button type="submit" className="button secondary" disabled={busy}>
          {t("admin.surveys.codes.replace")}
        </button>
      </form>
      <OutcomeLine at="replace" outcome={message} />
      <div className="admin-actions">
        {confirming ? (
          <div role="group" aria-labelledby="codes-confirm" className="admin-inline">
            <p id="codes-confirm">{t("admin.surveys.codes.withdrawConfirm")}</p>
            <button type="button" className="button" disabled={busy} onClick={() => void withdraw()}>
              {t("admin.surveys.codes.withdrawAll")}
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              {t("admin.surveys.codes.keep")}
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="button secondary"
            disabled={counts.issued === counts.withdrawn}
            onClick={() => setConfirming(true)}
          >
            {t("admin.surveys.codes.withdrawAll")}
          </button>
        )}
      </div>
      <OutcomeLine at="withdrawAll" outcome={message} />
      <form
        className="admin-inline"
        aria-labelledby="codes-one"
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim()) void withdraw(code);
        }}
      >
        <p id="codes-one" className="admin-form-title">
          {t("admin.surveys.codes.withdrawOne")}
        </p>
        <div className="admin-field">
          <label htmlFor="codes-one-code">{t("admin.surveys.codes.code")}</label>
          <input id="codes-one-code" autoComplete="off" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} />
        </div>
        <button type="submit" className="button secondary" disabled={busy}>
          {t("admin.surveys.codes.withdraw")}
        </button>
      </form>
      <OutcomeLine at="withdrawOne" outcome={message} />
    </section>
  );
}
