// Public survey results at size: GET /api/surveys/{id}/results for the H1
// reward survey at the demo's 87 responses and after 1,000, 10,000 and
// 100,000 more are written into the server's local D1 (bench/fill-responses.ts),
// next to GET /api/health in the same run. Results are read from daily
// tallies (src/server/db/tallies.ts): the first request after responses
// land in past days rolls those days up again (the fill writes into days the
// demo had already rolled up, which makes them stale); every later request
// reads days × questions × choices rows, whatever the number of responses.
import { fill, H1 } from "./fill-responses.ts";
import { load, ratio, type Bench, type BenchRow } from "./lib.ts";

const bench: Bench = async ({ baseURL, persistTo }) => {
  const results = () => fetch(`${baseURL}/api/surveys/${H1}/results`);
  await load(20, 2, () => fetch(`${baseURL}/api/health`)); // warm-up
  const health = await load(100, 2, () => fetch(`${baseURL}/api/health`));
  const baseline = health.ms / 100;
  const rows: BenchRow[] = [{ bench: "results", measure: "GET /api/health (baseline)", value: baseline.toFixed(1), unit: "ms/req" }];
  const measure = async () => {
    const started = performance.now();
    const res = await results();
    const firstMs = performance.now() - started;
    // the size is what the results say they cover (another bench may have written responses before this one)
    const body = (await res.json()) as { responses?: number | null };
    const size = `${(body.responses ?? 0).toLocaleString("en")} responses`;
    const later = await load(20, 1, results);
    for (const [what, ms, failures] of [
      ["first request (rolls the new days up)", firstMs, res.ok ? 0 : 1],
      ["later requests (tallies)", later.ms / 20, later.failures],
    ] as const) {
      rows.push({
        bench: "results",
        measure: `GET /api/surveys/{id}/results, ${size}, ${what}${failures ? ` (${failures} failed)` : ""}`,
        value: ms.toFixed(1),
        unit: "ms/req",
        "vs baseline": ratio(ms, baseline),
      });
    }
  };
  await measure();
  let written = 0;
  for (const size of [1_000, 10_000, 100_000]) {
    await fill(persistTo, written, size - written, "rslts");
    written = size;
    await measure();
  }
  return rows;
};
export default bench;
