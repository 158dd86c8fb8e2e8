// Responses per participation step, as an inline SVG drawn here: no chart
// library ships to the console. Bars carry their numbers; the same figures
// are listed for screen readers.
import type { DayCount } from "#lib/anonymity/participation.ts";
import type { T } from "./api.ts";

const W = 640;
const H = 180;
const PAD = { top: 22, right: 8, bottom: 30, left: 8 };

export function ParticipationChart({ steps, t, id }: { steps: readonly DayCount[]; t: T; id: string }) {
  const max = Math.max(1, ...steps.map((s) => s.responses));
  const slot = (W - PAD.left - PAD.right) / Math.max(steps.length, 1);
  const bar = Math.min(48, slot * 0.7);
  const height = (n: number) => ((H - PAD.top - PAD.bottom) * n) / max;
  return (
    <figure className="admin-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{t("admin.surveys.chart.title")}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="presentation" aria-hidden="true" focusable="false">
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="admin-chart-axis" />
        {steps.map((s, i) => {
          const x = PAD.left + slot * i + (slot - bar) / 2;
          const h = height(s.responses);
          return (
            <g key={s.day}>
              <rect x={x} y={H - PAD.bottom - h} width={bar} height={h} rx={3} className="admin-chart-bar" />
              <text x={x + bar / 2} y={H - PAD.bottom - h - 6} textAnchor="middle" className="admin-chart-value">
                {s.responses}
              </text>
              <text x={x + bar / 2} y={H - PAD.bottom + 18} textAnchor="middle" className="admin-chart-label">
                {s.day.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="visually-hidden">
        {steps.map((s) => (
          <li key={s.day}>{t("admin.surveys.chart.bar", { day: s.day, n: s.responses })}</li>
        ))}
      </ul>
    </figure>
  );
}
