import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffWords, tokens } from "#lib/policy/wording.ts";

const join = (ops: { op: string; text: string }[], side: "before" | "after") =>
  ops
    .filter((o) => o.op === "same" || o.op === (side === "before" ? "removed" : "added"))
    .map((o) => o.text)
    .join("");

describe("diffWords: which words of a reworded text changed", () => {
  it("marks only the changed words in English", () => {
    expect(diffWords("Paid each quarter with the salary.", "Paid each month with the salary.", "en")).toEqual([
      { op: "same", text: "Paid each " },
      { op: "removed", text: "quarter" },
      { op: "added", text: "month" },
      { op: "same", text: " with the salary." },
    ]);
  });

  it("treats a changed phrase as one change, not a word-by-word patchwork", () => {
    expect(diffWords("results report the share used.", "figures show the share used.", "en")).toEqual([
      { op: "removed", text: "results report" },
      { op: "added", text: "figures show" },
      { op: "same", text: " the share used." },
    ]);
  });

  it("finds Chinese words without spaces", () => {
    expect(tokens("每季度对照该预算检查奖励支出", "zh-cn").length).toBeGreaterThan(3);
    const ops = diffWords("每季度对照该预算检查奖励支出。", "每月对照该预算检查奖励支出。", "zh-cn");
    expect(ops.filter((o) => o.op !== "same").map((o) => [o.op, o.text])).toEqual([
      ["removed", "每季度"],
      ["added", "每月"],
    ]);
    expect(ops.at(-1)).toEqual({ op: "same", text: "对照该预算检查奖励支出。" });
  });

  it("marks an addition at the end and a removal at the start", () => {
    expect(diffWords("Reviewed yearly.", "Reviewed yearly. Results are published.", "en")).toEqual([
      { op: "same", text: "Reviewed yearly." },
      { op: "added", text: " Results are published." },
    ]);
    expect(diffWords("Strictly reviewed.", "reviewed.", "en").filter((o) => o.op === "removed").length).toBe(1);
  });

  it("has nothing to mark for equal texts", () => {
    expect(diffWords("Same text.", "Same text.", "en")).toEqual([{ op: "same", text: "Same text." }]);
  });

  it("always gives back both texts exactly, in either language", () => {
    for (const locale of ["en", "zh-cn"] as const) {
      fc.assert(
        fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), fc.string({ unit: "grapheme", maxLength: 80 }), (a, b) => {
          const ops = diffWords(a, b, locale);
          expect(join(ops, "before")).toBe(a);
          expect(join(ops, "after")).toBe(b);
          // no empty pieces, and never two of the same kind side by side
          for (let i = 0; i < ops.length; i++) {
            expect(ops[i]!.text).not.toBe("");
            if (i > 0) expect(ops[i]!.op === ops[i - 1]!.op).toBe(false);
          }
        }),
      );
    }
  });
});
