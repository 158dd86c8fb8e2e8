// The documentation the code can point to: README short enough to read first,
// every pointer into docs/ and every relative Markdown link resolving to a
// file in the repository, and no pointer at design notes that live outside it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SKIP_DIRS = new Set(["node_modules", ".git", "dist", ".astro", ".wrangler", ".tmp"]);
const BINARY = new Set([".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2"]);

/** Every text file of the project, as paths relative to the root. */
function projectFiles(dir = ROOT): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name) || name === "package-lock.json") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...projectFiles(path));
    else if (!BINARY.has(extname(name).toLowerCase())) out.push(relative(ROOT, path));
  }
  return out;
}

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

function lineCount(text: string): number {
  const lines = text.split("\n");
  return text.endsWith("\n") ? lines.length - 1 : lines.length;
}

/** Markdown without fenced code blocks and inline code, where a bracket is not a link. */
function proseOf(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** Targets of inline links and images: `[text](target)`, `![alt](target "title")`. */
function linkTargets(markdown: string): string[] {
  return [...proseOf(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
}

/** GitHub's heading anchors: lower-case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const m of proseOf(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = m[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    let unique = slug;
    for (let n = 1; anchors.has(unique); n++) unique = `${slug}-${n}`;
    anchors.add(unique);
  }
  return anchors;
}

/** Problems with the relative links of one Markdown file: missing files and missing headings. */
function brokenLinks(path: string): string[] {
  const problems: string[] = [];
  const text = read(path);
  for (const target of linkTargets(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
    const [file = "", anchor] = target.split("#");
    const resolved = file === "" ? path : join(dirname(path), decodeURIComponent(file));
    if (!existsSync(join(ROOT, resolved))) {
      problems.push(`${path}: ${target} (no such file)`);
      continue;
    }
    if (anchor && resolved.endsWith(".md") && !anchorsOf(read(resolved)).has(anchor)) {
      problems.push(`${path}: ${target} (no such heading in ${resolved})`);
    }
  }
  return problems;
}

const FILES = projectFiles();
const MARKDOWN = ["README.md", ...FILES.filter((f) => f.startsWith("docs/") && f.endsWith(".md"))];

describe("README", () => {
  it("stays under 200 lines: what a newcomer needs first, details in docs/", () => {
    expect(lineCount(read("README.md"))).toBeLessThan(200);
  });

  it("links to every document in docs/", () => {
    const linked = new Set(linkTargets(read("README.md")).map((t) => t.split("#")[0]));
    const missing = MARKDOWN.filter((f) => f !== "README.md" && !linked.has(f));
    expect(missing).toEqual([]);
  });
});

describe("links and pointers", () => {
  it("finds the Markdown files it checks (the walk works)", () => {
    expect(MARKDOWN).toContain("README.md");
    expect(MARKDOWN).toContain("docs/design.md");
    expect(FILES).toContain("src/server/http.ts");
  });

  it("every relative link in README.md and docs/*.md points at a file (and heading) that exists", () => {
    expect(MARKDOWN.flatMap(brokenLinks)).toEqual([]);
  });

  it("no file points at design notes kept outside the repository", () => {
    // Spelled in pieces so this file does not match itself.
    const outside = new RegExp(`\\b(?:${["DESIGN", "PROGRAMME", "STYLE"].join("|")})\\.md\\b|STACK${"-"}NOTES|\\.\\./shared\\b`);
    const offenders = FILES.filter((f) => outside.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it("every repository path README.md and docs/*.md name in `code` exists, so the docs follow the code when it moves", () => {
    const missing: string[] = [];
    for (const file of MARKDOWN) {
      for (const m of read(file).matchAll(/`((?:src|functions|scripts|test|bench|migrations|public|docs|\.ci)\/[^`\s]*)`/g)) {
        const path = m[1]!;
        if (/[<*{…]|NNNN/.test(path)) continue; // a pattern, not a file
        if (!existsSync(join(ROOT, path))) missing.push(`${file}: ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("every docs/<name>.md a file mentions exists", () => {
    const missing: string[] = [];
    for (const file of FILES) {
      for (const m of read(file).matchAll(/\bdocs\/([\w.-]+\.md)\b/g)) {
        if (!existsSync(join(ROOT, "docs", m[1]!))) missing.push(`${file}: docs/${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("the checks themselves", () => {
  it("read links, skip code, and make GitHub's anchors", () => {
    const md =
      '# Rate limiting, without knowing who\n\nSee [a](x.md#b) and ![i](p.png "t").\n\n```\n[no](code.md)\n```\n`[no](span.md)`\n## Optional: Turnstile\n';
    expect(linkTargets(md)).toEqual(["x.md#b", "p.png"]);
    expect([...anchorsOf(md)]).toEqual(["rate-limiting-without-knowing-who", "optional-turnstile"]);
    expect(lineCount("a\nb\n")).toBe(2);
  });
});
