// The receipt code with the three ways to keep it (copy, download, "I have
// saved it"), and a question before the page is left while none of them has
// been used. Shown on the receipt page and, for a code handed over from it,
// on the tracking page until it is saved.
import { useEffect, useRef, useState } from "react";
import { formatDay, translator } from "#i18n/translate.ts";
import type { IdeaStrings } from "./client.ts";
import { markSaved, type IssuedReceipt } from "./receipt-tab.ts";

interface Props {
  strings: IdeaStrings;
  issued: IssuedReceipt;
  /** Absolute URL of the tracking page, written into the downloaded file. */
  trackUrl: string;
  onSaved(): void;
}

/**
 * Asks before the page is left (reload, closing the tab, a link) while
 * `active`. Browsers show their own wording; the page cannot change it.
 * `allow()` lets one navigation through: the hand-over to the tracking page,
 * which takes the code along.
 */
export function useLeaveGuard(active: boolean): { allow(): void } {
  const allowed = useRef(false);
  useEffect(() => {
    if (!active) return;
    const ask = (event: BeforeUnloadEvent) => {
      if (allowed.current) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers ask only when this is set
    };
    addEventListener("beforeunload", ask);
    return () => removeEventListener("beforeunload", ask);
  }, [active]);
  return {
    allow: () => {
      allowed.current = true;
    },
  };
}

export function ReceiptKeeper({ strings, issued, trackUrl, onSaved }: Props) {
  const t = translator(strings);
  const { receipt, saved } = issued;
  const [copyState, setCopyState] = useState<"" | "copied" | "failed">("");

  const save = () => {
    markSaved(receipt);
    onSaved();
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(receipt);
      setCopyState("copied");
      save();
    } catch {
      setCopyState("failed");
    }
  };
  const download = () => {
    const text = t("ideas.receipt.file", { code: receipt, url: trackUrl });
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "candor-receipt.txt";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    save();
  };

  return (
    <div className="receipt-keeper" data-saved={saved}>
      <p>
        <code className="ideas-receipt-code" data-receipt>
          {receipt}
        </code>
      </p>
      {issued.acknowledgeBy && issued.acknowledgeWithinDays !== undefined && (
        <p className="receipt-ack" data-acknowledge-by={issued.acknowledgeBy}>
          {t("ideas.receipt.ack", {
            days: issued.acknowledgeWithinDays,
            date: formatDay(t.locale, issued.acknowledgeBy, "short"),
          })}
        </p>
      )}
      <div className="ideas-actions">
        <button type="button" className="button" onClick={copy} data-action="copy">
          {t("ideas.receipt.copy")}
        </button>
        <button type="button" className="button secondary" onClick={download} data-action="download">
          {t("ideas.receipt.download")}
        </button>
      </div>
      <p role="status" aria-live="polite" className={copyState === "failed" ? "ideas-error" : "ideas-ok"}>
        {copyState === "copied" ? t("ideas.receipt.copied") : copyState === "failed" ? t("ideas.receipt.copyFailed") : ""}
      </p>
      <label className="choice receipt-saved">
        <input type="checkbox" checked={saved} onChange={(e) => e.target.checked && save()} disabled={saved} />
        <span>{t("ideas.receipt.saved")}</span>
      </label>
      {!saved && <p className="muted receipt-unsaved">{t("ideas.receipt.unsaved")}</p>}
    </div>
  );
}
