import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffPolicies, same } from "#lib/policy/diff.ts";
import { parsePolicySet } from "#lib/policy/parse.ts";
import { ZPolicyVersion, type TPolicyVersion } from "#lib/policy/schema.ts";
import { timeline } from "#lib/policy/versions.ts";
import { L, demoFiles, smallPolicy } from "./policy-fixtures.ts";

const base = () => ZPolicyVersion.parse(smallPolicy());
const edit = (fn: (p: TPolicyVersion) => void) => {
  const p = structuredClone(base());
  fn(p);
  return p;
};

describe("diffPolicies", () => {
  it("finds nothing between a version and itself", () => {
    expect(diffPolicies(base(), base()).changes).toEqual([]);
  });

  it("reports a weight change as from → to", () => {
    const b = edit((p) => {
      p.criteria[0]!.weight = 50;
      p.criteria[1]!.weight = 50;
    });
    expect(diffPolicies(base(), b).changes).toEqual([
      { section: "criteria", change: "changed", id: "csat", name: b.criteria[0]!.name, fields: [{ field: "weight", from: 60, to: 50 }] },
      { section: "criteria", change: "changed", id: "aht", name: b.criteria[1]!.name, fields: [{ field: "weight", from: 40, to: 50 }] },
    ]);
  });

  it("reports added and removed criteria", () => {
    const b = edit((p) => {
      p.criteria[1] = { ...p.criteria[1]!, id: "fcr", name: L("FCR"), direction: "higher", target: 80, threshold: 50 };
    });
    const changes = diffPolicies(base(), b).changes;
    expect(changes.map((c) => [c.section, c.change, c.id])).toEqual([
      ["criteria", "added", "fcr"],
      ["criteria", "removed", "aht"],
    ]);
  });

  it("reports a renamed tier as one change of its name, not a removal and an addition", () => {
    const b = edit((p) => {
      p.tiers[2]!.name = L("Needs support");
    });
    expect(diffPolicies(base(), b).changes).toEqual([
      {
        section: "tiers",
        change: "changed",
        id: "low",
        name: L("Needs support"),
        fields: [{ field: "name", from: L("Low"), to: L("Needs support") }],
      },
    ]);
  });

  it("reports raised thresholds, targets and tier score lines", () => {
    const b = edit((p) => {
      p.criteria[0]!.threshold = 75;
      p.criteria[0]!.target = 92;
      p.tiers[0]!.rule.minScore = 82;
    });
    const changes = diffPolicies(base(), b).changes;
    expect(changes.find((c) => c.id === "csat")?.fields).toEqual([
      { field: "target", from: 90, to: 92 },
      { field: "threshold", from: 70, to: 75 },
    ]);
    expect(changes.find((c) => c.id === "top")?.fields).toEqual([{ field: "minScore", from: 80, to: 82 }]);
  });

  it("reports tier minimums and rewards added, removed and changed, keyed by criterion and form", () => {
    const b = edit((p) => {
      p.tiers[0]!.rule.minimums = [{ criterion: "csat", value: 88 }];
      p.tiers[0]!.rewards = [{ form: "bonus", percentOfBase: 12 }];
      p.tiers[1]!.rewards = [];
      p.tiers[2]!.rewards = [{ form: "bonus", detail: L("coaching") }];
    });
    const byId = Object.fromEntries(diffPolicies(base(), b).changes.map((c) => [c.id, c.fields]));
    expect(byId.top).toEqual([
      { field: "minimum", key: "csat", from: 85, to: 88 },
      { field: "minimum", key: "aht", from: 6, to: null },
      { field: "reward", key: "bonus", from: { form: "bonus", percentOfBase: 10 }, to: { form: "bonus", percentOfBase: 12 } },
    ]);
    expect(byId.mid).toEqual([{ field: "reward", key: "bonus", from: { form: "bonus", percentOfBase: 5 }, to: null }]);
    expect(byId.low).toEqual([{ field: "reward", key: "bonus", from: null, to: { form: "bonus", detail: L("coaching") } }]);
  });

  it("reports changes to cycles, reward forms, incentives, channels and the budget", () => {
    const b = edit((p) => {
      p.cycles.push({ id: "annual", name: L("Annual"), evaluates: L("e"), published: L("p"), paid: L("d"), rewards: [] });
      p.rewardForms[0]!.kind = "non-material";
      p.incentives = [{ id: "care", name: L("Care"), description: L("d") }];
      p.channels = [{ id: "ideas", name: L("Ideas"), description: L("d"), href: "/ideas" }];
      p.budget = { currency: "CNY", annual: 1000, note: L("n") };
    });
    const changes = diffPolicies(base(), b).changes;
    expect(changes.map((c) => [c.section, c.change, c.id])).toEqual([
      ["general", "changed", "general"],
      ["cycles", "added", "annual"],
      ["rewardForms", "changed", "bonus"],
      ["incentives", "added", "care"],
      ["channels", "added", "ideas"],
    ]);
    expect(changes[0]!.fields.map((f) => f.field)).toEqual(["budget.annual", "budget.currency", "budget.note"]);
    expect(changes[2]!.fields).toEqual([{ field: "kind", from: "material", to: "non-material" }]);
  });

  it("is symmetric: swapping the versions swaps added/removed and from/to (property)", () => {
    const { versions } = parsePolicySet(demoFiles());
    fc.assert(
      fc.property(fc.constantFrom(...versions), fc.constantFrom(...versions), (a, b) => {
        const forward = diffPolicies(a, b).changes;
        const backward = diffPolicies(b, a).changes;
        const flip = { added: "removed", removed: "added", changed: "changed" } as const;
        expect(backward.length).toBe(forward.length);
        for (const c of forward) {
          const twin = backward.find((x) => x.section === c.section && x.id === c.id);
          expect(twin?.change).toBe(flip[c.change]);
          for (const f of c.fields) {
            expect(twin?.fields).toContainEqual({ ...f, from: f.to, to: f.from });
          }
        }
      }),
    );
  });
});

describe("same", () => {
  it("compares JSON-like values structurally, ignoring key order and undefined keys", () => {
    expect(same({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(same({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(same([1, 2], [2, 1])).toBe(false);
    expect(same({ a: 1 }, [1])).toBe(false);
    expect(same(null, {})).toBe(false);
  });
});

describe("timeline", () => {
  const v = (version: string, status: "draft" | "current" | "superseded") => ({ version, status, effective: `${version}-01` });

  it("publishes no drafts and orders versions oldest first", () => {
    const line = timeline([v("2027-01", "draft"), v("2026-07", "current"), v("2025-07", "superseded")]);
    expect(line.versions.map((x) => x.version)).toEqual(["2025-07", "2026-07"]);
    expect(line.next("2026-07")).toBeUndefined();
    expect(line.previous("2025-07")).toBeUndefined();
    expect(line.next("2027-01")).toBeUndefined();
  });

  it("refuses a timeline without a current version", () => {
    expect(() => timeline([v("2025-07", "superseded")])).toThrow(/no current reward policy version/);
  });
});

describe("the demo policy history", () => {
  const { versions } = parsePolicySet(demoFiles());
  const line = timeline(versions);
  const all = line.pairs().flatMap(([a, b]) => diffPolicies(a, b).changes.map((c) => ({ pair: `${a.version}→${b.version}`, ...c })));
  const consecutive = versions.slice(1).flatMap((b, i) => diffPolicies(versions[i]!, b).changes);
  const fields = (section: string) => consecutive.filter((c) => c.section === section).flatMap((c) => c.fields);

  it("has the current version last and every pair comparable", () => {
    expect(line.current.version).toBe("2026-07");
    expect(line.previous("2026-07")?.version).toBe("2026-01");
    expect(line.next("2025-07")?.version).toBe("2026-01");
    expect(line.next("2026-07")).toBeUndefined();
    expect(line.pairs().map(([a, b]) => `${a.version}→${b.version}`)).toEqual(["2025-07→2026-01", "2025-07→2026-07", "2026-01→2026-07"]);
    expect(all.length).toBeGreaterThan(0);
  });

  it("exercises every kind of change between consecutive versions", () => {
    expect(consecutive.some((c) => c.section === "criteria" && c.change === "added")).toBe(true);
    const criteria = fields("criteria");
    expect(criteria.some((f) => f.field === "weight")).toBe(true);
    // A threshold raised (resolution rate 80% → 82%) and a score line raised (Excellent 80 → 82).
    expect(criteria.some((f) => f.field === "threshold" && (f.to as number) > (f.from as number))).toBe(true);
    expect(fields("tiers").some((f) => f.field === "minScore" && (f.to as number) > (f.from as number))).toBe(true);
    expect(fields("tiers").some((f) => f.field === "name")).toBe(true);
    expect(fields("tiers").some((f) => f.field === "reward" && f.from !== null && f.to !== null)).toBe(true);
    expect(fields("tiers").some((f) => f.field === "reward" && f.from === null)).toBe(true);
  });

  it("keeps the weights at 100% in every version", () => {
    for (const v of versions) expect(v.criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);
  });
});
