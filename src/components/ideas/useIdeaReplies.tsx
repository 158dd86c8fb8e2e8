// What the author sends about a tracked idea: a reply to HR, and the verdict
// (resolved or not, with an optional comment). Each answer brings the idea
// back as the server now holds it.
import { useState } from "react";
import type { TrackedIdea } from "#lib/ideas/model.ts";
import { visibleText, type Verdict } from "#lib/ideas/vocabulary.ts";
import type { KeysOf } from "#i18n/index.ts";
import type { Translator } from "#i18n/translate.ts";
import { callApi } from "../api-client.ts";
import { failureText } from "./client.ts";

type Submit = { preventDefault(): void };

export function useIdeaReplies(t: Translator<KeysOf<"ideas.">>, receipt: string | null, setIdea: (idea: TrackedIdea) => void) {
  const [reply, setReply] = useState("");
  const [replyState, setReplyState] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<Verdict | "">("");
  const [comment, setComment] = useState("");
  const [verdictState, setVerdictState] = useState<string | null>(null);

  async function sendReply(e: Submit) {
    e.preventDefault();
    if (!receipt) return;
    setReplyState(null);
    const res = await callApi<{ idea: TrackedIdea }>("/api/ideas/track/messages", { json: { receipt, body: reply } });
    if (res.ok && res.status === 201) {
      setIdea(res.body.idea);
      setReply("");
      setReplyState(t("ideas.track.sent"));
    } else {
      setReplyState(t("ideas.track.error", { message: failureText(res) }));
    }
  }

  async function sendVerdict(e: Submit) {
    e.preventDefault();
    if (!receipt || !verdict) return;
    setVerdictState(null);
    const res = await callApi<{ idea: TrackedIdea }>("/api/ideas/track/verdict", {
      json: { receipt, verdict, ...(visibleText(comment) ? { comment } : {}) },
    });
    if (res.ok && res.status === 200) {
      setIdea(res.body.idea);
      setVerdictState(t("ideas.track.verdictSaved"));
    } else {
      setVerdictState(t("ideas.track.error", { message: failureText(res) }));
    }
  }

  return {
    reply,
    setReply,
    replyState,
    verdict,
    setVerdict,
    comment,
    setComment,
    verdictState,
    sendReply,
    sendVerdict,
    /** The idea was found again: its verdict is the form's starting point. */
    found: (idea: TrackedIdea) => setVerdict(idea.verdict ?? ""),
    /** On leaving the page (nothing typed stays for Back to show), and when the code is forgotten (only the notices go). */
    clear(leaving: boolean) {
      if (leaving) {
        setReply("");
        setComment("");
      }
      setReplyState(null);
      setVerdictState(null);
    },
  };
}
