// The anonymous idea form (SurveyJS) and, once sent, the receipt page: the
// code with copy, download and "I have saved it", when HR will answer, and a
// hand-over to the tracking page within this tab (./receipt-tab.ts). While
// typing, a note under the title or the text quotes the words that could
// identify the writer; sending asks once more, never blocks.
import { useEffect, useMemo, useRef, useState } from "react";
import { Model, type Question } from "survey-core";
import { Survey } from "survey-react-ui";
import { IDEA_CATEGORIES, LIMITS } from "#lib/ideas/vocabulary.ts";
import { adoptThemeStyles, applySiteWording, type SurveyJsStrings } from "../surveyjs/setup.ts";
import { startAtFirstQuestion } from "../surveyjs/first-question.ts";
import { quoteFindings, useIdentifyingNotes, type IdentifyingStrings } from "../surveyjs/identifying-notes.tsx";
import { translator, type Translator } from "#i18n/translate.ts";
import { callApi } from "../api-client.ts";
import { failureText, type IdeaStrings } from "./client.ts";
import { ReceiptKeeper, useLeaveGuard } from "./ReceiptKeeper.tsx";
import { forgetIssued, keepIssued, readIssued, type IssuedReceipt } from "./receipt-tab.ts";
import { TurnstileGate, type TurnstileApi } from "./turnstile.ts";
import "./ideas.css";

interface Props {
  strings: IdeaStrings;
  /** pickStrings(locale, "sjs."): SurveyJS's own texts (validation messages) in the site's words. */
  surveyJsStrings: SurveyJsStrings;
  /** pickStrings(locale, "identifying."): the notes under fields that may identify the writer. */
  identifyingStrings: IdentifyingStrings;
  trackHref: string;
  turnstileSiteKey?: string;
  /** The person pressed "Write your idea": the first question takes the focus. */
  focusFirst?: boolean;
}

function definition(t: Translator<keyof IdeaStrings["text"]>) {
  return {
    showQuestionNumbers: "off",
    completeText: t("ideas.form.submit"),
    checkErrorsMode: "onComplete",
    // values (and so the identifying-details warning) follow every keystroke, not only blur
    textUpdateMode: "onTyping",
    elements: [
      {
        type: "radiogroup",
        name: "category",
        title: t("ideas.form.category"),
        isRequired: true,
        colCount: 2,
        choices: IDEA_CATEGORIES.map((c) => ({ value: c, text: t(`ideas.category.${c}`) })),
      },
      {
        type: "text",
        name: "title",
        title: t("ideas.form.title"),
        description: t("ideas.form.titleHelp", { max: LIMITS.titleMax }),
        isRequired: true,
        maxLength: LIMITS.titleMax,
        validators: [{ type: "text", minLength: LIMITS.titleMin }],
      },
      {
        type: "comment",
        name: "body",
        title: t("ideas.form.body"),
        description: t("ideas.form.bodyHelp", { max: LIMITS.bodyMax }),
        isRequired: true,
        maxLength: LIMITS.bodyMax,
        rows: 8,
        autoGrow: true,
        validators: [{ type: "text", minLength: LIMITS.bodyMin }],
      },
      {
        type: "boolean",
        name: "publishConsent",
        title: t("ideas.form.consent"),
        description: t("ideas.form.consentHelp"),
        renderAs: "checkbox",
        defaultValue: false,
      },
    ],
  };
}

const FIELDS_WITH_NOTES = new Set(["title", "body"]);

export default function IdeaForm({ strings, surveyJsStrings, identifyingStrings, trackHref, turnstileSiteKey, focusFirst }: Props) {
  const t = translator(strings);
  const { locale } = t;
  const survey = useMemo(() => {
    applySiteWording(surveyJsStrings);
    const model = new Model(definition(t));
    model.locale = locale;
    adoptThemeStyles(model);
    return model;
    // the strings and locale are fixed for the page
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the model is built once: strings and locale are fixed for the page
  }, []);
  const { notes, findings, recheck } = useIdentifyingNotes(survey, identifyingStrings, (q: Question) => FIELDS_WITH_NOTES.has(q.name));
  const found = [...(findings.title ?? []), ...(findings.body ?? [])];
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedReceipt | null>(null);
  const turnstileRef = useRef<HTMLDivElement>(null);
  const turnstile = useRef(new TurnstileGate());
  const acknowledged = useRef(false);
  const receiptHeading = useRef<HTMLHeadingElement>(null);
  const warningHeading = useRef<HTMLHeadingElement>(null);
  const attempt = useRef<{ fingerprint: string; submissionId: string } | null>(null);
  const guard = useLeaveGuard(issued !== null && !issued.saved);
  const send = async () => {
    setConfirming(false);
    setError(null);
    if (turnstileSiteKey && !turnstile.current.token) {
      setError(t("ideas.form.robot"));
      return;
    }
    setSending(true);
    const data = survey.data as { category?: string; title?: string; body?: string; publishConsent?: boolean };
    const idea = {
      category: data.category,
      title: data.title ?? "",
      body: data.body ?? "",
      publishConsent: data.publishConsent === true,
      locale,
    };
    // Sending the same idea again (after a network failure that may have
    // happened after the server stored it) reuses its id: the server answers
    // with the same receipt instead of storing a second idea.
    const fingerprint = JSON.stringify(idea);
    if (attempt.current?.fingerprint !== fingerprint) attempt.current = { fingerprint, submissionId: crypto.randomUUID() };
    const res = await callApi<{ receipt: string; acknowledgeBy?: string; acknowledgeWithinDays?: number }>("/api/ideas", {
      json: {
        ...idea,
        submissionId: attempt.current.submissionId,
        ...(turnstile.current.token ? { turnstileToken: turnstile.current.token } : {}),
      },
    });
    setSending(false);
    if (res.ok && (res.status === 201 || res.status === 200)) {
      attempt.current = null;
      // the text is sent: nothing of it stays in the page for Back to show; the code stays in this tab
      survey.clear(true, true);
      recheck();
      const fresh: IssuedReceipt = {
        receipt: res.body.receipt,
        acknowledgeBy: res.body.acknowledgeBy,
        acknowledgeWithinDays: res.body.acknowledgeWithinDays,
        saved: false,
      };
      keepIssued(fresh);
      setIssued(fresh);
      return;
    }
    // the server may have spent the token verifying it: the next try needs a fresh one
    turnstile.current.spent();
    setError(res.status === 0 ? t("ideas.form.offline") : t("ideas.form.error", { message: failureText(res) }));
  };
  const sendRef = useRef(send);
  sendRef.current = send;

  useEffect(() => {
    survey.onValueChanged.add(() => {
      acknowledged.current = false;
    });
    survey.onCompleting.add((_, options) => {
      // SurveyJS validated the answers; sending is ours, so the form stays on screen until the server confirms.
      options.allow = false;
      if (foundRef.current.length > 0 && !acknowledged.current) {
        setConfirming(true);
        return;
      }
      void sendRef.current();
    });
  }, [survey]);
  const foundRef = useRef(found);
  foundRef.current = found;

  // A receipt issued in this tab comes back with the page (Back from the
  // tracking page, a reload): the only copy of the code is never one click away from gone.
  useEffect(() => {
    const restore = () => setIssued(readIssued());
    restore();
    addEventListener("pageshow", restore);
    return () => removeEventListener("pageshow", restore);
  }, []);

  useEffect(() => {
    if (focusFirst && !readIssued()) void startAtFirstQuestion(survey);
  }, [survey, focusFirst]);

  useEffect(() => {
    if (issued) receiptHeading.current?.focus();
  }, [issued?.receipt]); // eslint-disable-line react-hooks/exhaustive-deps -- focus once per new receipt, not on "saved"

  // "Send anyway?" appears after the send button was pressed: move focus to it so screen readers announce the choice.
  useEffect(() => {
    if (confirming) warningHeading.current?.focus();
  }, [confirming]);

  useEffect(() => {
    if (!turnstileSiteKey || !turnstileRef.current) return;
    const script = document.createElement("script");
    script.src = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit";
    script.async = true;
    script.onload = () => {
      const api = (window as unknown as { turnstile?: TurnstileApi }).turnstile;
      if (api && turnstileRef.current) turnstile.current.mount(api, turnstileRef.current, turnstileSiteKey, locale);
    };
    document.head.appendChild(script);
  }, [turnstileSiteKey, locale]);

  if (issued) {
    const trackUrl = new URL(trackHref, location.href).href;
    return (
      <section className="ideas-receipt" aria-labelledby="receipt-title">
        <h2 id="receipt-title" tabIndex={-1} ref={receiptHeading}>
          {t("ideas.receipt.title")}
        </h2>
        <p>{t("ideas.receipt.lead")}</p>
        <ReceiptKeeper strings={strings} issued={issued} trackUrl={trackUrl} onSaved={() => setIssued(readIssued())} />
        <p className="notice warn">{t("ideas.receipt.once")}</p>
        <div className="ideas-actions">
          <a className="button" href={trackHref} onClick={() => guard.allow()} data-action="track">
            {t("ideas.receipt.track")}
          </a>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              forgetIssued();
              setIssued(null);
            }}
          >
            {t("ideas.receipt.another")}
          </button>
        </div>
      </section>
    );
  }

  return (
    <div className="ideas-form">
      <Survey model={survey} />
      {notes}
      {confirming && found.length > 0 && (
        <section
          className="ideas-warning"
          aria-labelledby="ideas-warning-title"
          data-identifying-warning={[...new Set(found.map((f) => f.kind))].join(" ")}
        >
          <h2 id="ideas-warning-title" tabIndex={-1} ref={warningHeading}>
            {t("ideas.warn.title")}
          </h2>
          <p>{t("ideas.warn.body", { found: quoteFindings(translator(identifyingStrings), found) })}</p>
          <div className="ideas-actions" role="group" aria-label={t("ideas.warn.title")}>
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setConfirming(false);
                survey.getQuestionByName(findings.body?.length ? "body" : "title")?.focus();
              }}
            >
              {t("ideas.warn.edit")}
            </button>
            <button
              type="button"
              className="button"
              data-action="send-anyway"
              onClick={() => {
                acknowledged.current = true;
                void send();
              }}
            >
              {t("ideas.warn.send")}
            </button>
          </div>
        </section>
      )}
      {turnstileSiteKey && <div ref={turnstileRef} className="ideas-turnstile" />}
      <p role="status" aria-live="polite">
        {sending ? t("ideas.form.sending") : ""}
      </p>
      {error && (
        <p role="alert" className="ideas-error">
          {error}
        </p>
      )}
    </div>
  );
}
