// Redeeming a receipt code on the tracking page: looking the idea up, keeping
// the code for this tab only (./receipt-tab.ts), looking again after a reload
// or Back, and wiping what the page shows before the browser keeps a snapshot
// of it (back/forward cache): on a shared computer, Back must not bring the
// idea back by itself.
import { useEffect, useState } from "react";
import { flushSync } from "react-dom";
import type { TrackedIdea } from "#lib/ideas/model.ts";
import type { Translator } from "#i18n/translate.ts";
import type { KeysOf } from "#i18n/index.ts";
import { callApi } from "../api-client.ts";
import { failureText } from "./client.ts";
import { forgetIssued, readIssued, tabReceipt, type IssuedReceipt } from "./receipt-tab.ts";

export interface ReceiptLookupEvents {
  /** An idea was found for the code (the first look-up or a later one). */
  onFound(idea: TrackedIdea): void;
  /** The code was forgotten, or (`leaving`) the page is being left: what was derived from the idea goes too. */
  onClear(leaving: boolean): void;
}

export function useReceiptLookup(t: Translator<KeysOf<"ideas.">>, events: ReceiptLookupEvents) {
  const [code, setCode] = useState("");
  const [receipt, setReceipt] = useState<string | null>(null);
  const [idea, setIdea] = useState<TrackedIdea | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedReceipt | null>(null);

  async function lookup(value: string) {
    setLoading(true);
    setError(null);
    const res = await callApi<{ idea: TrackedIdea }>("/api/ideas/track", { json: { receipt: value } });
    setLoading(false);
    if (res.ok && res.status === 200) {
      tabReceipt.set(value);
      setReceipt(value);
      setIdea(res.body.idea);
      events.onFound(res.body.idea);
      return;
    }
    // Only a definite "no such receipt" forgets the saved code: after a network
    // failure or a 429 it is still right, and the person can try again.
    if (res.status === 404) tabReceipt.clear();
    else setCode((typed) => typed || value);
    if (res.status === 404) setError(t("ideas.track.notFound"));
    else if (res.status === 429) setError(t("ideas.track.rateLimited"));
    else setError(t("ideas.track.error", { message: failureText(res) }));
  }

  useEffect(() => {
    const saved = tabReceipt.get();
    setIssued(readIssued());
    if (saved) {
      setCode(saved); // filled in, so a failed look-up still shows which code was tried
      void lookup(saved);
    }
    // Coming back after the page was wiped behaves like a reload of the tab.
    const hide = () =>
      flushSync(() => {
        setIdea(null);
        setReceipt(null);
        setCode("");
        setError(null);
        events.onClear(true);
      });
    const show = (event: PageTransitionEvent) => {
      setIssued(readIssued());
      const again = tabReceipt.get();
      if (event.persisted && again) void lookup(again);
    };
    addEventListener("pagehide", hide);
    addEventListener("pageshow", show);
    return () => {
      removeEventListener("pagehide", hide);
      removeEventListener("pageshow", show);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once on mount: lookup reads only state setters and the saved code
  }, []);

  function forget() {
    tabReceipt.clear();
    forgetIssued();
    setIssued(null);
    setReceipt(null);
    setIdea(null);
    setCode("");
    events.onClear(false);
  }

  return { code, setCode, receipt, idea, setIdea, loading, error, issued, setIssued, lookup, forget };
}
