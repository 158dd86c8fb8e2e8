// Sending the answers: the draft is marked pending first (so a closed tab or
// an outage finishes the send on the next visit), delivered with retries
// (./send.ts) under the same submissionId, and the server's definite answer
// becomes the next stage — per-question errors shown at the questions, the
// code asked for again when the token is refused.
import { useRef } from "react";
import { CustomError, type Model, type Question } from "survey-core";
import { markAnswered } from "./answered.ts";
import { clearDraft } from "./draft.ts";
import type { SetStage, T } from "./form-stage.ts";
import { clearToken, loadToken } from "./redeem.ts";
import { sendWithRetry } from "./send.ts";
import type { Drafts } from "./useDraft.tsx";

interface Send {
  surveyId: string;
  version: number;
  key: string;
  access: "open" | "invitation";
  model: Model;
  drafts: Drafts;
  setStage: SetStage;
  t: T;
}

export function useSend({ surveyId, version, key, access, model, drafts, setStage, t }: Send) {
  const { locale } = t;
  const wake = useRef<(() => void) | null>(null);

  async function deliver() {
    const draft = drafts.draftRef.current!;
    draft.data = { ...model.data };
    draft.pending = true;
    drafts.save(draft);
    const token = access === "invitation" ? loadToken(key) : null;
    if (access === "invitation" && !token) {
      // the session that redeemed the code has ended: the answers are kept, the code is asked for again
      draft.pending = false;
      drafts.save(draft);
      model.clear(false, false);
      return setStage({ name: "code" });
    }
    setStage({ name: "sending" });
    const result = await sendWithRetry(
      `/api/surveys/${encodeURIComponent(surveyId)}/responses`,
      // the locale picks the language of error messages only; the server stores it nowhere
      { submissionId: draft.submissionId, answers: draft.data, locale, ...(token ? { token } : {}) },
      { wake, onWait: (reason, seconds, attempt) => setStage({ name: "sending", wait: { reason, seconds, attempt } }) },
    );
    draft.pending = false;
    if (result.status === 200 || result.status === 201) {
      clearDraft(key);
      clearToken(key);
      drafts.draftRef.current = null;
      // kept where the draft was: for the session, or on one's own device
      markAnswered(surveyId, version, drafts.placeRef.current);
      setStage({ name: "done" });
      return;
    }
    drafts.save(draft);
    const error = result.body?.error;
    const reopen = () => {
      model.clear(false, false); // back to editing, answers kept
    };
    if (result.status === 422 && error?.fields) {
      reopen();
      if (error.fields.token) {
        setStage({ name: "code", error: "survey.code.required" });
        return;
      }
      let first: Question | null = null;
      for (const [field, message] of Object.entries(error.fields)) {
        const q = model.getQuestionByName(field.replace(/^answers\./, ""));
        if (!q) continue;
        q.addError(new CustomError(message));
        first ??= q;
      }
      if (first?.page) model.currentPage = first.page;
      setStage({ name: "survey", notice: "survey.fixErrors" });
      return;
    }
    if (error?.code === "invalid_invitation_token" || error?.code === "invitation_code_used") {
      reopen();
      clearToken(key);
      setStage({ name: "code", error: error.code === "invalid_invitation_token" ? "survey.code.invalid" : "survey.code.used" });
      return;
    }
    if (error?.code === "survey_closed" || error?.code === "survey_not_open") {
      clearDraft(key);
      clearToken(key);
      setStage({ name: "failed", message: t("survey.closedNow") });
      return;
    }
    setStage({ name: "failed", message: t("survey.failed", { message: error?.message ?? String(result.status) }) });
  }

  return { deliver, wake };
}
