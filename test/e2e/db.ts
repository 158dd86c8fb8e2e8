// Reading the local D1 a test server writes to, straight from its SQLite file
// (node:sqlite, read-only): what was stored, whatever the API publishes.
// Participation figures leave out today and move in steps of k, so they can
// no longer tell a browser test that its one response arrived.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";

function databaseFile(persistTo: string): string {
  const dir = join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject");
  const files = readdirSync(dir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (files.length !== 1) throw new Error(`expected one D1 database under ${dir}, found ${files.join(", ") || "none"}`);
  return join(dir, files[0]!);
}

/** Responses stored for a survey, today's included. */
export function storedResponses(persistTo: string, surveyId: string): number {
  const db = new DatabaseSync(databaseFile(persistTo), { readOnly: true });
  try {
    return Number((db.prepare("SELECT COUNT(*) AS n FROM survey_responses WHERE survey_id = ?").get(surveyId) as { n: number }).n);
  } finally {
    db.close();
  }
}
