// Build-time only (reads files): the content loader for the policy collection.
// It checks the whole folder with parsePolicySet — per-file schema AND the rules
// across versions (duplicate ids, exactly one "current") that a per-entry
// schema cannot see — and throws, which stops `astro build` with the message.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Loader } from "astro/loaders";
import { parsePolicySet } from "#lib/policy/parse.ts";

export function policyLoader(options: { base: string }): Loader {
  return {
    name: "candor-policy",
    load: async ({ store, logger, config, renderMarkdown, generateDigest, watcher }) => {
      const dir = new URL(options.base.replace(/\/?$/, "/"), config.root);
      const load = async () => {
        const names = (await readdir(dir)).filter((n) => n.endsWith(".json") || n.endsWith(".md")).sort();
        const files = await Promise.all(names.map(async (name) => ({ path: name, text: await readFile(new URL(name, dir), "utf8") })));
        const { versions, prose } = parsePolicySet(files);
        store.clear();
        for (const data of versions) {
          const html: Record<string, string> = {};
          for (const [locale, markdown] of Object.entries(prose[data.version] ?? {})) {
            if (markdown) html[locale] = (await renderMarkdown(markdown)).html;
          }
          const entry = { ...data, ...(Object.keys(html).length > 0 ? { prose: html } : {}) };
          store.set({
            id: data.version,
            data: entry,
            filePath: relative(config.root.pathname, join(dir.pathname, `${data.version}.json`)),
            digest: generateDigest(entry),
          });
        }
        logger.info(`${versions.length} policy versions`);
      };
      await load();
      if (watcher) {
        watcher.add(dir.pathname);
        watcher.on("all", (_event, path) => {
          if (path.startsWith(dir.pathname)) load().catch((err: Error) => logger.error(err.message));
        });
      }
    },
  };
}
