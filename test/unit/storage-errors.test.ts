import { describe, expect, it } from "vitest";
import { isStorageUnavailable } from "#server/storage-errors.ts";

describe("isStorageUnavailable", () => {
  it("takes D1's transient failures for a moment to wait out", () => {
    for (const message of [
      "D1_ERROR: Network connection lost.",
      "D1_ERROR: D1 DB is overloaded. Requests queued for too long.",
      "D1_ERROR: D1 DB storage operation exceeded timeout which caused object to be reset.",
      "D1_ERROR: Internal error while starting up D1 DB storage caused object to be reset.",
      "D1_ERROR: Cannot resolve D1 DB due to transient issue on remote node.",
    ])
      expect(isStorageUnavailable(new Error(message)), message).toBe(true);
    expect(isStorageUnavailable(new Error("D1_EXEC_ERROR", { cause: new Error("D1 DB is overloaded") }))).toBe(true);
  });

  it("leaves a bug a bug: constraints, missing tables, other errors and non-errors", () => {
    for (const err of [
      new Error("D1_ERROR: UNIQUE constraint failed: ideas.receipt_hash: SQLITE_CONSTRAINT"),
      new Error("D1_ERROR: no such table: ideas: SQLITE_ERROR"),
      new Error("Network connection lost."), // not D1's
      new TypeError("Cannot read properties of undefined"),
      "D1_ERROR: Network connection lost.",
      null,
    ])
      expect(isStorageUnavailable(err), String(err)).toBe(false);
  });
});
