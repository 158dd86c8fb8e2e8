// Today's page weights against bench/budgets.json, per page type: the largest
// page of each type, gzip bytes, with the budget as the baseline. The same
// figures the budget test enforces (test/e2e/budgets.test.ts); run this to
// see how much room is left, or to set a new budget deliberately.
import { BUDGET_MEASURES, readBudgets, siteWeights, surveyJsFloor, typesOf } from "./page-weight.ts";
import { ratio, type Bench, type BenchRow } from "./lib.ts";

const bench: Bench = async ({ dist }) => {
  const budgets = await readBudgets();
  const pages = await siteWeights(dist);
  const rows: BenchRow[] = [];
  for (const type of budgets.types) {
    const own = pages.filter((p) => typesOf(budgets, p.path)[0] === type);
    for (const measure of BUDGET_MEASURES) {
      if (type[measure] === 0 && own.every((p) => p[measure] === 0)) continue;
      const largest = own.reduce((a, b) => (b[measure] > a[measure] ? b : a));
      rows.push({
        bench: `budgets ${type.type}`,
        measure: `${measure} (largest: ${largest.path}, of ${own.length})`,
        value: largest[measure],
        unit: `B gzip / ${type[measure]}`,
        "vs baseline": type[measure] > 0 ? ratio(largest[measure], type[measure]) : "over ✗",
      });
    }
  }
  const floor = await surveyJsFloor();
  const survey = pages
    .filter((p) => typesOf(budgets, p.path)[0]?.type === "survey")
    .reduce((a, b) => (b.js + b.jsOnFirstDemand > a.js + a.jsOnFirstDemand ? b : a));
  rows.push({
    bench: "budgets survey",
    measure: `JS at load + on Start (${survey.path}) against the SurveyJS + React floor, ${floor} B`,
    value: survey.js + survey.jsOnFirstDemand,
    unit: `B gzip, limit ${budgets.surveyFloorRatio}×`,
    "vs baseline": ratio(survey.js + survey.jsOnFirstDemand, floor),
  });
  return rows;
};
export default bench;
