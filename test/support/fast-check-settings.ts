// fast-check's settings for one run, read from FC_SEED and FC_RUNS where the
// vitest config runs (in Node) and provided to every unit and integration file
// (./fast-check.ts). Kept apart from that module: the config may not import vitest.
export interface FastCheckSettings {
  /** The seed every property of this run starts from. */
  seed: number;
  /** Multiplies every property's run count. */
  scale: number;
  /** Whether the seed was given (FC_SEED) or drawn for this run. */
  given: boolean;
}

/** The settings from FC_SEED and FC_RUNS (read where the config runs, in Node). */
export function fastCheckSettings(env: Record<string, string | undefined>): FastCheckSettings {
  const scale = env.FC_RUNS === undefined ? 1 : Number(env.FC_RUNS);
  if (!(scale > 0)) throw new Error(`FC_RUNS must be a number above 0, got ${JSON.stringify(env.FC_RUNS)}`);
  const given = env.FC_SEED !== undefined && env.FC_SEED !== "";
  const seed = given ? Number(env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(env.FC_SEED)}`);
  return { seed, scale, given };
}
