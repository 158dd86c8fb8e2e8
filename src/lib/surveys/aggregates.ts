// Adding up survey aggregates: the counts of two disjoint sets of responses
// (two days, the rolled-up past and today), together. Results are built from
// the sum (./results.ts).
import type { RawAggregates } from "./results.ts";

export interface DayAggregates {
  day: string;
  raw: RawAggregates;
}

export function emptyAggregates(): RawAggregates {
  return { responses: 0, answered: {}, scalars: [], items: [] };
}

/** The aggregates of two disjoint sets of responses, together. */
export function addAggregates(a: RawAggregates, b: RawAggregates): RawAggregates {
  const answered = { ...a.answered };
  for (const [q, n] of Object.entries(b.answered)) answered[q] = (answered[q] ?? 0) + n;
  const scalars = new Map(a.scalars.map((s) => [`${s.question}\u0000${typeof s.value}\u0000${s.value}`, { ...s }]));
  for (const s of b.scalars) {
    const key = `${s.question}\u0000${typeof s.value}\u0000${s.value}`;
    const found = scalars.get(key);
    if (found) found.n += s.n;
    else scalars.set(key, { ...s });
  }
  const items = new Map(a.items.map((i) => [`${i.question}\u0000${typeof i.item}\u0000${i.item}`, { ...i }]));
  for (const i of b.items) {
    const key = `${i.question}\u0000${typeof i.item}\u0000${i.item}`;
    const found = items.get(key);
    if (found) {
      found.n += i.n;
      found.rankSum += i.rankSum;
    } else items.set(key, { ...i });
  }
  return { responses: a.responses + b.responses, answered, scalars: [...scalars.values()], items: [...items.values()] };
}
