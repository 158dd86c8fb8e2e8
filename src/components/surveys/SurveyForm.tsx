// The survey form: survey-react-ui in the page's language, with the draft
// kept for the browser session (or on this device, if the person says it is
// their own), an invitation code asked for and redeemed for an anonymous
// token before the questions, a delivery loop that survives outages,
// per-question server errors shown next to the questions, a completion page
// once the server has confirmed, and "you answered this survey on this
// device" when the person comes back.
import { memo, startTransition, useEffect, useMemo, useRef, useState } from "react";
import type { Model, Question } from "survey-core";
import { Survey } from "survey-react-ui";
import { formatDay, translator, type Strings } from "#i18n/translate.ts";
import { FREE_TEXT_TYPES } from "#lib/surveys/questions.ts";
import type { SurveyStatus, TVisibility } from "#lib/surveys/schema.ts";
import type { SurveyJsStrings } from "../surveyjs/setup.ts";
import { startAtFirstQuestion } from "../surveyjs/first-question.ts";
import { useIdentifyingNotes, type IdentifyingStrings } from "../surveyjs/identifying-notes.tsx";
import { answeredHere, forgetAnswered } from "./answered.ts";
import { clearDraft, draftKey, loadDraft, startAction, type Draft, type DraftPlace } from "./draft.ts";
import type { Key, Stage } from "./form-stage.ts";
import { awaitedCode, clearToken, hasKeptRedemption, loadToken, placeRedemption } from "./redeem.ts";
import { serverStatus } from "./status.ts";
import { surveyModel } from "./survey-model.ts";
import { useDraft } from "./useDraft.tsx";
import { useRedemption } from "./useRedemption.tsx";
import { useSend } from "./useSend.tsx";
import "./surveys.css";

interface Props {
  /** pickStrings(locale, "survey."): the form's strings, in the page's language. */
  strings: Strings<Key>;
  /** pickStrings(locale, "sjs."): SurveyJS's own texts in the site's words. */
  surveyJsStrings: SurveyJsStrings;
  /** pickStrings(locale, "identifying."): the notes under free-text answers that may identify the writer. */
  identifyingStrings: IdentifyingStrings;
  /** Whether and when results are published: the words on the thank-you page follow it. */
  resultsVisibility: TVisibility;
  surveyId: string;
  version: number;
  definition: Record<string, unknown>;
  access: "open" | "invitation";
  /** Invitation surveys: the survey's published key, built into the page; the server's answers are checked against it alone. */
  invitationKey?: string;
  /** The page that lists every survey key, to compare with. */
  keysHref: string;
  opens: string;
  closes: string;
  /** The status when the site was built: used only when the server cannot be asked. */
  builtStatus: SurveyStatus;
  k: number;
  listHref: string;
  /** Started by the person (the page's Start button): focus goes to the first question, or to the code. */
  focusFirst?: boolean;
  /** Drawn ahead of a press, unseen: the first page is laid out in small steps that yield to the reader's scrolling. */
  ahead?: boolean;
  /** Called once the form has settled on what it shows (the survey, the code, or why neither). */
  onSettled?: () => void;
}

// The form's own re-renders (a press showing a form drawn ahead, a stage's
// notice) leave SurveyJS's tree alone: it re-renders from its model.
const SurveyView = memo(function SurveyView({ model }: { model: Model }) {
  return <Survey model={model} />;
});

export default function SurveyForm(props: Props) {
  const {
    strings,
    surveyJsStrings,
    identifyingStrings,
    resultsVisibility,
    surveyId,
    version,
    definition,
    access,
    invitationKey,
    keysHref,
    opens,
    closes,
    builtStatus,
    k,
    listHref,
    focusFirst,
    ahead,
    onSettled,
  } = props;
  const t = translator(strings);
  const { locale } = t;

  const key = draftKey(surveyId, version);
  const [stage, setStage] = useState<Stage>({ name: "loading" });
  const statusRef = useRef<HTMLDivElement>(null);

  const model = useMemo(() => surveyModel(definition, locale, surveyJsStrings), [definition, locale, surveyJsStrings]);

  const drafts = useDraft(key, model);
  const { draftRef, ownDevice, persist } = drafts;
  const { deliver, wake } = useSend({ surveyId, version, key, access, model, drafts, setStage, t });
  const { code, setCode, codeRef, submitCode, redeemCode } = useRedemption({
    surveyId,
    key,
    invitationKey,
    drafts,
    stage,
    setStage,
    deliver,
  });

  // "This is my own device": the draft, and the code's redemption, move to localStorage (and back to the session when unticked).
  function chooseOwnDevice(own: boolean) {
    drafts.chooseOwnDevice(own);
    placeRedemption(key, drafts.placeRef.current);
  }

  // Non-blocking notes under free-text answers that may identify the writer, quoting the words.
  const { notes } = useIdentifyingNotes(model, identifyingStrings, (q: Question) =>
    (FREE_TEXT_TYPES as readonly string[]).includes(q.getType()),
  );

  useEffect(() => {
    let unmounted = false;
    const { draft, resumed, place } = loadDraft(key);
    // A pending send does not wait for the status: the server decides on delivery.
    void (draft.pending ? Promise.resolve(null) : serverStatus(surveyId)).then((status) => {
      if (unmounted) return;
      if (ahead) startTransition(() => start(draft, resumed, place, status ?? builtStatus));
      else start(draft, resumed, place, status ?? builtStatus);
    });
    return () => {
      unmounted = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- wires the model once per model; the handlers read refs, not stale state
  }, [model]);

  function start(draft: Draft, resumed: boolean, place: DraftPlace, status: SurveyStatus) {
    drafts.keepIn(place);
    const action = startAction(draft, status);
    if (action === "upcoming") return setStage({ name: "upcoming" });
    if (action === "closed") {
      clearDraft(key); // nothing more can come of it
      clearToken(key);
      return setStage({ name: "closed" });
    }
    draftRef.current = draft;
    model.data = draft.data;
    if (draft.pageNo > 0 && draft.pageNo < model.visiblePages.length) model.currentPageNo = draft.pageNo;
    model.onValueChanged.add(persist);
    model.onCurrentPageChanged.add(persist);
    model.onComplete.add(() => void deliver());
    if (draft.pending) {
      void deliver(); // a send that never got its confirmation: finish it
    } else if (answeredHere(surveyId, version) && !resumed) {
      setStage({ name: "answered" }); // not a blank form: this device has answered
    } else if (access === "invitation" && !loadToken(key)) {
      // a redemption this tab was waiting for when it was reloaded: finish it, the code is not asked again
      const code = awaitedCode(key);
      if (code) void redeemCode(code);
      else setStage({ name: "code" });
    } else {
      setStage({ name: "survey", notice: resumed ? "survey.resumed" : undefined });
    }
  }

  // A send not yet confirmed, kept for this session only, is lost if the tab
  // closes: ask first. (On one's own device it is finished on the next visit.)
  useEffect(() => {
    if (stage.name !== "sending" || ownDevice) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [stage.name, ownDevice]);

  // Move focus to what changed, so keyboard and screen-reader users follow
  // along — also when the code form gives way to the survey, or the survey
  // to the sending notice: otherwise focus falls back to the page body.
  const previous = useRef<Stage["name"]>("loading");
  const asked = useRef(false);
  const notice = stage.name === "survey" ? stage.notice : undefined;
  useEffect(() => {
    const from = previous.current;
    previous.current = stage.name;
    // the form starts here: on its first stage, or when a form drawn ahead is shown by a press
    const startsHere = focusFirst && (from === "loading" || !asked.current);
    asked.current = !!focusFirst;
    if (
      stage.name === "done" ||
      stage.name === "failed" ||
      stage.name === "wrongKey" ||
      stage.name === "sending" ||
      (stage.name === "survey" && notice === "survey.fixErrors")
    ) {
      statusRef.current?.focus();
    } else if (stage.name === "survey" && (from === "code" || startsHere)) {
      void startAtFirstQuestion(model);
    } else if (stage.name === "code" && startsHere) {
      codeRef.current?.focus();
    }
  }, [model, stage.name, notice, focusFirst, codeRef]);

  const settled = stage.name !== "loading";
  useEffect(() => {
    if (settled) onSettled?.();
  }, [settled, onSettled]);

  function startOver() {
    drafts.startOver();
    model.clear(true, true);
    setStage(access === "invitation" && !loadToken(key) ? { name: "code" } : { name: "survey" });
  }

  /** "Someone else on this device": the mark goes, a fresh form comes. */
  function answerAsSomeoneElse() {
    forgetAnswered(surveyId, version);
    startOver();
  }

  // One live region, mounted from the first render to the last, so what the
  // sending loop says is announced: a region inserted together with its text
  // (as each stage's own markup would be) is often not read at all.
  const live =
    stage.name !== "sending"
      ? ""
      : !stage.wait
        ? t("survey.sending")
        : stage.wait.reason === "rate_limited"
          ? t("survey.rateLimited", { seconds: stage.wait.seconds })
          : t("survey.retrying", { seconds: stage.wait.seconds, attempt: stage.wait.attempt });
  return (
    <>
      {renderStage()}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-survey-live>
        {live}
      </p>
    </>
  );

  function renderStage() {
    // On an invitation survey the choice also keeps the code's redemption, so it is offered before Continue too.
    const ownDeviceChoice = (
      <label className="choice">
        <input type="checkbox" checked={ownDevice} onChange={(e) => chooseOwnDevice(e.target.checked)} data-own-device />
        <span>{t(access === "invitation" ? "survey.ownDevice.invitation" : "survey.ownDevice.label")}</span>
      </label>
    );
    switch (stage.name) {
      case "loading":
        return <p className="muted">{t("survey.loading")}</p>;
      case "upcoming":
        return <p className="notice">{t("survey.notOpenYet", { date: formatDay(locale, opens) })}</p>;
      case "closed":
        return <p className="notice">{t("survey.closedOn", { date: formatDay(locale, closes) })}</p>;
      case "answered":
        return (
          <section className="survey-done card" aria-labelledby="survey-answered-title" data-answered-here>
            <h2 id="survey-answered-title">{t("survey.answered.title")}</h2>
            <p>{t(`survey.results.${resultsVisibility}`, { k })}</p>
            <p className="survey-actions">
              <a href={listHref}>{t("survey.done.back")}</a>
              <button type="button" className="link-button" onClick={answerAsSomeoneElse}>
                {t("survey.answered.someoneElse")}
              </button>
            </p>
          </section>
        );
      case "code":
        return (
          <form className="survey-code card" onSubmit={submitCode} noValidate>
            <h2>{t("survey.code.title")}</h2>
            <label htmlFor="survey-code">{t("survey.code.label")}</label>
            <input
              id="survey-code"
              ref={codeRef}
              name="code"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-describedby={stage.error ? "survey-code-help survey-code-error" : "survey-code-help"}
              aria-invalid={stage.error ? true : undefined}
            />
            <p id="survey-code-help" className="muted">
              {t("survey.code.help")}
            </p>
            {!stage.error && hasKeptRedemption(key) && (
              <p className="notice" data-code-kept>
                {t("survey.code.kept")}
              </p>
            )}
            {stage.error && (
              <p id="survey-code-error" className="survey-error" role="alert">
                {t(stage.error, { seconds: stage.seconds ?? 60 })}
              </p>
            )}
            {/* Said before the code is sent: Continue uses it up. */}
            <p id="survey-code-warning" className="survey-code-warning" data-code-warning>
              {t("survey.code.warning")}
            </p>
            {ownDeviceChoice}
            <button
              className="button"
              type="submit"
              disabled={stage.checking}
              aria-busy={stage.checking || undefined}
              aria-describedby="survey-code-warning"
            >
              {stage.checking ? t("survey.code.checking") : t("survey.code.continue")}
            </button>
          </form>
        );
      case "survey":
        return (
          <div className="survey-wrap">
            {stage.notice && (
              <div className={stage.notice === "survey.fixErrors" ? "notice warn" : "notice"} role="status" tabIndex={-1} ref={statusRef}>
                <p>{t(stage.notice)}</p>
                {stage.notice === "survey.resumed" && (
                  <button type="button" className="button secondary" onClick={startOver}>
                    {t("survey.startOver")}
                  </button>
                )}
              </div>
            )}
            {/* Where the unsent answers are kept, and the one choice that keeps them longer: two short lines. */}
            <div className="survey-own-device">
              <p className="muted">{t("survey.anonymity.draft")}</p>
              {ownDeviceChoice}
            </div>
            <SurveyView model={model} />
            {notes}
          </div>
        );
      case "sending":
        return (
          <div className="notice survey-sending" tabIndex={-1} ref={statusRef}>
            <p>{live}</p>
            {stage.wait && (
              <button type="button" className="button secondary" onClick={() => wake.current?.()}>
                {t("survey.retryNow")}
              </button>
            )}
          </div>
        );
      case "done":
        return (
          <section className="survey-done card" aria-labelledby="survey-done-title" tabIndex={-1} ref={statusRef as never}>
            <h2 id="survey-done-title">{t("survey.done.title")}</h2>
            <p>{t("survey.done.body")}</p>
            <p>{t(`survey.results.${resultsVisibility}`, { k })}</p>
            <p>
              <a href={listHref}>{t("survey.done.back")}</a>
            </p>
          </section>
        );
      case "wrongKey":
        return (
          <div className="notice warn" role="alert" tabIndex={-1} ref={statusRef} data-wrong-key>
            <p>{t("survey.code.wrongKey")}</p>
            <p className="survey-actions">
              <a href={keysHref}>{t("survey.code.keys")}</a>
              <a href={listHref}>{t("survey.done.back")}</a>
            </p>
          </div>
        );
      case "failed":
        return (
          <div className="notice warn" role="alert" tabIndex={-1} ref={statusRef}>
            <p>{stage.message}</p>
            <p>
              <a href={listHref}>{t("survey.done.back")}</a>
            </p>
          </div>
        );
    }
  }
}
