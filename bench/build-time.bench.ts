// How long `npm run build` takes once an organisation has years of content:
// a copy of the site with generated fixtures — 20 policy versions (one every
// two months), 40 monthly result cycles (each under the version in force
// that month, citing its fingerprint) and 50 surveys — built the way
// `npm run build` builds (astro build, then the CSP), against a build of the
// demo site in the same run. Goal: under 30 s here. Honours and forums are
// left out of the copy (they cite the demo's cycles and versions).
import { execFileSync } from "node:child_process";
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { TMP_DIR } from "../scripts/env.ts";
import { policyFingerprint } from "#lib/policy/fingerprint.ts";
import { ZPolicyVersion } from "#lib/policy/schema.ts";
import { ratio, type Bench, type BenchRow } from "./lib.ts";

const SITE = resolve(TMP_DIR, "bench-build-site");
const BUILD_DAY = "2026-11-30";
const VERSIONS = 20;
const CYCLES = 40;
const SURVEY_COUNT = 50;
/** The first generated month: 40 months later is October 2026, the last month over on BUILD_DAY. */
const FIRST = { year: 2023, month: 7 };

const month = (offset: number) => {
  const m = FIRST.month - 1 + offset;
  return `${FIRST.year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
};
const nextMonth = (ym: string) => month(Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5)) - (FIRST.year * 12 + FIRST.month) + 1);

type JsonObject = Record<string, unknown>;

async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

async function emptyFolder(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
}

/** The site's sources, copied; node_modules linked. */
async function copySite(): Promise<void> {
  await rm(SITE, { recursive: true, force: true });
  await mkdir(SITE, { recursive: true });
  for (const file of ["astro.config.mjs", "package.json", "tsconfig.json", "wrangler.toml"]) await cp(file, join(SITE, file));
  for (const dir of ["src", "public", "scripts"]) await cp(dir, join(SITE, dir), { recursive: true });
  await symlink(resolve("node_modules"), join(SITE, "node_modules"));
}

/** 20 versions, each in force for two months; the last is current. Cloned from January 2026's rules, with its target moved a little each time. */
async function writePolicies(): Promise<Map<string, string>> {
  const template = JSON.parse(await readFile("src/content/policy/2026-01.json", "utf8")) as JsonObject;
  delete template.promptedBy; // it cites a forum the copy does not have
  const dir = join(SITE, "src/content/policy");
  await emptyFolder(dir);
  const fingerprints = new Map<string, string>();
  for (let i = 0; i < VERSIONS; i++) {
    const version = month(2 * i);
    const v = structuredClone(template) as JsonObject & { criteria: JsonObject[] };
    Object.assign(v, {
      version,
      effective: `${version}-01`,
      status: i === VERSIONS - 1 ? "current" : "superseded",
      title: { en: `Reward policy for customer-service supervisors, ${version}`, "zh-cn": `客服服务主管奖励政策（${version} 版）` },
      summary: { en: `Generated version ${i + 1} of ${VERSIONS}.`, "zh-cn": `生成的第 ${i + 1} 版（共 ${VERSIONS} 版）。` },
    });
    v.criteria[0]!.target = 88 + (i % 5);
    await writeJson(join(dir, `${version}.json`), v);
    fingerprints.set(version, await policyFingerprint(ZPolicyVersion.parse(v)));
  }
  return fingerprints;
}

/** 40 monthly cycles, each cloned from a month evaluated under January 2026's rules. */
async function writeResults(fingerprints: Map<string, string>): Promise<void> {
  const template = JSON.parse(await readFile("src/content/results/2026-05.json", "utf8")) as JsonObject;
  const dir = join(SITE, "src/content/results");
  await emptyFolder(dir);
  for (let i = 0; i < CYCLES; i++) {
    const cycle = month(i);
    const version = month(2 * Math.floor(i / 2));
    await writeJson(join(dir, `${cycle}.json`), {
      ...structuredClone(template),
      cycle,
      published: `${nextMonth(cycle)}-10`,
      policy: { version, fingerprint: fingerprints.get(version) },
    });
  }
}

/** 50 surveys, cloned from the four demo surveys with their own ids, and a registry that imports them all. */
async function writeSurveys(): Promise<void> {
  const dir = join(SITE, "src/content/surveys");
  const templates = await Promise.all(
    (await readdir("src/content/surveys"))
      .sort()
      .map(async (f) => JSON.parse(await readFile(join("src/content/surveys", f), "utf8")) as JsonObject),
  );
  await emptyFolder(dir);
  const ids: string[] = [];
  for (let i = 0; i < SURVEY_COUNT; i++) {
    const template = templates[i % templates.length]!;
    const id = `${template.id as string}-gen-${String(i + 1).padStart(2, "0")}`;
    const title = template.title as Record<string, string>;
    ids.push(id);
    await writeJson(join(dir, `${id}.json`), {
      ...structuredClone(template),
      id,
      title: Object.fromEntries(Object.entries(title).map(([lang, text]) => [lang, `${text} (${i + 1})`])),
    });
  }
  const registry = join(SITE, "src/lib/surveys/registry.ts");
  const source = await readFile(registry, "utf8");
  const imports = ids.map((id, i) => `import survey${i} from "../../content/surveys/${id}.json" with { type: "json" };`).join("\n");
  const rewritten = source
    .replace(/^import \w+ from "\.\.\/\.\.\/content\/surveys\/[^"]+" with \{ type: "json" \};\n/gm, "")
    .replace(/^(import \{ describeQuestions)/m, `${imports}\n$1`)
    .replace(/const FILES: unknown\[\] = \[[^\]]*\];/, `const FILES: unknown[] = [${ids.map((_, i) => `survey${i}`).join(", ")}];`);
  if (!rewritten.includes(`survey${SURVEY_COUNT - 1}]`)) throw new Error("could not rewrite the survey registry");
  await writeFile(registry, rewritten);
}

/** `npm run build` in `cwd` into `out`: seconds, and the pages built. */
async function timedBuild(cwd: string, out: string): Promise<{ seconds: number; pages: number }> {
  await rm(resolve(cwd, out), { recursive: true, force: true });
  const started = performance.now();
  const log = execFileSync("node", ["scripts/build.ts", out], {
    cwd,
    env: { ...process.env, CANDOR_TODAY: BUILD_DAY },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const seconds = (performance.now() - started) / 1000;
  const pages = Number(/(\d+) page\(s\) built/.exec(log)?.[1] ?? NaN);
  return { seconds, pages };
}

const bench: Bench = async () => {
  await copySite();
  await writeResults(await writePolicies());
  await writeSurveys();
  for (const folder of ["honours", "forums"]) await emptyFolder(join(SITE, "src/content", folder));

  const demo = await timedBuild(process.cwd(), `${TMP_DIR}/bench-build-demo`);
  const generated = await timedBuild(SITE, "dist");
  const rows: BenchRow[] = [
    { bench: "build-time", measure: `demo site, ${demo.pages} pages (baseline)`, value: Number(demo.seconds.toFixed(1)), unit: "s" },
    {
      bench: "build-time",
      measure: `${VERSIONS} policy versions, ${CYCLES} cycles, ${SURVEY_COUNT} surveys: ${generated.pages} pages (goal < 30 s)`,
      value: Number(generated.seconds.toFixed(1)),
      unit: generated.seconds < 30 ? "s ✓" : "s, over the goal ✗",
      "vs baseline": ratio(generated.seconds, demo.seconds),
    },
  ];
  return rows;
};
export default bench;
