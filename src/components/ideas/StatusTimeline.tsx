// An idea's status changes, oldest first, each to the day with HR's optional
// public note (in the page's language where HR wrote both): the same list on
// the public board and on the tracking page.
import type { Locale } from "../../i18n/config.ts";
import { formatDay } from "../../i18n/translate.ts";
import { inLanguage } from "../../lib/bilingual.ts";
import type { IdeaStatus, StatusChange } from "../../lib/ideas/model.ts";

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
              {inLanguage(h.note, t.locale)}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
