import { mkdtemp, readFile, writeFile, mkdir } from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPolicy, inlineHashes, writeHeaders } from "../../scripts/csp.ts";

describe("build-time CSP", () => {
  it("allows exactly the inline scripts and styles the pages contain", async () => {
    const dir = await mkdtemp(join(tmpdir(), "csp-"));
    await mkdir(join(dir, "a"));
    await writeFile(join(dir, "index.html"), `<script>one()</script><script src="/x.js"></script><style>p{}</style>`);
    await writeFile(join(dir, "a", "index.html"), `<script type="module">two()</script><script type="application/json">{}</script>`);
    const sha = (s: string) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;
    const hashes = await inlineHashes(dir);
    expect(hashes.scripts).toEqual([sha("one()"), sha("two()")].sort());
    expect(hashes.styles).toEqual([sha("p{}")]);
  });

  it("writes a policy that forbids framing and anything not from the site", async () => {
    const dir = await mkdtemp(join(tmpdir(), "csp-"));
    await writeFile(join(dir, "_headers"), "/*\n  Content-Security-Policy: __CSP__\n");
    await writeFile(join(dir, "index.html"), "<p>static</p>");
    await writeHeaders(dir);
    const written = await readFile(join(dir, "_headers"), "utf8");
    expect(written).not.toContain("__CSP__");
    expect(written).toContain("frame-ancestors 'none'");
    expect(written).toContain("script-src 'self';");
    expect(written).not.toContain("unsafe-inline");
    expect(buildPolicy({ scripts: [], styles: [] }, { "frame-src": ["https://challenges.cloudflare.com"] })).toContain(
      "frame-src https://challenges.cloudflare.com",
    );
  });
});
