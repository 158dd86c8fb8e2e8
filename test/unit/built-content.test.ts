// The list of content files the build read, with their git blob ids: what
// tells the console that a publication is live. The ids are checked against
// git's own (computed here with node:crypto, as `git hash-object` does).
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUILT_LIST, CONTENT_DIR, builtContentSource, writeBuiltContent } from "../../scripts/built-content.ts";
import { BUILT_CONTENT } from "#lib/publishing/built.generated.ts";

const root = mkdtempSync(join(tmpdir(), "candor-built-content-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const gitBlobId = (text: string) => {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
};

describe("the built-content list", () => {
  it("names every JSON file and forum under src/content/ with its git blob id, and a file added or changed after the next write", async () => {
    mkdirSync(join(root, CONTENT_DIR, "policy"), { recursive: true });
    mkdirSync(join(root, "src/lib/publishing"), { recursive: true });
    const first = '{ "version": "2026-07", "title": "政策" }\n';
    writeFileSync(join(root, CONTENT_DIR, "policy/2026-07.json"), first);
    writeFileSync(join(root, CONTENT_DIR, "policy/2026-07.en.md"), "# prose\n");
    expect(await writeBuiltContent(root)).toBe(1);
    mkdirSync(join(root, CONTENT_DIR, "surveys"));
    writeFileSync(join(root, CONTENT_DIR, "surveys/pulse-2026-12.json"), "{}\n");
    writeFileSync(join(root, CONTENT_DIR, "policy/2026-07.json"), `${first} `);
    expect(await writeBuiltContent(root)).toBe(2);
    const text = readFileSync(join(root, BUILT_LIST), "utf8");
    expect(text).toContain(`"src/content/policy/2026-07.json": "${gitBlobId(`${first} `)}"`);
    expect(text).toContain(`"src/content/surveys/pulse-2026-12.json": "${gitBlobId("{}\n")}"`);
    expect(text).not.toContain(gitBlobId(first));
    expect(text).not.toContain(".md");
    mkdirSync(join(root, CONTENT_DIR, "forums"));
    const forum = "---\nstarts: 2026-12-10T14:00\n---\n";
    writeFileSync(join(root, CONTENT_DIR, "forums/2026-12-10-annual-review.md"), forum);
    expect(await writeBuiltContent(root)).toBe(3);
    const withForum = readFileSync(join(root, BUILT_LIST), "utf8");
    expect(withForum).toContain(`"src/content/forums/2026-12-10-annual-review.md": "${gitBlobId(forum)}"`);
    expect(withForum).not.toContain("2026-07.en.md");
  });

  it("the list in this checkout is the folder's", async () => {
    expect(readFileSync(BUILT_LIST, "utf8")).toBe(await builtContentSource("."));
    const policy = "src/content/policy/2026-07.json";
    expect(BUILT_CONTENT[policy]).toBe(gitBlobId(readFileSync(policy, "utf8")));
  });
});
