// What the suggestion box's endpoints cost next to GET /api/health (middleware
// + one trivial D1 query), in the same run: tracking by receipt (SHA-256 + a
// unique-index lookup + history and messages), a wrong receipt (same hash and
// lookup, then the failure count), the public board with its SQL figures, and
// submitting. Each request claims its own client address so the per-client
// limits (which these would trip in seconds from one address) stay out of the
// measurement.
import { load, ratio, type Bench, type BenchRow } from "./lib.ts";

const bench: Bench = async ({ baseURL }) => {
  const total = 300;
  const concurrency = 8;
  let client = 0;
  const headers = () => ({
    "Content-Type": "application/json",
    "CF-Connecting-IP": `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client++ & 255}`,
  });
  const post = (path: string, body: unknown) =>
    fetch(`${baseURL}${path}`, { method: "POST", headers: headers(), body: JSON.stringify(body) });

  await load(40, 4, () => fetch(`${baseURL}/api/health`)); // warm-up
  const health = await load(total, concurrency, () => fetch(`${baseURL}/api/health`));
  const track = await load(total, concurrency, () => post("/api/ideas/track", { receipt: "DEM0-1DEA-0000-0001" }));
  const wrong = await load(total, concurrency, (i) =>
    post("/api/ideas/track", { receipt: `ZZZZ-ZZZZ-ZZZZ-${String(i % 10000).padStart(4, "0")}` }),
  );
  const board = await load(total, concurrency, () => fetch(`${baseURL}/api/ideas`));
  const submit = await load(100, concurrency, (i) =>
    post("/api/ideas", {
      category: "process",
      title: `Bench idea ${i}`,
      body: "Measuring how long storing an idea takes.",
      publishConsent: false,
    }),
  );

  const row = (measure: string, r: { perSecond: number; failures: number }, extra = ""): BenchRow => ({
    bench: "ideas",
    measure: `${measure}${r.failures ? ` (${r.failures} non-2xx${extra})` : ""}`,
    value: Math.round(r.perSecond),
    unit: "req/s",
    "vs baseline": ratio(r.perSecond, health.perSecond),
  });
  return [
    { bench: "ideas", measure: "GET /api/health (baseline)", value: Math.round(health.perSecond), unit: "req/s" },
    row("POST /api/ideas/track, right receipt", track),
    row("POST /api/ideas/track, wrong receipt", wrong, ": expected 404s"),
    { bench: "ideas", measure: "wrong ÷ right receipt throughput", value: (wrong.perSecond / track.perSecond).toFixed(2), unit: "ratio" },
    row("GET /api/ideas (board + figures)", board),
    row("POST /api/ideas (store + receipt)", submit),
  ];
};
export default bench;
