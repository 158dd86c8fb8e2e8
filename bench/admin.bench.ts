// The HR inbox at the demo's size and at 10,000 ideas: the first page in
// working order (ranked on acknowledgement, answers and the author's last
// word, all computed in SQL), the overdue filter, and the substring search
// (instr over original and moderated text, which FTS5 would not do for
// two-character Chinese words) in English and Chinese, next to GET
// /api/health in the same run. The 10,000 ideas are written straight into
// the server's local D1, with text of realistic length in both languages.
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { load, ratio, type Bench, type BenchRow } from "./lib.ts";

const EN = [
  "Handover notes between the night and morning shifts get lost, so customers repeat themselves.",
  "The knowledge base search is slow and misses synonyms, which lowers the resolution rate.",
  "Publish the tier thresholds before each quarter so supervisors can plan coaching.",
  "A quiet room after abusive calls would help people recover before the next call.",
];
const ZH = [
  "夜班和早班交接时，未结案的投诉经常没有记录清楚，客户需要重复说明情况。",
  "建议每半年安排一次抗压与情绪管理培训，并提供一对一心理支持渠道。",
  "知识库搜索经常要十几秒，关键词不准确就找不到，影响问题解决率。",
  "建议每季度组织一次经验分享会，由问题解决率高的主管分享做法。",
];
const CATEGORIES = ["reward_policy", "process", "training", "tools", "team", "other"];
const STATUSES = ["received", "under_review", "planned", "in_progress", "done", "declined"];

async function fill(persistTo: string, n: number): Promise<void> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ persist: { path: join(persistTo, "v3") } });
  try {
    for (let start = 0; start < n; start += 500) {
      const rows = Array.from({ length: Math.min(500, n - start) }, (_, k) => {
        const i = start + k;
        const zh = i % 3 === 0;
        const pick = (list: string[], m: number) => list[(i * m) % list.length]!;
        const body = zh ? `${pick(ZH, 1)}${pick(ZH, 3)}${pick(ZH, 5)}` : `${pick(EN, 1)} ${pick(EN, 3)} ${pick(EN, 5)}`;
        const day = new Date(Date.UTC(2026, 0, 1) + (i % 330) * 86_400_000).toISOString().slice(0, 10);
        return {
          id: `bench000-0000-4000-8000-${String(i).padStart(12, "0")}`,
          hash: `f${i.toString(16)}`.padStart(64, "0"),
          category: CATEGORIES[i % CATEGORIES.length],
          title: `${zh ? "建议" : "Idea"} ${i}: ${(zh ? pick(ZH, 7) : pick(EN, 7)).slice(0, 60)}`,
          body,
          status: STATUSES[i % STATUSES.length],
          day,
        };
      });
      const json = JSON.stringify(rows);
      await proxy.env.DB.batch([
        proxy.env.DB.prepare(
          `INSERT INTO ideas (id, receipt_hash, category, title, body, publish_consent, status, received_on)
           SELECT value->>'id', value->>'hash', value->>'category', value->>'title', value->>'body', 1, value->>'status', value->>'day'
           FROM json_each(?1)`,
        ).bind(json),
        proxy.env.DB.prepare(
          `INSERT INTO idea_status_history (idea_id, seq, status, on_day, note)
           SELECT value->>'id', 1, 'received', value->>'day', NULL FROM json_each(?1)
           UNION ALL
           SELECT value->>'id', 2, value->>'status', value->>'day', NULL FROM json_each(?1) WHERE value->>'status' <> 'received'`,
        ).bind(json),
      ]);
    }
  } finally {
    await proxy.dispose();
  }
}

const bench: Bench = async ({ baseURL, persistTo, adminToken }) => {
  const headers = { Authorization: `Bearer ${adminToken}` };
  const get = (path: string) => () => fetch(`${baseURL}${path}`, { headers });
  const total = 60;
  const concurrency = 4;
  const cases: [string, string][] = [
    ["inbox, first page", "/api/admin/ideas"],
    ["inbox, overdue only", "/api/admin/ideas?overdue=true"],
    ["search q=培训 (two Chinese characters)", `/api/admin/ideas?q=${encodeURIComponent("培训")}`],
    ["search q=synonyms", "/api/admin/ideas?q=synonyms"],
  ];

  await load(20, 4, () => fetch(`${baseURL}/api/health`)); // warm-up
  const health = await load(200, concurrency, () => fetch(`${baseURL}/api/health`));
  const rows: BenchRow[] = [{ bench: "admin", measure: "GET /api/health (baseline)", value: (health.ms / 200).toFixed(1), unit: "ms/req" }];
  const measure = async (size: string) => {
    for (const [name, path] of cases) {
      const r = await load(total, concurrency, get(path));
      rows.push({
        bench: "admin",
        measure: `${name}, ${size}${r.failures ? ` (${r.failures} failed)` : ""}`,
        value: (r.ms / total).toFixed(1),
        unit: "ms/req",
        "vs baseline": ratio(r.ms / total, health.ms / 200),
      });
    }
  };
  await measure("demo (14 ideas)");
  await fill(persistTo, 10_000);
  await measure("10,000 ideas");
  return rows;
};
export default bench;
