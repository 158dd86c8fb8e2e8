// `npm run retention`: one retention run on the local D1 (or --persist-to
// DIR), as the scheduled job runs it daily on the deployed one: deletes what
// is past its term, records each kind's count in the audit log, prints the
// counts. Terms from RETENTION_* in the environment (docs/operations.md#retention);
// the day from CANDOR_TODAY when set (docs/clock.md), for trying a term out.
import "./env.ts";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getPlatformProxy } from "wrangler";
import { buildClock } from "#build/clock.ts";
import { runRetention } from "#server/retention.ts";

const { values } = parseArgs({ options: { "persist-to": { type: "string" } } });
const persistTo = values["persist-to"];
const proxy = await getPlatformProxy<{ DB: D1Database }>({ persist: persistTo ? { path: join(persistTo, "v3") } : true });
try {
  const report = await runRetention({ ...process.env, DB: proxy.env.DB }, buildClock().now());
  console.log(`retention on ${report.day}: terms ${JSON.stringify(report.terms)}`);
  for (const [kind, count] of Object.entries(report.deleted)) console.log(`  ${kind}: ${count} deleted`);
} finally {
  await proxy.dispose();
}
