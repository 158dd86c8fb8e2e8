// What each built page makes a browser download from the site, gzip-compressed,
// read straight from the build output (the same files the server sends): the
// HTML, its stylesheets and inline styles, and its JavaScript — inline
// scripts, <script src>, island components and renderers and every module
// they import. JavaScript (and the CSS that comes with it) reached only
// through a dynamic import() is counted apart as "on demand": the survey page
// loads SurveyJS only when the person starts. Of that, what one dynamic import
// from the page's own modules brings is "on first demand" (the form, on
// Start); a dynamic import inside that is a further demand (the invitation
// token's arithmetic, fetched only once a code is entered). Used by the budget test
// (test/e2e/budgets.test.ts, bench/budgets.json) and the weight benches.
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";

export interface PageWeight {
  /** URL path, e.g. "/zh-cn/surveys/pulse-2026-11/". */
  path: string;
  /** Bytes after gzip (level 6, what a server typically sends). */
  html: number;
  /** Stylesheets the page links, plus its inline <style> blocks. */
  css: number;
  /** JavaScript run at load: inline and external scripts, islands, and their static imports. */
  js: number;
  /** JavaScript only fetched by a dynamic import() (e.g. after a click), beyond `js`. */
  jsOnDemand: number;
  /** The part of `jsOnDemand` one dynamic import from the page's modules fetches (the survey form on Start). */
  jsOnFirstDemand: number;
  /** Stylesheets only fetched with an on-demand module. */
  cssOnDemand: number;
  /** html + css + js + jsOnDemand + cssOnDemand: everything the page can pull from the site. */
  total: number;
  /** <script> elements in the HTML (inline or not); 0 for a page without JavaScript. */
  scriptTags: number;
  /** Distinct JavaScript files (eager and on demand). */
  modules: number;
}

// Bundles name their modules with the extension; a bare "./MyComponent" is text inside some string.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{},\s]+?\s*from\s*)?["']((?:\.{1,2}\/|\/)[^"']+\.m?js)["']/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*["']((?:\.{1,2}\/|\/)[^"']+\.m?js)["']\s*\)/g;
/** Asset paths a bundle names as strings (the preload list Vite keeps beside a dynamic import). */
const ASSET_STRING = /["'`]((?:\/|\.{1,2}\/)?_astro\/[^"'`]+\.(?:js|css))["'`]|["'`](\.\/[^"'`/]+\.(?:js|css))["'`]/g;

const gzip = (text: string | Buffer) => gzipSync(text).length;

/** Every built HTML page under `dist`, as URL paths ("/", "/policy/", "/404.html"). */
export async function builtPages(dist: string): Promise<string[]> {
  const pages: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith(".html")) pages.push(toUrlPath(relative(dist, path)));
    }
  }
  await walk(dist);
  return pages.sort();
}

function toUrlPath(file: string): string {
  const path = `/${file.split(sep).join("/")}`;
  return path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : path;
}

function fileOf(dist: string, urlPath: string): string {
  const clean = decodeURIComponent(urlPath.split(/[?#]/)[0]!);
  return join(dist, clean.endsWith("/") ? `${clean}index.html` : clean);
}

/** Resolves `ref` (as written in a page or a module) against the URL path it appeared in. */
function resolveRef(ref: string, from: string): string {
  return new URL(ref.replaceAll("&amp;", "&"), `http://site${from}`).pathname;
}

/** A cache of files read and compressed, shared by the pages of one build. */
export class SiteReader {
  private readonly texts = new Map<string, string>();
  readonly dist: string;
  constructor(dist: string) {
    this.dist = dist;
  }

  async text(urlPath: string): Promise<string> {
    let text = this.texts.get(urlPath);
    if (text === undefined) {
      text = await readFile(fileOf(this.dist, urlPath), "utf8");
      this.texts.set(urlPath, text);
    }
    return text;
  }

  async gzipOf(urlPath: string): Promise<number> {
    return gzip(await this.text(urlPath));
  }
}

interface Graph {
  eager: Set<string>;
  onDemand: Set<string>;
  /** Of `onDemand`: reached through one dynamic import, not more. */
  onFirstDemand: Set<string>;
  cssOnDemand: Set<string>;
}

/**
 * The module graph from the page's entry modules, each module at the fewest
 * dynamic imports it takes to reach it: 0 (eager: static imports), 1 (on
 * first demand), more (on a further demand).
 */
async function moduleGraph(site: SiteReader, entries: string[]): Promise<Graph> {
  const depth = new Map<string, number>();
  const cssOnDemand = new Set<string>();
  const queue: { path: string; depth: number }[] = entries.map((path) => ({ path, depth: 0 }));
  while (queue.length > 0) {
    const { path, depth: d } = queue.shift()!;
    if ((depth.get(path) ?? Infinity) <= d) continue;
    depth.set(path, d);
    const source = await site.text(path);
    for (const m of source.matchAll(STATIC_IMPORT)) queue.push({ path: resolveRef(m[1]!, path), depth: d });
    for (const m of source.matchAll(DYNAMIC_IMPORT)) queue.push({ path: resolveRef(m[1]!, path), depth: d + 1 });
    for (const m of source.matchAll(ASSET_STRING)) {
      const ref = m[1] ?? m[2]!;
      // "_astro/x.js" in a preload list is relative to the site's root, "./x.js" to the module;
      // the list names what this module's dynamic imports fetch
      const target = ref.startsWith("_astro/") ? `/${ref}` : resolveRef(ref, path);
      if (target.endsWith(".css")) cssOnDemand.add(target);
      else queue.push({ path: target, depth: d + 1 });
    }
  }
  const at = (test: (d: number) => boolean) => new Set([...depth].filter(([, d]) => test(d)).map(([p]) => p));
  return { eager: at((d) => d === 0), onDemand: at((d) => d > 0), onFirstDemand: at((d) => d === 1), cssOnDemand };
}

const attrValues = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]!);

/** Gzip bytes of the modules at `entries` (URL paths) and everything they import statically. */
export async function modulesWeight(site: SiteReader, entries: string[]): Promise<number> {
  let total = 0;
  for (const path of (await moduleGraph(site, entries)).eager) total += await site.gzipOf(path);
  return total;
}

/** The island renderers (React's runtime) a page loads, as URL paths. */
export async function rendererUrls(site: SiteReader, path: string): Promise<string[]> {
  return [...new Set(attrValues(await site.text(path), /\brenderer-url=["']([^"']+)["']/gi).map((ref) => resolveRef(ref, path)))];
}

/** The weight of one built page (`path` as a URL path). */
export async function pageWeight(site: SiteReader, path: string): Promise<PageWeight> {
  const html = await site.text(path);
  const scriptTags = [...html.matchAll(/<script\b/gi)].length;
  const inlineScripts = [...html.matchAll(/<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((m) => !/type=["']?application\/(ld\+)?json/i.test(m[1]!)) // data blocks are not run
    .map((m) => m[2]!)
    .filter((s) => s.trim());
  const inlineStyles = attrValues(html, /<style\b[^>]*>([\s\S]*?)<\/style>/gi);
  const stylesheets = new Set(
    [...html.matchAll(/<link\b[^>]*>/gi)]
      .map((m) => m[0])
      .filter((tag) => /\brel=["']?stylesheet/i.test(tag))
      .map((tag) => resolveRef(/\bhref=["']?([^"'\s>]+)/i.exec(tag)![1]!, path)),
  );
  const entries = [
    ...attrValues(html, /<script\b[^>]*\bsrc=["']?([^"'\s>]+)/gi),
    ...attrValues(html, /\b(?:component|renderer|before-hydration)-url=["']([^"']+)["']/gi),
    ...[...html.matchAll(/<link\b[^>]*>/gi)]
      .map((m) => m[0])
      .filter((tag) => /\brel=["']?modulepreload/i.test(tag))
      .map((tag) => /\bhref=["']?([^"'\s>]+)/i.exec(tag)![1]!),
  ]
    .filter(Boolean)
    .map((ref) => resolveRef(ref, path));
  const graph = await moduleGraph(site, entries);
  const sum = async (paths: Iterable<string>) => {
    let total = 0;
    for (const p of paths) total += await site.gzipOf(p);
    return total;
  };
  const htmlBytes = gzip(html);
  const css = (await sum(stylesheets)) + inlineStyles.reduce((n, s) => n + gzip(s), 0);
  const js = (await sum(graph.eager)) + inlineScripts.reduce((n, s) => n + gzip(s), 0);
  const jsOnDemand = await sum(graph.onDemand);
  const jsOnFirstDemand = await sum(graph.onFirstDemand);
  const cssOnDemand = await sum([...graph.cssOnDemand].filter((p) => !stylesheets.has(p)));
  return {
    path,
    html: htmlBytes,
    css,
    js,
    jsOnDemand,
    jsOnFirstDemand,
    cssOnDemand,
    total: htmlBytes + css + js + jsOnDemand + cssOnDemand,
    scriptTags,
    modules: graph.eager.size + graph.onDemand.size,
  };
}

/** Every page of a build, weighed. */
export async function siteWeights(dist: string): Promise<PageWeight[]> {
  const site = new SiteReader(dist);
  const weights: PageWeight[] = [];
  for (const path of await builtPages(dist)) weights.push(await pageWeight(site, path));
  return weights;
}

/**
 * The least any SurveyJS form in React can ship: survey-core, survey-react-ui
 * and React DOM rendering a one-question form, minified into one bundle, gzip.
 * The survey page's JavaScript (at load and on demand) is measured against it.
 */
export async function surveyJsFloor(): Promise<number> {
  const { build } = await import("esbuild");
  const result = await build({
    stdin: {
      contents: `import { createRoot } from "react-dom/client"; import { Model } from "survey-core"; import { Survey } from "survey-react-ui";
        createRoot(document.body).render(<Survey model={new Model({ elements: [{ type: "text", name: "q" }] })} />);`,
      resolveDir: process.cwd(),
      loader: "tsx",
    },
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  return gzip(Buffer.from(result.outputFiles[0]!.contents));
}

// ---- budgets (bench/budgets.json)

export const BUDGET_MEASURES = ["html", "css", "js", "jsOnDemand", "total"] as const;
export type BudgetMeasure = (typeof BUDGET_MEASURES)[number];

export interface PageType extends Record<BudgetMeasure, number> {
  type: string;
  /** Pattern over the URL path without its /zh-cn prefix. */
  pages: string;
}

export interface Budgets {
  about: string;
  margin: string;
  /** The survey page's JavaScript at load and on Start (jsOnFirstDemand), against surveyJsFloor(). */
  surveyFloorRatio: number;
  types: PageType[];
}

export async function readBudgets(): Promise<Budgets> {
  return JSON.parse(await readFile(join(import.meta.dirname, "budgets.json"), "utf8")) as Budgets;
}

/** The page types whose pattern matches `path` (one, in a well-kept budget file). */
export function typesOf(budgets: Budgets, path: string): PageType[] {
  const bare = path.replace(/^\/zh-cn(?=\/)/, "");
  return budgets.types.filter((t) => new RegExp(t.pages).test(bare));
}
