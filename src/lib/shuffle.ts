// An unbiased shuffle from the platform CSPRNG. Comments and exported rows
// are shuffled on every read, so no order (of arrival, of storage) survives,
// and two reads do not share one.

export type RandomUint32 = () => number;

const csprng: RandomUint32 = () => crypto.getRandomValues(new Uint32Array(1))[0]!;

/** A uniform integer in [0, n), by rejection: no modulo bias. */
export function randomIndex(n: number, random: RandomUint32 = csprng): number {
  // with no index to pick (n < 1) the loop below would never end
  if (!Number.isInteger(n) || n < 1 || n > 0x1_0000_0000)
    throw new RangeError(`randomIndex: n must be a whole number from 1 to 2^32, got ${n}`);
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    const x = random();
    if (x < limit) return x % n;
  }
}

/** A new array with `items` in uniformly random order (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: RandomUint32 = csprng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1, random);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
