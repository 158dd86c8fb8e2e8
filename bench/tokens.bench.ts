// CPU per invitation-token operation, measured IN WORKERD (the runtime the
// Functions run on): redeeming a code and verifying a token, with a no-op
// request as the baseline in the same run.
//
// A throw-away Worker under CANDOR_TMP runs N operations per request; the CPU
// time the workerd processes spend on that request (utime + stime from
// /proc, so Linux only) minus a no-op request's, divided by N, is the CPU per
// operation. Wall time inside a Worker is no measure (its clock stands still
// while code runs). The alternatives to this VOPRF, and their figures, are in
// docs/anonymity.md ("Why a VOPRF").
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { TMP_DIR } from "../scripts/env.ts";
import { freePort } from "../scripts/pages-dev.ts";
import { median, type Bench, type BenchRow } from "./lib.ts";

const ROOT = resolve(TMP_DIR, "bench-tokens");

const WORKER = `
import { evaluateBlinded, parseBlinded, surveyPublicKey, verifyToken } from "${resolve("src/server/invitation-keys.ts")}";
import { blindToken, finishToken } from "${resolve("src/lib/invitation/client.ts")}";

const env = { INVITATION_KEY_SEED: "ab".repeat(32), CANDOR_ENV: "test" };
let candor;

async function candorSetup() {
  if (candor) return candor;
  const key = await surveyPublicKey(env, "bench");
  const survey = { id: "bench", invitationKey: key };
  const pending = await blindToken(key);
  const request = parseBlinded(pending.blinded);
  const token = await finishToken(key, pending, await evaluateBlinded(env, survey, request));
  return (candor = { survey, request, token });
}
const OPS = {
  noop: async () => null,
  "candor-redeem": async () => { const c = await candorSetup(); return () => evaluateBlinded(env, c.survey, c.request); },
  "candor-submit": async () => { const c = await candorSetup(); return async () => { if (!(await verifyToken(env, "bench", c.token))) throw new Error("bad token"); }; },
};
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const setup = OPS[url.searchParams.get("op")];
    if (!setup) return new Response("unknown op", { status: 404 });
    const run = await setup();
    const n = Number(url.searchParams.get("n") ?? 1);
    if (run) for (let i = 0; i < n; i++) await run();
    return new Response("ok");
  },
};
`;

const OPS: { op: string; label: string; n: number }[] = [
  { op: "candor-redeem", label: "VOPRF ristretto255 + noble (Candor): redeem = evaluate + proof", n: 200 },
  { op: "candor-submit", label: "VOPRF ristretto255 + noble (Candor): submit = verify token", n: 400 },
];

/** CPU milliseconds the workerd processes of one process group have used so far. */
async function workerdCpuMs(group: number): Promise<number> {
  let ticks = 0;
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== group || (await readFile(`/proc/${pid}/comm`, "utf8")).trim() !== "workerd") continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10; // USER_HZ = 100 on Linux
}

const bench: Bench = async () => {
  await mkdir(ROOT, { recursive: true });
  await writeFile(`${ROOT}/worker.js`, WORKER);
  await writeFile(`${ROOT}/wrangler.toml`, `name = "bench-tokens"\nmain = "worker.js"\ncompatibility_date = "2026-11-01"\n`);
  await writeFile(`${ROOT}/package.json`, "{}");
  const port = await freePort();
  const child = spawn("npx", ["wrangler", "dev", "--port", String(port), "--ip", "127.0.0.1", "--show-interactive-dev-session=false"], {
    cwd: ROOT,
    detached: true,
    stdio: "ignore",
    env: { ...process.env, NODE_PATH: resolve("node_modules") },
  });
  const base = `http://127.0.0.1:${port}`;
  const rows: BenchRow[] = [];
  try {
    for (let i = 0; i < 240; i++) {
      if ((await fetch(`${base}/?op=noop`).catch(() => null))?.ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const cpuOf = async (op: string, n: number) => {
      const before = await workerdCpuMs(child.pid!);
      const res = await fetch(`${base}/?op=${op}&n=${n}`);
      if (!res.ok) throw new Error(`${op}: ${res.status} ${await res.text()}`);
      await new Promise((r) => setTimeout(r, 50));
      return (await workerdCpuMs(child.pid!)) - before;
    };
    for (const { op, label, n } of OPS) {
      await cpuOf(op, 2); // set-up and warm-up
      const baseline: number[] = [];
      const per: number[] = [];
      for (let run = 0; run < 5; run++) {
        baseline.push(await cpuOf("noop", 1));
        per.push(await cpuOf(op, n));
      }
      const noop = median(baseline);
      const ms = Math.max(0, (median(per) - noop) / n);
      rows.push({ bench: "tokens (workerd CPU)", measure: label, value: ms < 1 ? ms.toFixed(2) : ms.toFixed(1), unit: "ms/op" });
    }
  } finally {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // gone
    }
  }
  const ours = Number(rows[0]!.value);
  return rows.map((r) => ({ ...r, "vs baseline": ours > 0 ? `${(Number(r.value) / ours).toFixed(1)}× Candor's redeem` : undefined }));
};
export default bench;
