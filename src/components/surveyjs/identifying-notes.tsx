// Where a free-text answer may identify its writer, a note right under that
// field quotes the very words ("“badge 20931” (an employee number)") with a
// button that selects them in the field, so the writer sees what to reword
// instead of guessing from a list of kinds below the form. It never blocks
// sending. Shared by the idea form and the survey form (both SurveyJS).
import { useEffect, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import type { Model, Question } from "survey-core";
import type { KeysOf } from "#i18n/index.ts";
import { translator, type Strings, type Translator } from "#i18n/translate.ts";
import { findIdentifying, type IdentifyingFinding } from "#lib/text/identifying.ts";

/** What a page hands a form for these notes: pickStrings(locale, "identifying."). */
export type IdentifyingStrings = Strings<KeysOf<"identifying.">>;
type T = Translator<KeysOf<"identifying.">>;

/** What a finding is, in words: a shift and a ticket number share a kind but not a name. */
function what(t: T, f: IdentifyingFinding): string {
  if (f.kind !== "shift_or_ticket") return t(`identifying.kind.${f.kind}`);
  return t(/shift|班/i.test(f.text) ? "identifying.kind.shift" : "identifying.kind.ticket");
}

function quote(t: T, f: IdentifyingFinding): string {
  return t("identifying.item", { text: f.text.trim(), kind: what(t, f) });
}

/** “late shift” (a shift), “13812345678” (a phone number): the words found, each with what it is. */
export function quoteFindings(t: T, findings: IdentifyingFinding[]): string {
  return t.list(findings.map((f) => quote(t, f)));
}

/** Puts the text cursor on a finding: focus the question's field and select its words. */
function select(question: Question, finding: IdentifyingFinding): void {
  const field = document.getElementById(question.inputId) as HTMLTextAreaElement | HTMLInputElement | null;
  if (!field) return;
  field.focus();
  field.setSelectionRange(finding.start, finding.end);
}

function Note({ question, findings, t }: { question: Question; findings: IdentifyingFinding[]; t: T }) {
  return (
    <div
      className="identifying-note"
      data-identifying-note={question.name}
      data-kinds={[...new Set(findings.map((f) => f.kind))].join(" ")}
    >
      <p>
        <strong>{t("identifying.lead")}</strong>
      </p>
      <ul>
        {findings.map((f) => (
          <li key={`${f.start}-${f.end}`}>
            <mark>{quote(t, f)}</mark>{" "}
            <button
              type="button"
              className="link-button"
              aria-label={t("identifying.showLabel", { text: f.text.trim() })}
              onClick={() => select(question, f)}
            >
              {t("identifying.show")}
            </button>
          </li>
        ))}
      </ul>
      <p className="muted">{t("identifying.advice")}</p>
    </div>
  );
}

/**
 * Watches the free-text questions `watch` accepts and returns the notes to
 * render (React portals into a slot SurveyJS's own markup gets under each
 * such question) and the findings per question, for a confirmation on send.
 */
export function useIdentifyingNotes(
  model: Model,
  strings: IdentifyingStrings,
  watch: (question: Question) => boolean,
): { notes: ReactNode[]; findings: Record<string, IdentifyingFinding[]>; recheck(): void } {
  const t = translator(strings);
  const [findings, setFindings] = useState<Record<string, IdentifyingFinding[]>>({});
  const [slots, setSlots] = useState<Record<string, HTMLElement>>({});

  const check = (q: Question) => {
    if (!watch(q)) return;
    const found = typeof q.value === "string" ? findIdentifying(q.value) : [];
    setFindings((all) => (found.length === 0 && !all[q.name] ? all : { ...all, [q.name]: found }));
  };
  /** After values change without SurveyJS saying so (clear(), a restored draft). */
  const recheck = () => {
    for (const q of model.getAllQuestions()) check(q as Question);
  };

  // Wired while rendering, once per model: SurveyJS announces each question's
  // markup (onAfterRenderQuestion) when it mounts, before any effect of ours would run.
  const wired = useRef<Model | null>(null);
  if (wired.current !== model) {
    wired.current = model;
    // Every watched field says, before anything is typed, not to sign it: a
    // name is what a writer most often adds and the hardest for us to spot.
    for (const q of model.getAllQuestions() as Question[]) {
      if (watch(q) && !q.description) q.description = t("identifying.hint");
    }
    model.onAfterRenderQuestion.add((_, options) => {
      const q = options.question as Question;
      if (!watch(q)) return;
      // inside the question's content box, right under the field
      const host = options.htmlElement.querySelector<HTMLElement>(".sd-question__content") ?? options.htmlElement;
      let slot = host.querySelector<HTMLElement>(":scope > .identifying-slot");
      if (!slot) {
        slot = document.createElement("div");
        slot.className = "identifying-slot";
        host.appendChild(slot);
      }
      const placed = slot;
      setSlots((all) => (all[q.name] === placed ? all : { ...all, [q.name]: placed }));
    });
    model.onValueChanged.add((_, options) => check(options.question as Question));
  }
  useEffect(recheck, [model]); // eslint-disable-line react-hooks/exhaustive-deps -- values restored before mount (a draft)

  const notes = Object.entries(slots).flatMap(([name, slot]) => {
    const question = model.getQuestionByName(name) as Question | null;
    const found = findings[name] ?? [];
    if (!question || found.length === 0 || !slot.isConnected) return [];
    return [createPortal(<Note question={question} findings={found} t={t} />, slot, name)];
  });
  return { notes, findings, recheck };
}
