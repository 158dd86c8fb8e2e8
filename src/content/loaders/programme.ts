// Build-time only (reads files): content loaders for cycle results, honours
// and forums. Each reads the same folders (policy, results, honours, forums,
// plus the survey registry; a few dozen small files) and checks them together with
// parseProgramme, because their rules cross folders: results cite policy
// versions by fingerprint, forums cite surveys and versions, versions cite
// forums. Any problem throws, which stops `astro build` with every mistake
// listed, each with its file and field.
import { readdir, readFile } from "node:fs/promises";
import type { Loader, LoaderContext } from "astro/loaders";
import { buildClock } from "#build/clock.ts";
import { buildConfig } from "#build/vars.ts";
import { parseProgramme, type Programme } from "#lib/programme/record.ts";
import type { ContentFile } from "#lib/content.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";

export interface ProgrammeFolders {
  policy: string;
  results: string;
  honours: string;
  forums: string;
}

export const DEFAULT_FOLDERS: ProgrammeFolders = {
  policy: "src/content/policy",
  results: "src/content/results",
  honours: "src/content/honours",
  forums: "src/content/forums",
};

async function readFolder(root: URL, folder: string, extensions: string[]): Promise<ContentFile[]> {
  const dir = new URL(folder.replace(/\/?$/, "/"), root);
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => (err.code === "ENOENT" ? [] : Promise.reject(err)));
  return Promise.all(
    names
      .filter((n) => extensions.some((e) => n.endsWith(e)))
      .sort()
      .map(async (name) => ({ path: name, text: await readFile(new URL(name, dir), "utf8") })),
  );
}

/** Reads every folder and checks them together; throws ContentValidationError listing every problem. */
export async function loadProgramme(root: URL, folders: ProgrammeFolders = DEFAULT_FOLDERS): Promise<Programme> {
  return parseProgramme({
    policy: await readFolder(root, folders.policy, [".json", ".md"]),
    results: await readFolder(root, folders.results, [".json"]),
    honours: await readFolder(root, folders.honours, [".json"]),
    forums: await readFolder(root, folders.forums, [".md"]),
    surveyIds: SURVEYS.map((s) => s.id),
    k: buildConfig().minGroupSize,
    clock: buildClock(),
  });
}

function programmeLoader(
  name: string,
  folders: ProgrammeFolders,
  store: (programme: Programme, ctx: LoaderContext) => Promise<number>,
): Loader {
  return {
    name: `candor-${name}`,
    load: async (ctx) => {
      const programme = await loadProgramme(ctx.config.root, folders);
      ctx.store.clear();
      ctx.logger.info(`${await store(programme, ctx)} ${name}`);
    },
  };
}

/** Stores items that need no rendering under their ids. */
function storeAll<T extends object>(items: T[], id: (item: T) => string, { store, generateDigest }: LoaderContext): number {
  for (const item of items) {
    const data = { ...item } as Record<string, unknown>;
    store.set({ id: id(item), data, digest: generateDigest(data) });
  }
  return items.length;
}

export function resultsLoader(folders: ProgrammeFolders = DEFAULT_FOLDERS): Loader {
  return programmeLoader("results", folders, async (p, ctx) => storeAll(p.results, (r) => r.cycle, ctx));
}

export function honoursLoader(folders: ProgrammeFolders = DEFAULT_FOLDERS): Loader {
  return programmeLoader("honours", folders, async (p, ctx) => storeAll(p.honours, (h) => h.id, ctx));
}

export function forumsLoader(folders: ProgrammeFolders = DEFAULT_FOLDERS): Loader {
  return programmeLoader("forums", folders, async (p, { store, generateDigest, renderMarkdown }) => {
    for (const f of p.forums) {
      const minutes: Record<string, string> = {};
      for (const [locale, markdown] of Object.entries(f.minutes)) if (markdown) minutes[locale] = (await renderMarkdown(markdown)).html;
      const data = { ...f, minutes };
      store.set({ id: f.id, data, digest: generateDigest(data) });
    }
    return p.forums.length;
  });
}
