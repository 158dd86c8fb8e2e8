// The server's clock: the system clock, or the day pinned by CANDOR_TODAY
// (tests and the demo). Every route reads "today" through it.
import { pinnedClock, type Clock } from "../lib/clock.ts";

export function readClock(env: { CANDOR_TODAY?: string }): Clock {
  return pinnedClock(env.CANDOR_TODAY);
}
