// Which failures of D1 are the database's passing state rather than a bug:
// the errors Cloudflare's D1 documentation names as worth retrying (a lost
// connection, an overloaded database, a storage object reset, a transient
// issue reaching it). A batch is one transaction, so a request that meets
// one stored nothing; the client is told to try again (503, Retry-After),
// and the submission id it resends makes the retry store exactly once.
// Anything else thrown by D1 (a constraint nobody expected, a missing table)
// stays a 500: it is a bug to fix, not a moment to wait out.
const TRANSIENT = [
  /network connection lost/i,
  /\boverloaded\b/i,
  /caused object to be reset/i,
  /\bwas reset\b/i,
  /reset because its code was updated/i,
  /transient issue/i,
];

/** Whether `err` is a transient D1 failure (the client should retry the same request later). */
export function isStorageUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const text = `${err.message} ${err.cause instanceof Error ? err.cause.message : ""}`;
  return /\bD1\b|D1_/.test(text) && TRANSIENT.some((pattern) => pattern.test(text));
}

/** How long a client waits before retrying after a transient D1 failure. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;
