// What the API middleware and a D1 round trip cost over serving a static file,
// measured through the same `wrangler pages dev` in the same run.
import { load, ratio, type Bench } from "./lib.ts";

const bench: Bench = async ({ baseURL }) => {
  const total = 400;
  const concurrency = 8;
  await load(50, 4, () => fetch(`${baseURL}/favicon.svg`)); // warm-up
  const staticFile = await load(total, concurrency, () => fetch(`${baseURL}/favicon.svg`));
  const health = await load(total, concurrency, () => fetch(`${baseURL}/api/health`));
  return [
    { bench: "api-overhead", measure: "static file (baseline)", value: Math.round(staticFile.perSecond), unit: "req/s" },
    {
      bench: "api-overhead",
      measure: "GET /api/health (middleware + D1)",
      value: Math.round(health.perSecond),
      unit: "req/s",
      "vs baseline": ratio(health.perSecond, staticFile.perSecond),
    },
  ];
};
export default bench;
