// /policy/versions.json: every policy version as the build read it (status
// included), for the console's results form, which scores a KPI export
// against them. Fetched when HR opens that form rather than rendered into
// every console page. Every field is public already (the version pages and
// /policy/canonical/<version>.json).
import { publishedPolicyRecords } from "#components/programme/collection.ts";

export async function GET() {
  return new Response(JSON.stringify(await publishedPolicyRecords()), {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
}
