import { HttpError } from "../http.ts";

/** A draft id from the path: 16 hex digits, or 404 (a malformed id names no draft). */
export function draftId(raw: string | string[] | undefined): string {
  const id = String(raw ?? "").toLowerCase();
  if (!/^[0-9a-f]{16}$/.test(id)) throw new HttpError(404, "not_found", "There is no draft with this id.");
  return id;
}
