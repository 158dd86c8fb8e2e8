// How much JavaScript the policy pages make a reader download, gzip-compressed:
// every script a page loads (inline, <script src>, island component and
// renderer) plus everything those modules import. Policy pages must ship none
// except the calculator island; the baseline is the React runtime floor (the
// island renderer's own module graph), measured in the same run, so the ratio
// shows what the calculator itself adds on top of React.
import { ratio, type Bench, type BenchRow } from "./lib.ts";
import { modulesWeight, pageWeight, rendererUrls, SiteReader } from "./page-weight.ts";

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

const bench: Bench = async ({ dist }) => {
  const site = new SiteReader(dist);
  const renderer = await rendererUrls(site, "/policy/");
  if (renderer.length === 0) throw new Error("/policy/ has no island renderer: is the calculator missing?");
  const floor = await modulesWeight(site, renderer);

  const rows: BenchRow[] = [
    { bench: "policy-weight", measure: "React runtime floor (baseline: island renderer graph)", value: floor, unit: "B gzip JS" },
  ];
  for (const path of PAGES) {
    const w = await pageWeight(site, path);
    const islands = [...(await site.text(path)).matchAll(/<astro-island\b/g)].length;
    const total = w.js + w.jsOnDemand;
    rows.push({
      bench: "policy-weight",
      measure: `${path} (${islands} island${islands === 1 ? "" : "s"}, ${w.modules} modules)`,
      value: total,
      unit: "B gzip JS",
      "vs baseline": ratio(total, floor),
    });
    if (path === "/policy/") {
      rows.push({
        bench: "policy-weight",
        measure: "  of which calculator + island loader (above the floor)",
        value: total - floor,
        unit: "B gzip JS",
      });
    }
  }
  return rows;
};
export default bench;
