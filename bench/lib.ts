// Shared pieces for benchmarks: a bounded load generator (loopback only), the
// row shape, and the local D1's SQLite file.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
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

/** The SQLite file of the local D1 under `state` (wrangler's --persist-to), for reading it directly. */
export async function sqliteFile(state: string): Promise<string> {
  const dir = join(state, "v3", "d1", "miniflare-D1DatabaseObject");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (files.length !== 1) throw new Error(`expected one database in ${dir}, found ${files.join(", ")}`);
  return join(dir, files[0]!);
}
