// The anonymous idea form (SurveyJS) and, once sent, the receipt code — shown
// once, with copy and download, never stored by this page. Before sending, a
// non-blocking warning names details in the text that could identify the writer.
import { useEffect, useMemo, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import { identifyingKinds, type IdentifyingKind } from "../../lib/identifying.ts";
import { IDEA_CATEGORIES, LIMITS } from "../../lib/ideas/vocabulary.ts";
import { adoptThemeStyles } from "../surveyjs/setup.ts";
import { translator, type Translator } from "../../i18n/translate.ts";
import { errorMessage, postJson, type IdeaStrings } from "./client.ts";
import { TurnstileGate, type TurnstileApi } from "./turnstile.ts";
import "./ideas.css";

interface Props {
  strings: IdeaStrings;
  trackHref: string;
  turnstileSiteKey?: string;
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

export default function IdeaForm({ strings, trackHref, turnstileSiteKey }: Props) {
  const t = translator(strings);
  const { locale } = t;
  const survey = useMemo(() => {
    const model = new Model(definition(t));
    model.locale = locale;
    adoptThemeStyles(model);
    return model;
    // the strings and locale are fixed for the page
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the model is built once: strings and locale are fixed for the page
  }, []);
  const [kinds, setKinds] = useState<IdentifyingKind[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<string | null>(null);
  const [copyState, setCopyState] = useState<"" | "copied" | "failed">("");
  const turnstileRef = useRef<HTMLDivElement>(null);
  const turnstile = useRef(new TurnstileGate());
  const acknowledged = useRef(false);
  const receiptHeading = useRef<HTMLHeadingElement>(null);
  const warningHeading = useRef<HTMLHeadingElement>(null);
  const attempt = useRef<{ fingerprint: string; submissionId: string } | null>(null);

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
    const res = await postJson<{ receipt: string }>("/api/ideas", {
      ...idea,
      submissionId: attempt.current.submissionId,
      ...(turnstile.current.token ? { turnstileToken: turnstile.current.token } : {}),
    }).catch(() => null);
    setSending(false);
    if (res && (res.status === 201 || res.status === 200)) {
      attempt.current = null;
      // the text is sent: nothing of it stays in the page for Back to show
      survey.clear(true, true);
      setKinds([]);
      setReceipt(res.body.receipt);
      return;
    }
    // the server may have spent the token verifying it: the next try needs a fresh one
    turnstile.current.spent();
    setError(res ? t("ideas.form.error", { message: errorMessage(res.body) }) : t("ideas.form.offline"));
  };
  const sendRef = useRef(send);
  sendRef.current = send;

  useEffect(() => {
    const check = () => {
      const data = survey.data as { title?: string; body?: string };
      setKinds(identifyingKinds(`${data.title ?? ""}\n${data.body ?? ""}`));
      acknowledged.current = false;
    };
    survey.onValueChanged.add(check);
    survey.onCompleting.add((_, options) => {
      // SurveyJS validated the answers; sending is ours, so the form stays on screen until the server confirms.
      options.allow = false;
      check();
      const found = identifyingKinds(`${survey.data.title ?? ""}\n${survey.data.body ?? ""}`);
      if (found.length > 0 && !acknowledged.current) {
        setConfirming(true);
        return;
      }
      void sendRef.current();
    });
  }, [survey]);

  useEffect(() => {
    if (receipt) receiptHeading.current?.focus();
  }, [receipt]);

  // The receipt is shown once: leaving the page wipes it before the browser
  // keeps a snapshot (back/forward cache), so Back on a shared computer shows
  // an empty form, not someone's receipt.
  useEffect(() => {
    const hide = () => flushSync(() => setReceipt(null));
    addEventListener("pagehide", hide);
    return () => removeEventListener("pagehide", hide);
  }, []);

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

  if (receipt) {
    const download = () => {
      const text = t("ideas.receipt.file", { code: receipt, url: new URL(trackHref, location.href).href });
      const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = "candor-receipt.txt";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    };
    const copy = async () => {
      try {
        await navigator.clipboard.writeText(receipt);
        setCopyState("copied");
      } catch {
        setCopyState("failed");
      }
    };
    return (
      <section className="ideas-receipt" aria-labelledby="receipt-title">
        <h2 id="receipt-title" tabIndex={-1} ref={receiptHeading}>
          {t("ideas.receipt.title")}
        </h2>
        <p>{t("ideas.receipt.lead")}</p>
        <p>
          <code className="ideas-receipt-code" data-receipt>
            {receipt}
          </code>
        </p>
        <p className="notice warn">{t("ideas.receipt.once")}</p>
        <div className="ideas-actions">
          <button type="button" className="button" onClick={copy} data-action="copy">
            {t("ideas.receipt.copy")}
          </button>
          <button type="button" className="button secondary" onClick={download} data-action="download">
            {t("ideas.receipt.download")}
          </button>
          <a className="button secondary" href={trackHref}>
            {t("ideas.receipt.track")}
          </a>
        </div>
        <p role="status" aria-live="polite" className={copyState === "failed" ? "ideas-error" : "ideas-ok"}>
          {copyState === "copied" ? t("ideas.receipt.copied") : copyState === "failed" ? t("ideas.receipt.copyFailed") : ""}
        </p>
      </section>
    );
  }

  const kindList = t.list(kinds.map((k) => t(`ideas.warn.kind.${k}`)));
  return (
    <div className="ideas-form">
      <Survey model={survey} />
      {kinds.length > 0 && (
        <section className="ideas-warning" aria-labelledby="ideas-warning-title" data-identifying-warning={kinds.join(" ")}>
          <h2 id="ideas-warning-title" tabIndex={-1} ref={warningHeading}>
            {t("ideas.warn.title")}
          </h2>
          <p>{t("ideas.warn.body", { kinds: kindList })}</p>
          {confirming && (
            <div className="ideas-actions" role="group" aria-label={t("ideas.warn.title")}>
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  setConfirming(false);
                  survey.getQuestionByName("body")?.focus();
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
          )}
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
