// The survey's draft: kept for the browser session, or on this device when
// the person says it is their own ("This is my own device" moves it to
// localStorage and back). Saved on every change of answer or page.
import { useRef, useState } from "react";
import type { Model } from "survey-core";
import { clearDraft, loadDraft, saveDraft, type Draft, type DraftPlace } from "./draft.ts";

export type Drafts = ReturnType<typeof useDraft>;

export function useDraft(key: string, model: Model) {
  const draftRef = useRef<Draft | null>(null);
  const placeRef = useRef<DraftPlace>("session");
  const [ownDevice, setOwnDevice] = useState(false);

  /** Where the draft is kept from now on. */
  function keepIn(place: DraftPlace) {
    placeRef.current = place;
    setOwnDevice(place === "device");
  }

  /** The draft as it stands, saved where it is kept. */
  function save(draft: Draft) {
    saveDraft(key, draft, placeRef.current);
  }

  /** The model's answers and page, into the draft. */
  const persist = () => {
    const draft = draftRef.current;
    if (!draft) return;
    draft.data = { ...model.data };
    draft.pageNo = model.currentPageNo;
    save(draft);
  };

  function chooseOwnDevice(own: boolean) {
    keepIn(own ? "device" : "session");
    persist();
  }

  /** A fresh draft in place of the kept one, for this session. */
  function startOver() {
    clearDraft(key);
    draftRef.current = loadDraft(key).draft;
    keepIn("session");
  }

  return { draftRef, placeRef, ownDevice, keepIn, save, persist, chooseOwnDevice, startOver };
}
