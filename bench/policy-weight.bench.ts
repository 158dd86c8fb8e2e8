// How much JavaScript the policy pages make a reader download, gzip-compressed:
// every script a page loads (inline, <script src>, island component and
// renderer) plus everything those modules import. Policy pages must ship none
// except the calculator island; the baseline is the React runtime floor (the
// island renderer's own module graph), measured in the same run, so the ratio
// shows what the calculator itself adds on top of React.
import { gzipSync } from "node:zlib";
import type { Bench, BenchRow } from "./lib.ts";

const PAGES = [
  "/",
  "/policy/",
  "/zh-cn/policy/",
  "/policy/2025-07/",
  "/zh-cn/policy/2026-01/",
  "/policy/history/",
  "/policy/compare/",
  "/policy/compare/2025-07/2026-07/",
  "/zh-cn/policy/compare/2026-01/2026-07/",
];

const attr = (name: string) => new RegExp(`\\b${name}="([^"]+)"`, "g");
const IMPORTS = /(?:\bimport\s*\(\s*|\bimport\s*|\bfrom\s*)["'](\.{1,2}\/[^"']+|\/[^"']+)["']/g;

async function text(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.text();
}

/** Gzip bytes of a set of module URLs and everything they import, each module counted once. */
async function moduleGraph(entries: string[], seen = new Map<string, number>()): Promise<Map<string, number>> {
  const queue = [...entries];
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    const source = await text(url);
    seen.set(url, gzipSync(source).length);
    for (const m of source.matchAll(IMPORTS)) queue.push(new URL(m[1]!, url).href);
  }
  return seen;
}

async function pageWeight(baseURL: string, path: string) {
  const html = await text(`${baseURL}${path}`);
  const entries = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(attr("component-url"))].map((m) => m[1]!),
    ...[...html.matchAll(attr("renderer-url"))].map((m) => m[1]!),
    ...[...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!),
  ].map((u) => new URL(u.replaceAll("&amp;", "&"), `${baseURL}${path}`).href);
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).filter((s) => s.trim());
  const graph = await moduleGraph(entries);
  const inlineBytes = inline.reduce((sum, s) => sum + gzipSync(s).length, 0);
  const moduleBytes = [...graph.values()].reduce((a, b) => a + b, 0);
  return {
    total: inlineBytes + moduleBytes,
    inlineBytes,
    modules: graph.size,
    islands: [...html.matchAll(/<astro-island\b/g)].length,
    html,
  };
}

const bench: Bench = async ({ baseURL }) => {
  const policyHtml = await text(`${baseURL}/policy/`);
  const renderer = [...policyHtml.matchAll(attr("renderer-url"))].map((m) => new URL(m[1]!, baseURL).href);
  if (renderer.length === 0) throw new Error("/policy/ has no island renderer: is the calculator missing?");
  const floor = [...(await moduleGraph(renderer)).values()].reduce((a, b) => a + b, 0);

  const rows: BenchRow[] = [
    { bench: "policy-weight", measure: "React runtime floor (baseline: island renderer graph)", value: floor, unit: "B gzip JS" },
  ];
  for (const path of PAGES) {
    const w = await pageWeight(baseURL, path);
    rows.push({
      bench: "policy-weight",
      measure: `${path} (${w.islands} island${w.islands === 1 ? "" : "s"}, ${w.modules} modules)`,
      value: w.total,
      unit: "B gzip JS",
      "vs baseline": (w.total / floor).toFixed(2) + "×",
    });
    if (path === "/policy/") {
      rows.push({
        bench: "policy-weight",
        measure: "  of which calculator + island loader (above the floor)",
        value: w.total - floor,
        unit: "B gzip JS",
      });
    }
  }
  return rows;
};
export default bench;
