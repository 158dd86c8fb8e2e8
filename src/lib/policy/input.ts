// Reading a number a person typed into the tier calculator. The field is a
// plain text field (type="number" hands the page "" for text it cannot read,
// such as "85,5", which then looked like "not entered"), so every input is
// parsed here and anything that is not a number is said to be so.

export type ParsedInput =
  { kind: "empty" } | { kind: "value"; value: number } | { kind: "notNumber" } | { kind: "outOfRange"; value: number };

// Digits with at most one decimal separator; a point or a comma, because many
// readers write 85,5. No thousands separators: "1,500" would be ambiguous.
const DECIMAL = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

export function parseDecimalInput(raw: string | undefined, range: { min: number; max: number }): ParsedInput {
  // NFKC turns full-width digits and punctuation from a Chinese IME ("８５．５") into ASCII.
  const text = (raw ?? "").normalize("NFKC").trim();
  if (text === "") return { kind: "empty" };
  if (!DECIMAL.test(text)) return { kind: "notNumber" };
  const value = Number(text.replace(",", "."));
  if (!Number.isFinite(value)) return { kind: "notNumber" };
  if (value < range.min || value > range.max) return { kind: "outOfRange", value };
  return { kind: "value", value };
}
