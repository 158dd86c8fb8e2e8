// What the tier calculator makes of typed text: a number (point or comma
// decimal), nothing, not a number, or out of range — never a silent "nothing"
// for text it could not read.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDecimalInput } from "#lib/policy/input.ts";

const range = { min: 0, max: 100 };

describe("parseDecimalInput", () => {
  it("reads point and comma decimals alike", () => {
    expect(parseDecimalInput("85.5", range)).toEqual({ kind: "value", value: 85.5 });
    expect(parseDecimalInput("85,5", range)).toEqual({ kind: "value", value: 85.5 });
    expect(parseDecimalInput(" 92 ", range)).toEqual({ kind: "value", value: 92 });
    expect(parseDecimalInput(",5", range)).toEqual({ kind: "value", value: 0.5 });
    expect(parseDecimalInput("7.", range)).toEqual({ kind: "value", value: 7 });
    expect(parseDecimalInput("+3", range)).toEqual({ kind: "value", value: 3 });
  });

  it("reads full-width digits and punctuation from a Chinese input method", () => {
    expect(parseDecimalInput("８５．５", range)).toEqual({ kind: "value", value: 85.5 });
    expect(parseDecimalInput("８５，５", range)).toEqual({ kind: "value", value: 85.5 });
  });

  it("treats empty or blank as not entered", () => {
    expect(parseDecimalInput("", range)).toEqual({ kind: "empty" });
    expect(parseDecimalInput("   ", range)).toEqual({ kind: "empty" });
    expect(parseDecimalInput(undefined, range)).toEqual({ kind: "empty" });
  });

  it("says so when the text is not a number, instead of ignoring it", () => {
    for (const text of ["abc", "85,5,1", "1.2.3", "85 5", "1e3", "0x10", "Infinity", "NaN", "-", ".", ",", "85%", "1,500.5", "--1"]) {
      expect(parseDecimalInput(text, range), text).toEqual({ kind: "notNumber" });
    }
  });

  it("flags numbers outside the criterion's range, keeping the value", () => {
    expect(parseDecimalInput("100,5", range)).toEqual({ kind: "outOfRange", value: 100.5 });
    expect(parseDecimalInput("-1", range)).toEqual({ kind: "outOfRange", value: -1 });
    expect(parseDecimalInput("100", range)).toEqual({ kind: "value", value: 100 });
    expect(parseDecimalInput("0", range)).toEqual({ kind: "value", value: 0 });
  });

  it("reads back any in-range number written with a point or a comma (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom(".", ","), (whole, frac, sep) => {
        const text = `${whole}${sep}${String(frac).padStart(3, "0")}`;
        expect(parseDecimalInput(text, range)).toEqual({ kind: "value", value: Number(`${whole}.${String(frac).padStart(3, "0")}`) });
      }),
    );
  });
});
