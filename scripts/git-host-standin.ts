// A stand-in for the git host, over a working tree: it answers the two
// GitHub REST calls Candor's publisher makes (read a file's sha, commit a
// file through the Contents API) the way GitHub does, and writes the file
// into the tree. The publisher (src/server/publishing/github.ts) runs the
// same Octokit code against it as against GitHub, so what `npm start` and the
// tests publish locally goes the production path. Refusals follow GitHub:
// 401 for a wrong token, 404 for another repository or branch, 409 when the
// sha named is not the file's, 422 when an existing file is written without one.
// A test can make the host fail: `POST /_standin/faults` with
// `{ "method": "PUT", "path": "src/content/…", "status": 503 }` answers the
// next such request with that status (GitHub's own outages and refusals,
// which a test cannot otherwise cause).
//
// `node scripts/git-host-standin.ts <tree> [port]` serves one on its own
// (token from PUBLISH_TOKEN).
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

export interface StandinOptions {
  /** The working tree commits are written into. */
  root: string;
  token: string;
  owner?: string;
  repo?: string;
  branch?: string;
  port?: number;
  /** Told of each commit once its file is written (`npm start` rebuilds the local site). */
  onCommit?: (path: string) => void;
}

export interface Standin {
  url: string;
  /** Every commit made, oldest first: what a test reads back. */
  commits: { sha: string; path: string; message: string; author: { name: string; email: string } | null }[];
  close(): Promise<void>;
}

/** Only content is published; nothing outside these folders can be written (a cycle's file is upper-case: 2026-Q3.json). */
const WRITABLE = /^src\/content\/[a-z0-9-]+\/[a-zA-Z0-9][a-zA-Z0-9._-]*\.(json|ya?ml|md)$/;

const blobSha = (bytes: Buffer) => createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export async function startStandin(options: StandinOptions): Promise<Standin> {
  const { root, token, owner = "candor", repo = "candor", branch = "main" } = options;
  const commits: Standin["commits"] = [];
  const faults: { method: string; path: string; status: number }[] = [];
  const server = createServer(async (req, res) => {
    try {
      const auth = req.headers.authorization ?? "";
      if (auth !== `token ${token}` && auth !== `Bearer ${token}`)
        return send(res, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
      const url = new URL(req.url ?? "/", "http://standin");
      if (req.method === "POST" && url.pathname === "/_standin/faults") {
        const fault = await readJson(req);
        if (typeof fault?.method !== "string" || typeof fault.path !== "string" || typeof fault.status !== "number")
          return send(res, 422, { message: "method, path and status are required" });
        faults.push({ method: fault.method, path: fault.path, status: fault.status });
        return send(res, 201, { queued: faults.length });
      }
      // the commits that touched a path, newest first (GitHub's list, only the fields the publisher reads)
      if (req.method === "GET" && url.pathname === `/repos/${owner}/${repo}/commits`) {
        if ((url.searchParams.get("sha") ?? branch) !== branch) return send(res, 404, { message: "Not Found" });
        const path = url.searchParams.get("path");
        const touched = commits.filter((c) => !path || c.path === path).reverse();
        const perPage = Number(url.searchParams.get("per_page") ?? 30);
        return send(
          res,
          200,
          touched.slice(0, perPage).map((c) => ({ sha: c.sha, commit: { message: c.message, author: c.author } })),
        );
      }
      const match = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(url.pathname);
      if (!match || match[1] !== owner || match[2] !== repo) return send(res, 404, { message: "Not Found" });
      const path = decodeURIComponent(match[3]!);
      const fault = faults.findIndex((f) => f.method === req.method && f.path === path);
      if (fault !== -1) {
        const { status } = faults.splice(fault, 1)[0]!;
        return send(res, status, { message: status >= 500 ? "Server Error" : "Injected refusal" });
      }
      const file = resolve(root, path);
      if (!file.startsWith(resolve(root) + sep) || path.includes("..")) return send(res, 404, { message: "Not Found" });
      const current = existsSync(file) ? readFileSync(file) : null;
      if (req.method === "GET") {
        if ((url.searchParams.get("ref") ?? branch) !== branch || !current) return send(res, 404, { message: "Not Found" });
        return send(res, 200, { type: "file", path, sha: blobSha(current), encoding: "base64", content: current.toString("base64") });
      }
      if (req.method !== "PUT") return send(res, 404, { message: "Not Found" });
      const body = await readJson(req);
      if (!body || typeof body.message !== "string" || typeof body.content !== "string")
        return send(res, 422, { message: 'Invalid request.\n\n"message" and "content" are required.' });
      if ((body.branch ?? branch) !== branch) return send(res, 404, { message: "Branch not found" });
      if (!WRITABLE.test(path)) return send(res, 403, { message: "Resource not accessible by integration" });
      if (current && typeof body.sha !== "string") return send(res, 422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });
      if (typeof body.sha === "string" && (!current || body.sha !== blobSha(current)))
        return send(res, 409, { message: `${path} does not match ${String(body.sha)}` });
      const bytes = Buffer.from(body.content, "base64");
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      const author = (body.author as { name: string; email: string } | undefined) ?? null;
      const sha = randomBytes(20).toString("hex");
      commits.push({ sha, path, message: body.message, author });
      options.onCommit?.(path);
      return send(res, current ? 200 : 201, {
        content: { type: "file", path, sha: blobSha(bytes) },
        commit: { sha, message: body.message, author },
      });
    } catch (err) {
      send(res, 500, { message: String(err) });
    }
  });
  await new Promise<void>((ready) => server.listen(options.port ?? 0, "127.0.0.1", ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    commits,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? "")).href) {
  const [root, port] = process.argv.slice(2);
  if (!root || !process.env.PUBLISH_TOKEN) {
    console.error("usage: PUBLISH_TOKEN=… node scripts/git-host-standin.ts <working tree> [port]");
    process.exit(2);
  }
  const standin = await startStandin({ root, token: process.env.PUBLISH_TOKEN, port: port ? Number(port) : undefined });
  console.log(`git host stand-in over ${root} at ${standin.url}`);
}
