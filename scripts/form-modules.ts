// The modules a page's deferred form will need (SurveyJS with React, its
// stylesheet), named on the page so the page can fetch and compile them while
// it is idle, without running them (<link rel=modulepreload>): pressing Start
// then only runs code already in memory. Vite lists what each dynamic import
// needs in the chunk that makes it (its `__vite__mapDeps` table); this reads
// that list from every module a page loads and writes it on <html> as
// data-form-modules. A page whose scripts make no dynamic import gets none.
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

const MODULE_SCRIPT = /<script type="module" src="(\/_astro\/[^"]+\.js)"/g;
const DEPS_TABLE = /m\.f=(\[[^\]]*\])/g;

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith(".html")) yield path;
  }
}

/** The files a chunk's dynamic imports need, as site paths ("/_astro/x.js"), from its dependency table. */
export function dynamicDeps(chunk: string): string[] {
  const found = new Set<string>();
  for (const m of chunk.matchAll(DEPS_TABLE)) {
    for (const file of JSON.parse(m[1]!) as string[]) found.add(`/${file.replace(/^\//, "")}`);
  }
  return [...found];
}

/** Writes data-form-modules on every page whose module scripts import others on demand; returns how many pages. */
export async function writeFormModules(distDir: string): Promise<number> {
  const chunks = new Map<string, string[]>();
  let pages = 0;
  for await (const file of htmlFiles(distDir)) {
    const html = await readFile(file, "utf8");
    const needed = new Set<string>();
    for (const [, src] of html.matchAll(MODULE_SCRIPT)) {
      if (!chunks.has(src!)) chunks.set(src!, dynamicDeps(await readFile(join(distDir, src!), "utf8")));
      for (const dep of chunks.get(src!)!) needed.add(dep);
    }
    if (needed.size === 0) continue;
    if (!/<html\b/.test(html)) throw new Error(`${file}: no <html> element to name its form's modules on`);
    await writeFile(file, html.replace(/<html\b/, `<html data-form-modules="${[...needed].join(" ")}"`));
    pages++;
  }
  return pages;
}
