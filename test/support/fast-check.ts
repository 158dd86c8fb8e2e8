// fast-check's settings for every property test, in one place. Each property
// keeps the run count that suits what it proves, written `runs(n)` beside it;
// FC_RUNS multiplies them all (`FC_RUNS=10 npm run test:unit` for a long
// search, never committed lower to save time), and FC_SEED fixes the seed
// every property starts from. A failure prints the seed, the path to the
// smallest case and the counts, with the command that replays it.
// Used by the unit and integration projects (vitest.config.ts provides the
// settings, so the same code runs in Node and in workerd).
import fc from "fast-check";
import { inject } from "vitest";
import type { FastCheckSettings } from "./fast-check-settings.ts";

declare module "vitest" {
  export interface ProvidedContext {
    fastCheck: FastCheckSettings;
  }
}

const settings = (): FastCheckSettings => inject("fastCheck");

/** A property's run count, `n` as written beside it times FC_RUNS. */
export function runs(n: number): number {
  return Math.max(1, Math.round(n * settings().scale));
}

/** The message a failed property ends with: what ran, and how to run it again. */
export function replayHint(
  details: Pick<fc.RunDetails<unknown>, "seed" | "counterexamplePath" | "numRuns" | "numShrinks">,
  planned: number,
): string {
  const { scale } = settings();
  return [
    `fast-check: failed at run ${details.numRuns} of ${planned} (FC_RUNS=${scale}), seed ${details.seed}, path "${details.counterexamplePath ?? ""}", ${details.numShrinks} shrinks.`,
    `Replay the whole run: FC_SEED=${details.seed}${scale === 1 ? "" : ` FC_RUNS=${scale}`} npm run test:<suite> -- <file>; only this case: fc.assert(property, { seed: ${details.seed}, path: "${details.counterexamplePath ?? ""}", endOnFailure: true }).`,
  ].join("\n");
}

const installed: WeakSet<object> = ((globalThis as { candorFastCheck?: WeakSet<object> }).candorFastCheck ??= new WeakSet());

/** Sets every property's defaults: the run's seed, 100 runs (times FC_RUNS) unless it says otherwise, and the report on failure. */
export function configureFastCheck(): void {
  fc.configureGlobal({ seed: settings().seed, numRuns: runs(100) });
  // once per loaded copy of fast-check, whose global plugins outlive a test file when modules are shared
  if (installed.has(fc.installGlobalPlugin)) return;
  installed.add(fc.installGlobalPlugin);
  fc.installGlobalPlugin(() => ({
    onAllRunsComplete: (details: fc.RunDetails<unknown>) => {
      if (!details.failed) return;
      const planned = details.runConfiguration.numRuns ?? runs(100);
      throw new Error(`${fc.defaultReportMessage(details)}\n\n${replayHint(details, planned)}`, { cause: details.errorInstance });
    },
  }));
}
