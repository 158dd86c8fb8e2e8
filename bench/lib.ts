// Shared pieces for benchmarks: a bounded load generator (loopback only) and the row shape.
export interface BenchContext {
  baseURL: string;
  persistTo: string;
  /** The built site the server serves. */
  dist: string;
  /** The server's ADMIN_TOKEN, for benches of the HR API. */
  adminToken: string;
}

export const BENCH_ADMIN_TOKEN = "bench-admin-token-0123456789-abcdefghijklmnop";

export interface BenchRow {
  bench: string;
  measure: string;
  value: number | string;
  unit: string;
  "vs baseline"?: string;
}

export type Bench = (ctx: BenchContext) => Promise<BenchRow[]>;

/** Runs `total` requests with `concurrency` in flight; returns requests per second and failures. */
export async function load(
  total: number,
  concurrency: number,
  send: (i: number) => Promise<Response>,
): Promise<{ perSecond: number; failures: number; ms: number }> {
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const res = await send(i).catch(() => null);
        if (!res || !res.ok) failures++;
        await res?.arrayBuffer().catch(() => undefined);
      }
    }),
  );
  const ms = performance.now() - started;
  return { perSecond: (total / ms) * 1000, failures, ms };
}

export const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}×`;

/** The middle value; for an even count, the mean of the two middle ones. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
