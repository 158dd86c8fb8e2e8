// A content file as the repository keeps it: JSON laid out the way the
// project's formatter (Prettier, printWidth 140) lays it out, so a file HR
// publishes passes `npm run lint` like a hand-made one and its diff shows only
// what changed. Objects always open on their own lines (as every content file
// has them); an array of plain values stays on one line when it fits.
export const PRINT_WIDTH = 140;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isPlain = (v: Json) => v === null || typeof v !== "object";

function format(value: Json, indent: string, used: number): string {
  if (isPlain(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every(isPlain)) {
      const flat = `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
      // the line also holds what precedes the array and the comma after it
      if (used + flat.length + 1 <= PRINT_WIDTH) return flat;
    }
    return `[\n${value.map((v) => `${inner}${format(v, inner, inner.length)}`).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  return `{\n${entries
    .map(([k, v]) => {
      const key = `${inner}${JSON.stringify(k)}: `;
      return `${key}${format(v, inner, key.length)}`;
    })
    .join(",\n")}\n${indent}}`;
}

export function formatJsonFile(value: unknown): string {
  return `${format(value as Json, "", 0)}\n`;
}

/**
 * The file of the policy version in force, marked superseded by a new one:
 * only its status line changes, so the commit's diff is that line and the
 * rest stays as its author wrote it (25.0, a hand-made layout). Laid out
 * anew only when the file has no such line to change.
 */
export function markSuperseded(text: string): string {
  const marked = text.replace(/^( {2}"status":\s*)"current"/m, '$1"superseded"');
  const expected = { ...(JSON.parse(text) as Record<string, unknown>), status: "superseded" };
  return marked !== text && JSON.stringify(JSON.parse(marked)) === JSON.stringify(expected) ? marked : formatJsonFile(expected);
}
