// What came of an action, said beside the button that caused it: on a long
// page a confirmation at the top is off screen, and one that never comes
// leaves HR wondering. The line is always in the page, empty until an
// outcome arrives, so screen readers announce it (a live region added
// together with its text often is not); when it fills, it is scrolled into
// view if the button sat at the screen's edge.
import { useEffect, useRef } from "react";

/** An outcome and the action it belongs to: only that action's line shows it. */
export interface Outcome<A extends string = string> {
  at: A;
  text: string;
  error?: boolean;
}

export function OutcomeLine<A extends string>({ at, outcome }: { at: A; outcome: Outcome<A> | null }) {
  const mine = outcome?.at === at ? outcome : null;
  const line = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (mine) line.current?.scrollIntoView({ block: "nearest" });
  }, [mine]);
  return (
    <p
      ref={line}
      className={`admin-outcome${mine ? (mine.error ? " admin-error" : " admin-ok") : ""}`}
      role="status"
      aria-live="polite"
      data-outcome={at}
      data-outcome-error={mine?.error ? "" : undefined}
    >
      {mine?.text}
    </p>
  );
}
