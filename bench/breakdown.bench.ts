// HR's survey tools at size: the H1 reward survey's results with its
// breakdown by team and tenure and its trend since 2025
// (GET /api/admin/surveys/{id}/results), the comments (capped at 1,000 per
// question) and the CSV export, at the demo's 87 responses and again after
// 1,000, 10,000 and 100,000 more are written into the server's local D1 —
// next to GET /api/health in the same run. Results and the breakdown read
// the daily tallies (src/server/db/tallies.ts), so they grow with days ×
// groups × questions, not with responses; comments and the CSV read the
// answers themselves and grow with them.
import { fill, H1 } from "./fill-responses.ts";
import { load, ratio, type Bench, type BenchRow } from "./lib.ts";

const bench: Bench = async ({ baseURL, persistTo, adminToken }) => {
  const headers = { Authorization: `Bearer ${adminToken}` };
  const get = (path: string) => () => fetch(`${baseURL}${path}`, { headers });
  await load(20, 2, () => fetch(`${baseURL}/api/health`)); // warm-up
  const health = await load(100, 2, () => fetch(`${baseURL}/api/health`));
  const baseline = health.ms / 100;
  const rows: BenchRow[] = [{ bench: "breakdown", measure: "GET /api/health (baseline)", value: baseline.toFixed(1), unit: "ms/req" }];
  const cases: [string, string][] = [
    ["results + breakdown + trend", `/api/admin/surveys/${H1}/results`],
    ["comments (≤ 1,000 per question)", `/api/admin/surveys/${H1}/comments`],
    ["CSV export", `/api/admin/surveys/${H1}/responses.csv`],
  ];
  const measure = async (size: string, total: number) => {
    // the first read after new responses in past days rolls those days up (once): timed apart
    const first = await load(1, 1, get(cases[0]![1]));
    rows.push({
      bench: "breakdown",
      measure: `first results request after the new responses (rolls their days up), ${size}${first.failures ? " (failed)" : ""}`,
      value: first.ms.toFixed(0),
      unit: "ms/req",
      "vs baseline": ratio(first.ms, baseline),
    });
    for (const [name, path] of cases) {
      const r = await load(total, 2, get(path));
      rows.push({
        bench: "breakdown",
        measure: `${name}, ${size}${r.failures ? ` (${r.failures} failed)` : ""}`,
        value: (r.ms / total).toFixed(0),
        unit: "ms/req",
        "vs baseline": ratio(r.ms / total, baseline),
      });
    }
  };
  await measure("87 responses (demo)", 10);
  let written = 0;
  for (const [size, total] of [
    [1_000, 10],
    [10_000, 6],
    [100_000, 2],
  ] as const) {
    await fill(persistTo, written, size - written);
    written = size;
    await measure(`${(size + 87).toLocaleString("en")} responses`, total);
  }
  return rows;
};
export default bench;
