// The board's four figures, filled into the boxes the page rendered at build
// time (same size before and after, so nothing moves). All four count the
// same ideas, those received up to the day the received count names
// (BoardStats, src/server/db/ideas.ts), and each says what it is out of.
import { formatDay } from "#i18n/translate.ts";
import type { BoardStats } from "#lib/ideas/model.ts";
import type { BoardT } from "./board-row.ts";

type Figure = "received" | "ack" | "median" | "resolved";

const pct = (n: number, total: number) => `${total === 0 ? 0 : Math.round((n / total) * 100)}%`;

export function showFigures(section: HTMLElement, stats: BoardStats, t: BoardT): void {
  const set = (key: Figure, value: string, detail: string, label?: string) => {
    const box = section.querySelector<HTMLElement>(`[data-stat=${key}]`)!;
    box.querySelector(".stat-value")!.textContent = value;
    box.querySelector(".stat-detail")!.textContent = detail;
    if (label !== undefined) section.querySelector(`[data-stat-label=${key}]`)!.textContent = label;
  };
  const withheld = t("ideas.stats.suppressed", { k: stats.minGroupSize });
  // the base's last day under its count (a longer label could wrap and move the boxes)
  set(
    "received",
    String(stats.received),
    stats.receivedUpTo ? t("ideas.stats.receivedUpTo", { date: formatDay(t.locale, stats.receivedUpTo, "short") }) : "",
  );
  set(
    "ack",
    stats.ackWithinPromise === null ? "–" : pct(stats.ackWithinPromise, stats.ackDue),
    stats.ackWithinPromise === null ? withheld : t("ideas.stats.ackOf", { n: stats.ackWithinPromise, total: stats.ackDue }),
    t("ideas.stats.ack", { days: stats.ackPromiseDays }),
  );
  set(
    "median",
    stats.medianDaysToFirstAnswer === null ? "–" : t.plural("ideas.stats.days", Math.round(stats.medianDaysToFirstAnswer * 10) / 10),
    stats.medianDaysToFirstAnswer === null ? withheld : t("ideas.stats.medianOf", { n: stats.answered }),
  );
  set(
    "resolved",
    stats.resolved === null ? "–" : pct(stats.resolved, stats.verdicts),
    stats.resolved === null ? withheld : t("ideas.stats.resolvedOf", { n: stats.resolved, total: stats.verdicts }),
  );
  section.setAttribute("aria-busy", "false");
}
