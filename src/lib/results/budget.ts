// A cycle's reward budget: the version's annual budget for the months of the
// period it was in force (the programme started mid-2025, so the 2025 annual
// review has six months of budget).
import type { TPolicyVersion } from "../policy/schema.ts";
import type { Period } from "./period.ts";

export interface PeriodBudget {
  currency: string;
  amount: number;
  /** Months of the period the version was in force. */
  months: number;
}

export function periodBudget(
  version: Pick<TPolicyVersion, "budget" | "effective">,
  period: Pick<Period, "start" | "months">,
): PeriodBudget | null {
  if (!version.budget) return null;
  const [y, m] = period.start.split("-").map(Number) as [number, number];
  let months = 0;
  for (let i = 0; i < period.months; i++) {
    const month = `${y + Math.floor((m - 1 + i) / 12)}-${String(((m - 1 + i) % 12) + 1).padStart(2, "0")}`;
    if (month >= version.effective.slice(0, 7)) months++;
  }
  return { currency: version.budget.currency, amount: Math.round((version.budget.annual * months) / 12), months };
}
