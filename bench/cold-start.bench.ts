// What production costs, measured in workerd: the Functions bundle's size,
// its start-up (evaluating the bundle's global scope: survey-core's class
// registry, zod schemas, the survey registry), and the CPU time of the first
// and of later submissions to each survey in a fresh isolate (the survey's
// survey-core model is built on its first submission), against the Workers
// limits: start-up 1 s; CPU per request 10 ms on Free, 30 s by default on Paid.
// The baseline is GET /api/health (middleware and one D1 query) in the same
// isolate.
//
// CPU time is what the kernel counts for the workerd process this bench
// starts (/proc/<pid>/task/*/schedstat: time on a CPU, not time waiting for
// one, so a busy machine does not inflate it). It includes what Cloudflare
// would not bill to the Worker — the local D1's SQLite, Miniflare's request
// routing — so it is an upper bound; the health baseline shows that floor.
// COLD_START_PROFILES=<dir> also writes V8 CPU profiles of the first and a
// later submission (open them in Chrome DevTools) to see where the time goes.
import { execFileSync } from "node:child_process";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { migrate } from "../scripts/db.ts";
import { testSecrets } from "../scripts/dev-secrets.ts";
import { TMP_DIR } from "../scripts/env.ts";
import { blindToken, finishToken } from "#lib/invitation/client.ts";
import type { SpendableToken } from "#lib/invitation/token.ts";
import { SURVEYS, type Survey } from "#lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import { freshState } from "../test/e2e/server.ts";
import { median, ratio, type Bench, type BenchRow } from "./lib.ts";

const DIR = `${TMP_DIR}/bench-cold-start`;
const LATER = 20;
const ADMIN_TOKEN = "bench-cold-start-admin-token-0123456789abcdef";
const FREE_CPU_MS = 10;

/** Loads the bundle on /__startup, so a profile can watch its global scope run; everything else goes to it. */
const ENTRY = `
let worker;
export default {
  async fetch(request, env, ctx) {
    if (new URL(request.url).pathname === "/__startup") {
      worker = (await import("./index.js")).default;
      return new Response("ok");
    }
    return worker.fetch(request, env, ctx);
  },
};`;

interface Profile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Milliseconds of a profile that were not idle: JavaScript, compilation, garbage collection. */
function activeMs(profile: Profile): number {
  const names = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  let active = 0;
  profile.timeDeltas.forEach((delta, i) => {
    if (names.get(profile.samples[i]!) !== "(idle)") active += delta;
  });
  return active / 1000;
}

/** V8 CPU profiles over the DevTools protocol (only with COLD_START_PROFILES): where a request's time goes. */
async function profiler(url: URL) {
  const ws = new WebSocket(new URL("/core:user:cold-start", url));
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve, { once: true });
    ws.addEventListener("error", reject, { once: true });
  });
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      pending.set(++id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 100 });
  return {
    async record(file: string, work: () => Promise<unknown>): Promise<void> {
      await send("Profiler.start");
      await work();
      const { profile } = (await send("Profiler.stop")) as { profile: Profile };
      await writeFile(file, JSON.stringify(profile));
      console.error(`cold-start: ${file} (${activeMs(profile).toFixed(1)} ms not idle)`);
    },
    close: () => ws.close(),
  };
}

/** The workerd processes this bench started (children of this process). */
async function workerdPids(): Promise<string[]> {
  const pids: string[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const match = /^\d+ \(([^)]*)\) \S (\d+)/.exec(stat);
    if (match && match[1]!.includes("workerd") && Number(match[2]) === process.pid) pids.push(entry);
  }
  return pids;
}

/** CPU time the processes' threads have run, in ms (schedstat: nanoseconds on a CPU, not counting time waiting for one). */
async function cpuMs(pids: string[]): Promise<number> {
  let ns = 0;
  for (const pid of pids) {
    for (const task of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
      const stat = await readFile(`/proc/${pid}/task/${task}/schedstat`, "utf8").catch(() => "0");
      ns += Number(stat.split(" ")[0]);
    }
  }
  return ns / 1e6;
}

const ms = (value: number) => Number(value.toFixed(1));

function wranglerVars(toml: string): Record<string, string> {
  const block = toml.split("[vars]")[1]!.split(/^\[/m)[0]!;
  return Object.fromEntries([...block.matchAll(/^(\w+)\s*=\s*"([^"]*)"/gm)].map((m) => [m[1]!, m[2]!]));
}

/** One fresh isolate with its own database, its clock pinned to a day the survey is open. */
async function measureSurvey(bundle: string, survey: Survey, vars: Record<string, string>) {
  const state = join(DIR, `state-${survey.id}`);
  await freshState(state);
  await migrate(state);
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      name: "cold-start",
      modules: [
        { type: "ESModule", path: "entry.js", contents: ENTRY },
        { type: "ESModule", path: "index.js", contents: bundle },
      ],
      modulesRoot: "/",
      compatibilityDate: "2026-11-01",
      compatibilityFlags: ["nodejs_compat"],
      d1Databases: { DB: "00000000-0000-4000-8000-000000000000" },
      resourcePersistencePath: join(state, "v3"),
      bindings: { ...vars, ...testSecrets(), CANDOR_ENV: "test", CANDOR_TODAY: survey.opens, ADMIN_TOKEN },
      ...(process.env.COLD_START_PROFILES ? { inspectorPort: 0 } : {}),
    }),
  );
  try {
    await mf.ready;
    const pids = await workerdPids();
    if (pids.length === 0) throw new Error("no workerd process found for this bench");
    const cpu = async (work: () => Promise<unknown>) => {
      const before = await cpuMs(pids);
      await work();
      return (await cpuMs(pids)) - before;
    };
    const profiles = process.env.COLD_START_PROFILES;
    const v8 = profiles ? await profiler(await mf.getInspectorURL()) : null;
    const fetchOk = async (path: string, init?: { method: string; headers: Record<string, string>; body: string }, expect = [200, 201]) => {
      const res = await mf.dispatchFetch(`http://candor.local${path}`, init);
      const text = await res.text();
      if (!expect.includes(res.status)) throw new Error(`${path}: ${res.status} ${text}`);
      return text;
    };
    const startup = await cpu(() => fetchOk("/__startup"));
    const tokens: SpendableToken[] = [];
    if (survey.access === "invitation") {
      // made before the measurements: HR's codes, then each code redeemed for
      // its token as the form does when it opens — requests of their own, not
      // the submission's
      const body = await fetchOk(`/api/admin/surveys/${survey.id}/tokens`, {
        method: "POST",
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
        body: JSON.stringify({ count: LATER + 2 }),
      });
      const { invitationKey } = JSON.parse(await fetchOk(`/api/surveys/${survey.id}`)) as { invitationKey: string };
      for (const code of (JSON.parse(body) as { codes: string[] }).codes) {
        const pending = await blindToken(invitationKey);
        const redeemed = await fetchOk(`/api/surveys/${survey.id}/redeem`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "CF-Connecting-IP": "198.18.1.1" },
          body: JSON.stringify({ code, blinded: pending.blinded }),
        });
        tokens.push(await finishToken(invitationKey, pending, (JSON.parse(redeemed) as { evaluation: string }).evaluation));
      }
    }
    const submit = (i: number) =>
      fetchOk(`/api/surveys/${survey.id}/responses`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "CF-Connecting-IP": `198.18.0.${(i % 250) + 1}` },
        body: JSON.stringify({
          submissionId: `cold-start-${survey.id}-${i}`.slice(0, 64),
          answers: sampleAnswers(survey.definition, survey.questions, seededRandom(i), {
            comments: ["A comment for the bench."],
            commentRate: 1,
          }),
          ...(tokens[i] ? { token: tokens[i] } : {}),
        }),
      });
    // a server that does not honour the pinned day answers 409 for a survey not open today
    const probe = await mf.dispatchFetch(`http://candor.local/api/surveys/${survey.id}`);
    const { status } = (await probe.json()) as { status: string };
    if (status !== "open") return null;
    const first = v8
      ? (await v8.record(join(profiles!, `${survey.id}-first.cpuprofile`), () => submit(0)), NaN)
      : await cpu(() => submit(0));
    const later: number[] = [];
    for (let i = 1; i <= LATER; i++) later.push(await cpu(() => submit(i)));
    if (v8) await v8.record(join(profiles!, `${survey.id}-later.cpuprofile`), () => submit(LATER + 1));
    const health: number[] = [];
    for (let i = 0; i < LATER; i++) health.push(await cpu(() => fetchOk("/api/health")));
    v8?.close();
    return { startup, first, later: median(later), laterMax: Math.max(...later), health: median(health) };
  } finally {
    await mf.dispose();
  }
}

const bench: Bench = async () => {
  await mkdir(DIR, { recursive: true });
  const out = join(DIR, "worker");
  execFileSync("npx", ["wrangler", "pages", "functions", "build", "functions", "--outdir", out], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const files = (await readdir(out)).filter((f) => f.endsWith(".js"));
  if (files.length !== 1) throw new Error(`expected one bundle in ${out}, found ${files.join(", ")}`);
  const bundle = await readFile(join(out, files[0]!), "utf8");
  const vars = wranglerVars(await readFile("wrangler.toml", "utf8"));

  const rows: BenchRow[] = [
    {
      bench: "cold-start",
      measure: "Functions bundle (Workers size limit: 3 MB Free, 10 MB Paid, compressed)",
      value: `${(Buffer.byteLength(bundle) / 1024).toFixed(0)} KiB / ${(gzipSync(bundle).length / 1024).toFixed(0)} KiB gzip`,
      unit: "",
    },
  ];
  // the largest survey first: its start-up is the first cold isolate of the run
  const surveys = [...SURVEYS].sort((a, b) => b.questions.length - a.questions.length);
  for (const survey of surveys) {
    const m = await measureSurvey(bundle, survey, vars);
    const name = `cold-start ${survey.id} (${survey.questions.length} questions)`;
    if (!m) {
      rows.push({ bench: name, measure: `not open on the server's day (pinned to ${survey.opens})`, value: "skipped", unit: "" });
      continue;
    }
    rows.push(
      { bench: name, measure: "GET /api/health, warm (baseline)", value: ms(m.health), unit: "ms CPU" },
      { bench: name, measure: "start-up: the bundle's global scope (limit 1,000 ms)", value: ms(m.startup), unit: "ms CPU" },
      {
        bench: name,
        measure: `first submission after start-up (Free plan: ${FREE_CPU_MS} ms)`,
        value: Number.isNaN(m.first) ? "profiled, not timed" : ms(m.first),
        unit: m.first > FREE_CPU_MS ? "ms CPU, over Free ✗" : "ms CPU ✓",
        "vs baseline": ratio(m.first, m.health),
      },
      {
        bench: name,
        measure: `later submissions, median of ${LATER} (max ${ms(m.laterMax)})`,
        value: ms(m.later),
        unit: m.later > FREE_CPU_MS ? "ms CPU, over Free ✗" : "ms CPU ✓",
        "vs baseline": ratio(m.later, m.health),
      },
    );
  }
  return rows;
};
export default bench;
