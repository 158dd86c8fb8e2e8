// Fixtures for the suggestion-box tests: ideas created through the real API,
// HR's side written straight into D1 (the HR console is a later issue).
import { env } from "cloudflare:test";
import { expect } from "vitest";
import { forgetCounts } from "#server/rate-limit.ts";
import { api } from "./helpers.ts";

let counter = 0;

/** A fresh documentation-range address per call, so per-client limits of one test don't leak into another. */
export function freshIp(): string {
  counter++;
  return `198.18.${Math.floor(counter / 250) % 250}.${(counter % 250) + 1}`;
}

export function from(ip: string, headers: Record<string, string> = {}): Record<string, string> {
  return { "CF-Connecting-IP": ip, ...headers };
}

export const SAMPLE = {
  category: "reward_policy",
  title: "Publish the tier thresholds before each quarter",
  body: "We only learn the satisfaction threshold for each reward tier after the quarter ends. Publishing it in advance would let supervisors plan.",
  publishConsent: true,
  locale: "en",
} as const;

export async function submit(overrides: Record<string, unknown> = {}, ip = freshIp()): Promise<{ receipt: string; id: string }> {
  const res = await api<{ receipt: string }>("/api/ideas", { method: "POST", json: { ...SAMPLE, ...overrides }, headers: from(ip) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const tracked = await api<{ idea: { id: string } }>("/api/ideas/track", {
    method: "POST",
    json: { receipt: res.body.receipt },
    headers: from(freshIp()),
  });
  expect(tracked.status).toBe(200);
  return { receipt: res.body.receipt, id: tracked.body.idea.id };
}

export async function clearIdeas(): Promise<void> {
  await env.DB.batch([
    // explicit, not left to ON DELETE CASCADE: a later schema change cannot leave retry records behind between tests
    env.DB.prepare("DELETE FROM idea_submissions"),
    env.DB.prepare("DELETE FROM idea_supports"),
    env.DB.prepare("DELETE FROM idea_messages"),
    env.DB.prepare("DELETE FROM idea_status_history"),
    env.DB.prepare("DELETE FROM ideas"),
    env.DB.prepare("DELETE FROM published_k"),
  ]);
  // the per-client counts this isolate keeps for the services the tests call directly (the Worker's own are its own)
  forgetCounts();
}

export async function countIdeas(): Promise<number> {
  return (await env.DB.prepare("SELECT COUNT(*) AS n FROM ideas").first<{ n: number }>())!.n;
}

/** Everything stored about ideas, as one string, to search for things that must not be there. */
export async function dumpIdeaTables(): Promise<string> {
  const tables = ["ideas", "idea_status_history", "idea_messages", "idea_supports", "idea_submissions"];
  const rows = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT * FROM ${t}`)));
  return JSON.stringify(rows.map((r) => r.results));
}
