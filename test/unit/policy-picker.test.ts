import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparePickerTarget } from "#lib/policy/versions.ts";

describe("comparePickerTarget: where the version picker leads", () => {
  it("compares older with newer, whichever was picked first", () => {
    expect(comparePickerTarget("2025-07", "2026-07")).toBe("/policy/compare/2025-07/2026-07");
    expect(comparePickerTarget("2026-07", "2025-07")).toBe("/policy/compare/2025-07/2026-07");
  });

  it("shows the version itself when both are the same", () => {
    expect(comparePickerTarget("2026-01", "2026-01")).toBe("/policy/2026-01");
  });

  it.each([
    [null, "2026-07"],
    ["2026-07", null],
    ["", ""],
    ["2026-13", "2026-07"],
    ["//evil.example", "2026-07"],
    ["2026-07/../../admin", "2026-01"],
    ["<script>", "2026-07"],
    ["2026-07\u0000", "2026-01"],
    ["https://evil.example/2026-07", "2026-01"],
  ])("sends anything else back to the picker: %s, %s", (from, to) => {
    expect(comparePickerTarget(from, to)).toBe("/policy/compare");
  });

  it("only ever answers a path on this site", () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), (from, to) => {
        expect(comparePickerTarget(from, to)).toMatch(/^\/policy(\/compare)?(\/\d{4}-\d{2}){0,2}$/);
      }),
    );
  });
});
