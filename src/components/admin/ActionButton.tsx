// One step HR takes on the publishing view (start a run, approve, publish,
// record consent): a button that stays disabled while any step is under way,
// so two clicks never send two requests.
import type { ReactNode } from "react";

interface Props {
  busy: boolean;
  onClick: () => void;
  children: ReactNode;
  /** A data-* mark for tests and styles, e.g. { "data-start-policy": true }. */
  mark?: Record<`data-${string}`, string | boolean>;
}

export function ActionButton({ busy, onClick, children, mark }: Props) {
  return (
    <button type="button" className="button" disabled={busy} onClick={onClick} {...mark}>
      {children}
    </button>
  );
}
