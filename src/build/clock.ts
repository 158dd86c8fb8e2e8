// "Today" for the build and the demo seeders: CANDOR_TODAY from the
// environment pins the day (the same variable, and the same validation, as
// the server's pin), otherwise the machine's date. Only local tooling sets it:
// `npm run deploy` refuses to run with it (scripts/deploy.ts). Node-only.
import { pinnedClock, type Clock } from "#lib/clock.ts";

export function buildClock(env: Record<string, string | undefined> = process.env): Clock {
  return pinnedClock(env.CANDOR_TODAY);
}
