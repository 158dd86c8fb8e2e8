// The server's clock: the system clock, or on a local Worker the day pinned
// by CANDOR_TODAY (tests and the demo). Routes and services read "today" and
// the request's instant through it, never from the machine.
import { pinnedClock, systemClock, type Clock } from "#lib/clock.ts";
import type { LocalVars } from "./config.ts";

/** The only values of CANDOR_ENV under which CANDOR_TODAY is honoured. */
export const LOCAL_ENVS: readonly string[] = ["development", "test"];

/**
 * Whether this Worker runs on a developer's machine or in the tests. A
 * deployed Worker has no CANDOR_ENV: there CANDOR_TODAY is ignored, the
 * secret that protects anonymity (INVITATION_KEY_SEED) is required and its
 * absence fails closed, and only Cloudflare's own CF-Connecting-IP is
 * believed (src/server/rate-limit.ts).
 */
export function isLocalWorker(env: Pick<LocalVars, "CANDOR_ENV">): boolean {
  return env.CANDOR_ENV !== undefined && LOCAL_ENVS.includes(env.CANDOR_ENV);
}

let ignoredPinReported = false;

/**
 * CANDOR_TODAY pins the calendar day, but only on a Worker the local tooling
 * started (CANDOR_ENV = development or test, see LocalVars): a deployed Worker
 * has no CANDOR_ENV and always runs on the real date, even if someone sets
 * CANDOR_TODAY on it. A malformed pin on a local Worker is an error
 * (pinnedClock throws), never a silent fall back to the real date.
 */
export function readClock(env: LocalVars): Clock {
  if (!env.CANDOR_TODAY) return systemClock;
  if (isLocalWorker(env)) return pinnedClock(env.CANDOR_TODAY);
  if (!ignoredPinReported) {
    ignoredPinReported = true;
    console.warn("CANDOR_TODAY is set but ignored: the day can be pinned only on a local Worker (CANDOR_ENV=development or test).");
  }
  return systemClock;
}
