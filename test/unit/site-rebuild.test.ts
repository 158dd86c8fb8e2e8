// The local site's rebuild after a publication (scripts/site-rebuild.ts), on
// real folders: the served folder ends up holding exactly the new build, with
// only what changed written; publications during a build are built together
// once it ends; a failed build leaves the served site as it was.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { siteRebuilder, syncFolder, type RebuildEvent } from "../../scripts/site-rebuild.ts";

const root = mkdtempSync(join(tmpdir(), "candor-site-rebuild-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function site(dir: string, files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

describe("syncFolder", () => {
  it("writes new and changed files, removes vanished ones, leaves the same ones and the kept ones alone", () => {
    const [from, to] = [join(root, "a"), join(root, "b")];
    site(to, { "index.html": "old", "_astro/app.1.js": "one", "same.txt": "same", ".stamp": "x" });
    site(from, { "index.html": "new", "_astro/app.2.js": "two", "same.txt": "same", "surveys/pulse/index.html": "pulse" });
    const untouched = statSync(join(to, "same.txt")).mtimeMs;
    expect(syncFolder(from, to, [".stamp"])).toEqual({ written: 3, removed: 1 });
    expect(readFileSync(join(to, "index.html"), "utf8")).toBe("new");
    expect(readFileSync(join(to, "surveys/pulse/index.html"), "utf8")).toBe("pulse");
    expect(existsSync(join(to, "_astro/app.1.js"))).toBe(false);
    expect(existsSync(join(to, ".stamp"))).toBe(true);
    expect(statSync(join(to, "same.txt")).mtimeMs).toBe(untouched);
  });
});

describe("siteRebuilder", () => {
  it("builds once per burst of publications, from the tree as it then is, and reports each build", async () => {
    const served = join(root, "served");
    site(served, { "index.html": "v0" });
    let version = 0;
    let builds = 0;
    let release: () => void = () => {};
    const events: RebuildEvent[] = [];
    const rebuilder = siteRebuilder(
      {
        served,
        scratch: join(root, "scratch"),
        async build(outDir) {
          builds++;
          const v = ++version;
          if (v === 1) await new Promise<void>((go) => (release = go)); // the first build is slow
          site(outDir, { "index.html": `v${v}` });
        },
      },
      (event) => events.push(event),
    );
    rebuilder.request("src/content/surveys/a.json");
    rebuilder.request("src/content/surveys/b.json"); // while the first build runs
    rebuilder.request("src/content/policy/c.json");
    release();
    await rebuilder.settled();
    expect(builds).toBe(2);
    expect(readFileSync(join(served, "index.html"), "utf8")).toBe("v2");
    expect(events.map((e) => [e.kind, e.reasons])).toEqual([
      ["built", ["src/content/surveys/a.json"]],
      ["built", ["src/content/surveys/b.json", "src/content/policy/c.json"]],
    ]);
  });

  it("keeps serving the site it had when a build fails, and says so", async () => {
    const served = join(root, "served-2");
    site(served, { "index.html": "good" });
    const events: RebuildEvent[] = [];
    const rebuilder = siteRebuilder(
      {
        served,
        scratch: join(root, "scratch-2"),
        async build(outDir) {
          site(outDir, { "index.html": "half" });
          throw new Error("astro build failed");
        },
      },
      (event) => events.push(event),
    );
    rebuilder.request("src/content/honours/x.json");
    await expect(rebuilder.settled()).rejects.toThrow("astro build failed");
    expect(readFileSync(join(served, "index.html"), "utf8")).toBe("good");
    expect(events.map((e) => e.kind)).toEqual(["failed"]);
  });
});
