// Mixed traffic at twice the busiest minutes of docs/capacity.md (≈ 33 survey
// submissions a second → 66), for LOAD_SECONDS (default 60), against the
// local server: survey answers, new ideas, tracking by receipt and board
// reads, each request from its own client address (the per-client limits
// stay out of it) and started on schedule whether or not earlier ones have
// answered (an open loop, as people arrive), over at most 32 connections, a
// request's wait for one counted in its latency. Afterwards every accepted
// submission must be in the database exactly once and none lost: the rows
// added equal the 201s, no request failed or went unanswered, and a sample of
// accepted submissions sent again stores nothing more. Latency is reported as
// p50 / p95 per kind, against GET /api/health measured alone just before
// (the baseline, same run).
//   npm run bench load            (LOAD_SECONDS=20 for a shorter run)
import { DatabaseSync } from "node:sqlite";
import { findSurvey } from "#lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import { ratio, sqliteFile, type Bench, type BenchRow } from "./lib.ts";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const SURVEY = "pulse-2026-11";
/** Requests a second, by kind: submissions at twice the peak (60 answers + 6 ideas), and the reads around them. */
const RATES = { survey: 60, idea: 6, track: 20, board: 20 } as const;
type Kind = keyof typeof RATES;
const RESEND_SAMPLE = 100;
/** Connections the client keeps open to the server. */
const OPEN = 32;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

const bench: Bench = async ({ baseURL, persistTo }) => {
  const survey = findSurvey(SURVEY)!;
  let client = 0;
  const from = () => ({
    "Content-Type": "application/json",
    "CF-Connecting-IP": `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client++ & 255}`,
  });
  const timed = async (send: () => Promise<Response>) => {
    const started = performance.now();
    try {
      const res = await send();
      const body = await res.text();
      return { status: res.status, body, ms: performance.now() - started };
    } catch (err) {
      return { status: 0, body: `${String(err)} ${String((err as Error).cause ?? "")}`, ms: performance.now() - started };
    }
  };
  const post = (path: string, body: unknown) => () =>
    fetch(`${baseURL}${path}`, { method: "POST", headers: from(), body: JSON.stringify(body), signal: AbortSignal.timeout(120_000) });

  // the baseline: GET /api/health alone, 200 requests 4 at a time
  const health: number[] = [];
  for (let i = 0; i < 50; i++)
    health.push(...(await Promise.all(Array.from({ length: 4 }, () => timed(() => fetch(`${baseURL}/api/health`))))).map((r) => r.ms));

  const db = new DatabaseSync(await sqliteFile(persistTo), { readOnly: true });
  const count = () => ({
    responses: (db.prepare("SELECT COUNT(*) AS n FROM survey_responses WHERE survey_id = ?").get(SURVEY) as { n: number }).n,
    ideas: (db.prepare("SELECT COUNT(*) AS n FROM ideas").get() as { n: number }).n,
  });
  const before = count();

  // a receipt to track, made before the clock starts
  const receipt = (
    JSON.parse(
      (
        await timed(
          post("/api/ideas", {
            category: "process",
            title: "Load test receipt",
            body: "Tracked during the load test.",
            publishConsent: false,
          }),
        )
      ).body,
    ) as { receipt: string }
  ).receipt;
  const afterReceipt = count();

  const requests: Record<Kind, () => { send: () => Promise<Response>; resend?: () => Promise<Response> }> = {
    survey: () => {
      const body = {
        submissionId: crypto.randomUUID(),
        answers: sampleAnswers(survey.definition, survey.questions, seededRandom(client), { comments: ["Load."], commentRate: 0.3 }),
      };
      return { send: post(`/api/surveys/${SURVEY}/responses`, body), resend: post(`/api/surveys/${SURVEY}/responses`, body) };
    },
    idea: () => {
      const body = {
        submissionId: crypto.randomUUID(),
        category: "process",
        title: `Load idea ${client}`,
        body: "Sent by the load test.",
        publishConsent: false,
      };
      return { send: post("/api/ideas", body), resend: post("/api/ideas", body) };
    },
    track: () => ({ send: post("/api/ideas/track", { receipt }) }),
    board: () => ({ send: () => fetch(`${baseURL}/api/ideas`, { headers: from(), signal: AbortSignal.timeout(120_000) }) }),
  };

  // the schedule: each kind at its own rate, spread evenly over the seconds
  const results: Record<Kind, { status: number; ms: number; body: string; resend?: () => Promise<Response> }[]> = {
    survey: [],
    idea: [],
    track: [],
    board: [],
  };
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  const schedule = (Object.keys(RATES) as Kind[])
    .flatMap((kind) => Array.from({ length: RATES[kind] * SECONDS }, (_, i) => ({ kind, at: (i * 1000) / RATES[kind] })))
    .sort((a, b) => a.at - b.at);
  // At most OPEN requests are open at once, as a pool of connections holds them; one that
  // must wait for a free connection waits in the client, and that wait counts in its latency
  // (measured from when it was due, not from when it was sent).
  let open = 0;
  const freed: (() => void)[] = [];
  const connection = async () => {
    while (open >= OPEN) await new Promise<void>((r) => freed.push(r));
    open++;
  };
  for (const { kind, at } of schedule) {
    const wait = at - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { send, resend } = requests[kind]();
    const due = performance.now();
    inFlight.push(
      connection()
        .then(() => timed(send))
        .then((r) => {
          open--;
          freed.shift()?.();
          results[kind].push({ status: r.status, ms: performance.now() - due, body: r.body, resend });
        }),
    );
  }
  const scheduled = performance.now() - started;
  await Promise.all(inFlight);
  const elapsed = performance.now() - started;

  const accepted = (kind: Kind) => results[kind].filter((r) => r.status === 201);
  const after = count();
  const stored = { responses: after.responses - afterReceipt.responses, ideas: after.ideas - afterReceipt.ideas };
  // stored once: a sample of accepted submissions sent again is answered 200 and adds nothing
  const sample = [...accepted("survey").slice(0, RESEND_SAMPLE / 2), ...accepted("idea").slice(0, RESEND_SAMPLE / 2)];
  const resent = await Promise.all(sample.map((r) => timed(r.resend!)));
  const afterResend = count();
  db.close();

  const problems: string[] = [];
  for (const kind of Object.keys(RATES) as Kind[]) {
    const failed = results[kind].filter((r) => r.status === 0 || r.status >= 500);
    if (failed.length > 0)
      problems.push(`${kind}: ${failed.length} failed or unanswered (${failed[0]!.status}: ${failed[0]!.body.slice(0, 160)})`);
  }
  if (stored.responses !== accepted("survey").length)
    problems.push(`survey: ${accepted("survey").length} accepted, ${stored.responses} stored`);
  if (stored.ideas !== accepted("idea").length) problems.push(`idea: ${accepted("idea").length} accepted, ${stored.ideas} stored`);
  if (resent.some((r) => r.status !== 200))
    problems.push(`resend: answered ${[...new Set(resent.map((r) => r.status))].join(", ")}, not 200`);
  if (afterResend.responses !== after.responses || afterResend.ideas !== after.ideas) problems.push("resend: stored again");
  if (before.ideas + 1 !== afterReceipt.ideas) problems.push("the receipt's idea was not stored once");
  if (problems.length > 0) throw new Error(`load: ${problems.join("; ")}`);

  const base = percentile(health, 95);
  const rows: BenchRow[] = [
    { bench: "load", measure: "GET /api/health alone, p95 (baseline)", value: Math.round(base), unit: "ms" },
    {
      bench: "load",
      measure: `${schedule.length} requests in ${SECONDS} s (${Object.values(RATES).reduce((a: number, b: number) => a + b, 0)}/s), all answered in ${(elapsed / 1000).toFixed(1)} s (schedule kept to ${(scheduled / 1000 - SECONDS).toFixed(1)} s late)`,
      value: schedule.length,
      unit: "requests",
    },
  ];
  for (const kind of Object.keys(RATES) as Kind[]) {
    const ms = results[kind].map((r) => r.ms);
    const statuses = Object.entries(Object.groupBy(results[kind], (r) => String(r.status)))
      .map(([s, list]) => `${list!.length}×${s}`)
      .join(" ");
    rows.push({
      bench: "load",
      measure: `${kind} at ${RATES[kind]}/s: p50 ${Math.round(percentile(ms, 50))} ms, p95 (${statuses})`,
      value: Math.round(percentile(ms, 95)),
      unit: "ms",
      "vs baseline": ratio(percentile(ms, 95), base),
    });
  }
  rows.push({
    bench: "load",
    measure: `stored exactly once: ${stored.responses} answers and ${stored.ideas} ideas = the 201s; ${sample.length} resent, none stored again`,
    value: "✓",
    unit: "",
  });
  return rows;
};
export default bench;
