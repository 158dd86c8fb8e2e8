// Opaque paging cursors: the sort key of the last row sent, base64url JSON.
// A cursor is a position, not a secret; a damaged one is a 422, never a 500.
import { HttpError } from "./http.ts";

export function encodeCursor(key: readonly (string | number)[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(key));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** Decodes a cursor whose parts have the given types ("s" string, "n" integer). */
export function decodeCursor<const T extends readonly ("s" | "n")[]>(
  cursor: string,
  shape: T,
): { [K in keyof T]: T[K] extends "n" ? number : string } {
  const invalid = () =>
    new HttpError(422, "validation_failed", "The cursor is not valid.", { fields: { cursor: "Use nextCursor from the previous page." } });
  let value: unknown;
  try {
    const b64 = cursor.replace(/-/g, "+").replace(/_/g, "/");
    value = JSON.parse(
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))),
    );
  } catch {
    throw invalid();
  }
  if (!Array.isArray(value) || value.length !== shape.length) throw invalid();
  shape.forEach((kind, i) => {
    const part = value[i];
    if (kind === "n" ? !Number.isSafeInteger(part) : typeof part !== "string" || part.length > 200) throw invalid();
  });
  return value as { [K in keyof T]: T[K] extends "n" ? number : string };
}
