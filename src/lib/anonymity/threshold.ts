// The anonymity threshold k: no aggregate describing fewer than k people
// leaves the server. k is configurable but never below this floor.
export const MIN_GROUP_SIZE_FLOOR = 3;
export const DEFAULT_MIN_GROUP_SIZE = 5;

export function clampMinGroupSize(k: number | undefined): number {
  if (k === undefined || !Number.isFinite(k)) return DEFAULT_MIN_GROUP_SIZE;
  return Math.max(MIN_GROUP_SIZE_FLOOR, Math.floor(k));
}

/** True when a group of `count` people may be shown under threshold `k`. */
export function isPublishable(count: number, k: number): boolean {
  return count >= clampMinGroupSize(k);
}
