// An idea's status changes, oldest first, each to the day with HR's optional
// public note: the same list on the public board and on the tracking page.
import type { IdeaStatus, StatusChange } from "../../lib/ideas/model.ts";

export function StatusTimeline({
  history,
  t,
  ...rest
}: {
  history: StatusChange[];
  t: (key: `ideas.status.${IdeaStatus}`) => string;
  "data-history"?: boolean;
}) {
  return (
    <ol className="idea-timeline" {...rest}>
      {history.map((h, i) => (
        <li key={i}>
          <time dateTime={h.on}>{h.on}</time> — {t(`ideas.status.${h.status}`)}
          {h.note && <span className="idea-text">: {h.note}</span>}
        </li>
      ))}
    </ol>
  );
}
