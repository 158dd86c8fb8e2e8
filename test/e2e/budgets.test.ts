// Page-weight budgets (bench/budgets.json) over the site the e2e setup built:
// every page belongs to exactly one page type, stays within its type's gzip
// budgets, and a type budgeted at 0 JavaScript has no <script> at all. The
// survey page's JavaScript, at load and on Start, stays within 1.05× of the
// least a SurveyJS form in React can ship. Weights are read from the built files, so no server is needed.
import { beforeAll, describe, expect, it } from "vitest";
import { TMP_DIR } from "../../scripts/env.ts";
import {
  BUDGET_MEASURES,
  readBudgets,
  siteWeights,
  surveyJsFloor,
  typesOf,
  type Budgets,
  type PageWeight,
} from "../../bench/page-weight.ts";

const DIST = `${TMP_DIR}/e2e-dist`;
const HOW =
  "If the change is meant, raise the figure in bench/budgets.json in the same commit and say why (npm run bench budgets prints today's figures).";

let budgets: Budgets;
let pages: PageWeight[];

beforeAll(async () => {
  budgets = await readBudgets();
  pages = await siteWeights(DIST);
});

describe("page-weight budgets (bench/budgets.json)", () => {
  it("covers every built page with exactly one page type, and every type has pages", () => {
    expect(pages.length).toBeGreaterThan(100);
    const unmatched = pages
      .filter((p) => typesOf(budgets, p.path).length !== 1)
      .map((p) => `${p.path}: ${typesOf(budgets, p.path).length} types`);
    expect(unmatched, "a new kind of page needs its own entry in bench/budgets.json").toEqual([]);
    const empty = budgets.types.filter((t) => !pages.some((p) => typesOf(budgets, p.path)[0] === t)).map((t) => t.type);
    expect(empty, "a budget no page uses is stale").toEqual([]);
  });

  it("keeps every page within its type's gzip budgets", () => {
    const over: string[] = [];
    for (const page of pages) {
      const type = typesOf(budgets, page.path)[0]!;
      for (const measure of BUDGET_MEASURES) {
        if (page[measure] > type[measure]) over.push(`${page.path} (${type.type}): ${measure} ${page[measure]} B > ${type[measure]} B`);
      }
    }
    expect(over, HOW).toEqual([]);
  });

  it("ships no JavaScript at all on the pages that need none", () => {
    const jsFree = budgets.types.filter((t) => t.js === 0 && t.jsOnDemand === 0).map((t) => t.type);
    // the pages that read: home, policy versions, history and comparisons, results, cycles, honours, HR's reads, forums
    for (const type of ["home", "version", "history", "compare", "results", "cycle", "honours", "read log", "forums"])
      expect(jsFree).toContain(type);
    const scripted = pages
      .filter((p) => jsFree.includes(typesOf(budgets, p.path)[0]!.type))
      .filter((p) => p.scriptTags > 0 || p.modules > 0)
      .map((p) => `${p.path}: ${p.scriptTags} <script>, ${p.modules} modules`);
    expect(scripted).toEqual([]);
  });

  it("loads the survey form's JavaScript within the SurveyJS + React floor's margin", async () => {
    const floor = await surveyJsFloor();
    const surveys = pages.filter((p) => typesOf(budgets, p.path)[0]!.type === "survey");
    expect(surveys.length).toBeGreaterThan(0);
    for (const page of surveys) {
      // what the page runs at once stays small: the form comes on demand
      expect(page.js, page.path).toBeLessThan(floor / 20);
      // what Start fetches; the invitation token's arithmetic comes later, only once a code is entered
      expect(
        (page.js + page.jsOnFirstDemand) / floor,
        `${page.path}: ${page.js + page.jsOnFirstDemand} B against a floor of ${floor} B`,
      ).toBeLessThanOrEqual(budgets.surveyFloorRatio);
    }
  });
});
