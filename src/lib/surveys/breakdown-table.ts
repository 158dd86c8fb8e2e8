// A published breakdown as the table both the console's heatmap and the
// public results page draw: a column per shown group (then "other groups"
// when some are withheld and a question shows them), a row per question,
// each cell a favourable share or withheld. Zod- and DOM-free.
import type { BreakdownCell, PublishedSegment } from "./breakdown.ts";

export interface BreakdownTable {
  /** Indexes into the segment's groups, in form order. */
  groups: number[];
  others: boolean;
  rows: { name: string; title: PublishedSegment["questions"][number]["title"]; shown: boolean; cells: (BreakdownCell | null)[] }[];
  /** Groups not shown on their own. */
  withheld: PublishedSegment["groups"];
  /** Nothing of the segment can be shown. */
  empty: boolean;
}

export function breakdownTable(segment: PublishedSegment): BreakdownTable {
  const groups = segment.groups.flatMap((g, i) => (g.shown ? [i] : []));
  const others = segment.questions.some((q) => q.others !== null);
  return {
    groups,
    others,
    rows: segment.questions.map((q) => ({
      name: q.name,
      title: q.title,
      shown: q.shown,
      cells: q.shown ? [...groups.map((i) => q.cells[i]!), ...(others ? [q.others] : [])] : [],
    })),
    withheld: segment.groups.filter((g) => !g.shown),
    empty: groups.length === 0 || !segment.questions.some((q) => q.shown),
  };
}

/** Which of five shades a favourable share gets (0–19 %, 20–39 % … 80–100 %): the number is always printed too. */
export const heatClass = (cell: BreakdownCell) => `heat-${Math.min(4, Math.floor((cell.favourable / cell.answered) * 5))}`;
