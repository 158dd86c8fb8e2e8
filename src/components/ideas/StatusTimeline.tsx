// An idea's status changes, oldest first, each to the day with HR's optional
// public note as HR wrote it: the tracking page and the HR console (the
// board draws the same list without React, ./board-row.ts).
import type { Locale } from "#i18n/config.ts";
import { formatDay } from "#i18n/translate.ts";
import type { IdeaStatus, StatusChange } from "#lib/ideas/model.ts";

export function StatusTimeline({
  history,
  t,
  ...rest
}: {
  history: StatusChange[];
  t: { (key: `ideas.status.${IdeaStatus}`): string; readonly locale: Locale };
  "data-history"?: boolean;
}) {
  return (
    <ol className="idea-timeline" {...rest}>
      {history.map((h, i) => (
        <li key={i}>
          <time dateTime={h.on} className="muted">
            {formatDay(t.locale, h.on)}
          </time>{" "}
          <strong>{t(`ideas.status.${h.status}`)}</strong>
          {h.note && (
            <span className="idea-text">
              {t.locale === "zh-cn" ? "：" : ": "}
              {h.note}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
