// One field of the console's forms: its label, the input, a hint and the
// build's problem with it in HR's words, tied to the input for screen
// readers (aria-describedby, aria-invalid). The policy, honour and results
// forms all draw their fields with it.
import { useEffect, useId, useState, type ReactNode } from "react";

/** What the input needs to be tied to its hint and problem. */
export interface FieldA11y {
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

interface Props {
  label: ReactNode;
  hint?: ReactNode;
  /** The problem to show, already in HR's words; none: the field passes (or HR has not reached it yet). */
  problem?: string | undefined;
  className?: string;
  children: (a11y: FieldA11y) => ReactNode;
}

export function Field({ label, hint, problem, className, children }: Props) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const problemId = problem ? `${id}-problem` : undefined;
  const describedBy = [hintId, problemId].filter(Boolean).join(" ") || undefined;
  return (
    <label className={className}>
      {label}
      {children({ "aria-describedby": describedBy, ...(problem ? { "aria-invalid": true as const } : {}) })}
      {hint && (
        <span className="muted field-hint" id={hintId}>
          {hint}
        </span>
      )}
      {problem && (
        <span className="field-error" id={problemId}>
          {problem}
        </span>
      )}
    </label>
  );
}

/**
 * A number HR types: the text stays as typed ("1." on the way to "1.5")
 * while the form gets the number it means, NaN for an empty or unreadable
 * one, which the build's checks then name.
 */
export function NumberInput({
  value,
  onChange,
  ...rest
}: {
  value: number | undefined;
  /** The number meant, and the text as typed (an optional number left empty is no number at all). */
  onChange: (n: number, text: string) => void;
  name: string;
} & FieldA11y & { "aria-label"?: string }) {
  const shown = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "" : String(n));
  const [text, setText] = useState(shown(value));
  // a change from outside (an item removed above this one) shows; HR's own typing is kept as typed
  useEffect(() => {
    setText((t) => (Object.is(parse(t), value) ? t : shown(value)));
  }, [value]);
  return (
    <input
      inputMode="decimal"
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        onChange(parse(e.currentTarget.value), e.currentTarget.value);
      }}
      {...rest}
    />
  );
}

const parse = (raw: string) => (raw.trim() === "" ? Number.NaN : Number(raw));
