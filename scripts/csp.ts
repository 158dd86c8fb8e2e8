// Builds the site's Content-Security-Policy from what the build emitted: every
// inline <script> and <style> is allowed by its SHA-256 hash and nothing else
// inline is, so the policy is exactly as wide as the pages need.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;
const INLINE_STYLE = /<style[^>]*>([\s\S]*?)<\/style>/gi;

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith(".html")) yield path;
  }
}

function hash(content: string): string {
  return `'sha256-${createHash("sha256").update(content, "utf8").digest("base64")}'`;
}

/** Hashes of inline scripts and styles across all built pages. */
export async function inlineHashes(distDir: string): Promise<{ scripts: string[]; styles: string[] }> {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for await (const file of htmlFiles(distDir)) {
    const html = await readFile(file, "utf8");
    for (const m of html.matchAll(INLINE_SCRIPT)) {
      // JSON data blocks are not executed and need no hash.
      if (/type=["']?application\/(ld\+)?json/i.test(m[0])) continue;
      if (m[1]!.trim()) scripts.add(hash(m[1]!));
    }
    for (const m of html.matchAll(INLINE_STYLE)) styles.add(hash(m[1]!));
  }
  return { scripts: [...scripts].sort(), styles: [...styles].sort() };
}

export function buildPolicy(hashes: { scripts: string[]; styles: string[] }, extra: Record<string, string[]> = {}): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", ...hashes.scripts],
    "style-src": ["'self'", ...hashes.styles],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  for (const [name, sources] of Object.entries(extra)) directives[name] = [...(directives[name] ?? []), ...sources];
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

export async function writeHeaders(distDir: string): Promise<string> {
  const path = join(distDir, "_headers");
  const template = await readFile(path, "utf8");
  const placeholder = "Content-Security-Policy: __CSP__";
  if (!template.includes(placeholder)) throw new Error(`${path} has no "${placeholder}" line`);
  const policy = buildPolicy(await inlineHashes(distDir), {
    // Turnstile, when a site key is configured, loads from Cloudflare.
    ...(process.env.PUBLIC_TURNSTILE_SITE_KEY
      ? { "script-src": ["https://challenges.cloudflare.com"], "frame-src": ["https://challenges.cloudflare.com"] }
      : {}),
  });
  await writeFile(path, template.replace(placeholder, `Content-Security-Policy: ${policy}`));
  return policy;
}
