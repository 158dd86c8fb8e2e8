// Commits a content file through the git host's REST API with Octokit, the
// one path production and the local stand-in share. The Contents API gives
// the conflict check for free: a commit names the blob it replaces (or none
// for a new file), and the host refuses it when the file moved meanwhile.
import { Octokit } from "@octokit/core";
import { HttpError } from "../http.ts";
import type { PublishConfig } from "./config.ts";

/** The file moved (or appeared) in the repository since the draft was made. */
export class PublishConflict extends Error {
  constructor(readonly currentSha: string | null) {
    super("the file changed in the repository");
    this.name = "PublishConflict";
  }
}

const client = (cfg: PublishConfig) => new Octokit({ auth: cfg.token, baseUrl: cfg.apiUrl, userAgent: "candor-publisher" });

const statusOf = (err: unknown): number | undefined =>
  typeof err === "object" && err !== null && typeof (err as { status?: unknown }).status === "number"
    ? (err as { status: number }).status
    : undefined;

/** The host's refusals in HR's words: a refused token is the deployment's problem (502/503), never HR's input. */
function hostError(err: unknown): HttpError {
  const status = statusOf(err);
  if (status === 401 || status === 403)
    return new HttpError(
      502,
      "publish_refused",
      "The git host refused the publishing token. Ask whoever deployed Candor to renew PUBLISH_TOKEN.",
    );
  if (status === 404)
    return new HttpError(502, "publish_refused", "The git host does not show the publishing repository or branch to this token.");
  return new HttpError(503, "publish_unavailable", "The git host could not be reached; nothing was published. Try again shortly.", {
    headers: { "Retry-After": "30" },
  });
}

/** The blob sha of `path` on the branch, or null when there is no such file. */
export const fileSha = async (cfg: PublishConfig, path: string): Promise<string | null> => (await readRepoFile(cfg, path))?.sha ?? null;

/** The newest commit on the branch that touched `path`, or null. */
export async function lastCommitOf(cfg: PublishConfig, path: string): Promise<string | null> {
  try {
    const { data } = await client(cfg).request("GET /repos/{owner}/{repo}/commits", {
      owner: cfg.owner,
      repo: cfg.repo,
      path,
      sha: cfg.branch,
      per_page: 1,
    });
    return data[0]?.sha ?? null;
  } catch (err) {
    throw hostError(err);
  }
}

/** The file on the branch (its blob sha and text), or null when there is no such file. */
export async function readRepoFile(cfg: PublishConfig, path: string): Promise<{ sha: string; text: string } | null> {
  try {
    const { data } = await client(cfg).request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: cfg.owner,
      repo: cfg.repo,
      path,
      ref: cfg.branch,
    });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return null;
    const binary = atob(data.content.replace(/\s/g, ""));
    return { sha: data.sha, text: new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))) };
  } catch (err) {
    if (statusOf(err) === 404) return null;
    throw hostError(err);
  }
}

const toBase64 = (text: string) => {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
};

export interface FileCommit {
  path: string;
  content: string;
  message: string;
  /** The blob it replaces; null for a new file. */
  baseSha: string | null;
  /** The HR person: their e-mail becomes the commit's author (the token's owner is the committer). */
  authorEmail: string | null;
}

/** Commits one file; throws PublishConflict when it moved, HttpError 502/503 when the host refuses or is away. */
export async function commitFile(cfg: PublishConfig, c: FileCommit): Promise<{ commitSha: string }> {
  try {
    const { data } = await client(cfg).request("PUT /repos/{owner}/{repo}/contents/{path}", {
      owner: cfg.owner,
      repo: cfg.repo,
      path: c.path,
      branch: cfg.branch,
      message: c.message,
      content: toBase64(c.content),
      ...(c.baseSha ? { sha: c.baseSha } : {}),
      ...(c.authorEmail ? { author: { name: c.authorEmail.split("@")[0]!, email: c.authorEmail } } : {}),
    });
    const sha = data.commit.sha;
    if (!sha) throw new HttpError(502, "publish_refused", "The git host answered without a commit.");
    return { commitSha: sha };
  } catch (err) {
    if (err instanceof HttpError) throw err;
    // 409: the sha named is not the file's; 422: a sha was needed (the file appeared) or was wrong
    if (statusOf(err) === 409 || statusOf(err) === 422) throw new PublishConflict(await fileSha(cfg, c.path));
    throw hostError(err);
  }
}
