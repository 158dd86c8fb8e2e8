// Where publications are committed: a repository and branch on a git host
// whose REST API is GitHub's (GitHub itself, or the local stand-in over a
// working tree, scripts/git-host-standin.ts). All four settings or none: a
// half-set configuration is refused here at request time, and before a
// deploy by scripts/deploy.ts (publishingProblem).
export interface PublishEnv {
  /** "owner/name" */
  PUBLISH_REPO?: string;
  PUBLISH_BRANCH?: string;
  /** A fine-grained token with Contents read/write on that one repository (a secret). */
  PUBLISH_TOKEN?: string;
  /** The API's base URL; https://api.github.com when deployed, the stand-in's locally. */
  PUBLISH_API_URL?: string;
}

export interface PublishConfig {
  owner: string;
  repo: string;
  branch: string;
  token: string;
  apiUrl: string;
}

export const PUBLISH_KEYS = ["PUBLISH_REPO", "PUBLISH_BRANCH", "PUBLISH_TOKEN", "PUBLISH_API_URL"] as const;

/** Why the settings cannot be used, or null when they are complete or wholly absent. */
export function publishingProblem(env: PublishEnv): string | null {
  const set = PUBLISH_KEYS.filter((k) => (env[k] ?? "").trim() !== "");
  if (set.length === 0 || set.length === PUBLISH_KEYS.length) {
    if (set.length === 0) return null;
  } else {
    return `publishing is half-configured: ${PUBLISH_KEYS.filter((k) => !set.includes(k)).join(", ")} missing (set all four or none)`;
  }
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(env.PUBLISH_REPO!.trim())) return "PUBLISH_REPO must be owner/name";
  if (!/^https?:\/\/[^/\s]+/.test(env.PUBLISH_API_URL!.trim())) return "PUBLISH_API_URL must be an http(s) URL";
  return null;
}

/** The settings, or null when publishing is not configured; throws on a half-set one. */
export function readPublishConfig(env: PublishEnv): PublishConfig | null {
  const problem = publishingProblem(env);
  if (problem) throw new Error(problem);
  if (!env.PUBLISH_REPO?.trim()) return null;
  const [owner, repo] = env.PUBLISH_REPO.trim().split("/") as [string, string];
  return {
    owner,
    repo,
    branch: env.PUBLISH_BRANCH!.trim(),
    token: env.PUBLISH_TOKEN!.trim(),
    apiUrl: env.PUBLISH_API_URL!.trim().replace(/\/+$/, ""),
  };
}
