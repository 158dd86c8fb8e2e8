// Policy fixtures for unit tests: the real demo files, read from disk, and
// small hand-made policies whose numbers are easy to check by hand.
import { readdirSync, readFileSync } from "node:fs";
import type { PolicyFile } from "#lib/policy/parse.ts";
import type { TPolicyVersionInput } from "#lib/policy/schema.ts";

export const POLICY_DIR = new URL("../../src/content/policy/", import.meta.url);

export function demoFiles(): PolicyFile[] {
  return readdirSync(POLICY_DIR).map((path) => ({ path, text: readFileSync(new URL(path, POLICY_DIR), "utf8") }));
}

export function demoVersion(version: string): TPolicyVersionInput {
  return JSON.parse(readFileSync(new URL(`${version}.json`, POLICY_DIR), "utf8")) as TPolicyVersionInput;
}

export const L = (en: string) => ({ en, "zh-cn": `${en}（中文）` });

/** Two criteria, 60/40, one of each direction; three tiers. */
export function smallPolicy(): TPolicyVersionInput {
  const criterion = {
    measures: L("m"),
    source: L("s"),
    formula: L("f"),
    period: L("p"),
  };
  return {
    version: "2030-01",
    effective: "2030-01-01",
    status: "current",
    title: L("Small policy"),
    summary: L("For tests"),
    criteria: [
      {
        id: "csat",
        name: L("CSAT"),
        ...criterion,
        unit: "percent",
        direction: "higher",
        weight: 60,
        target: 90,
        threshold: 70,
        range: { min: 0, max: 100 },
      },
      {
        id: "aht",
        name: L("Handling time"),
        ...criterion,
        unit: "minutes",
        direction: "lower",
        weight: 40,
        target: 5,
        threshold: 10,
        range: { min: 0, max: 60 },
      },
    ],
    tiers: [
      {
        id: "top",
        name: L("Top"),
        rule: {
          minScore: 80,
          minimums: [
            { criterion: "csat", value: 85 },
            { criterion: "aht", value: 6 },
          ],
        },
        rewards: [{ form: "bonus", percentOfBase: 10 }],
      },
      { id: "mid", name: L("Mid"), rule: { minScore: 50 }, rewards: [{ form: "bonus", percentOfBase: 5 }] },
      { id: "low", name: L("Low"), rule: { minScore: 0 } },
    ],
    cycles: [{ id: "monthly", name: L("Monthly"), evaluates: L("e"), published: L("p"), paid: L("d"), rewards: ["bonus"] }],
    rewardForms: [{ id: "bonus", name: L("Bonus"), kind: "material", description: L("d") }],
  };
}

export function file(data: unknown, path?: string): PolicyFile {
  const version = (data as { version?: string }).version ?? "x";
  return { path: path ?? `${version}.json`, text: JSON.stringify(data) };
}
