// The shuffle HR's comments and exported rows go through on every read
// (src/lib/shuffle.ts): a permutation, from the random source it is given
// (the platform CSPRNG by default), leaving its input alone, and uniform —
// checked with a chi-square test that is shown to catch two classic biased
// shuffles.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { randomIndex, shuffled, type RandomUint32 } from "#lib/shuffle.ts";
import { runs } from "../support/fast-check.ts";

const TWO_32 = 0x1_0000_0000;

/** A random source that plays back `values` and then fails loudly, counting what it handed out. */
function scripted(values: readonly number[]): RandomUint32 & { used: () => number } {
  let i = 0;
  const next = () => {
    if (i >= values.length) throw new Error(`the shuffle asked for more than ${values.length} random values`);
    return values[i++]!;
  };
  return Object.assign(next, { used: () => i });
}

const csprng: RandomUint32 = () => crypto.getRandomValues(new Uint32Array(1))[0]!;

/**
 * Chi-square statistic of the orders `shuffle` puts [0, 1, 2, 3] in over
 * `trials` runs, against 24 equally likely orders (23 degrees of freedom).
 */
function chiSquare(shuffle: (items: readonly number[]) => number[], trials: number): number {
  const counts = new Map<string, number>();
  for (let t = 0; t < trials; t++) {
    const key = shuffle([0, 1, 2, 3]).join("");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const expected = trials / 24;
  let chi = 0;
  for (let a = 0; a < 4; a++)
    for (let b = 0; b < 4; b++)
      for (let c = 0; c < 4; c++)
        for (let d = 0; d < 4; d++) {
          if (new Set([a, b, c, d]).size < 4) continue;
          chi += ((counts.get(`${a}${b}${c}${d}`) ?? 0) - expected) ** 2 / expected;
        }
  return chi;
}

// 23 degrees of freedom: 75 lies beyond p = 10⁻⁶, so a fair shuffle fails
// this about once in a million runs. 24,000 trials give 1,000 per order.
const TRIALS = 24_000;
const BOUND = 75;
const isUniform = (shuffle: (items: readonly number[]) => number[]) => chiSquare(shuffle, TRIALS) < BOUND;

/** The textbook mistake: swap each position with any position, n^n equally likely runs over n! orders. */
function naiveShuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = 0; i < out.length; i++) {
    const j = randomIndex(out.length, csprng);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Fisher–Yates off by one (Sattolo's algorithm): only the cyclic orders, never an item left in place. */
function sattolo<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(i, csprng);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("randomIndex", () => {
  it("is x mod n for every x below the largest multiple of n, and rejects the rest (no modulo bias)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: TWO_32 }), fc.nat({ max: TWO_32 - 1 }), fc.nat({ max: 2 ** 31 - 1 }), (n, x, fallback) => {
        // the first limit values split into exactly limit / n of each residue
        const limit = TWO_32 - (TWO_32 % n);
        const source = scripted([x, fallback]);
        const index = randomIndex(n, source);
        if (x < limit) {
          expect(index).toBe(x % n);
          expect(source.used()).toBe(1);
        } else {
          // fallback < 2^31 <= limit for every n: the second draw is always accepted
          expect(index).toBe(fallback % n);
          expect(source.used()).toBe(2);
        }
      }),
      { numRuns: runs(2000) },
    );
  });

  it("refuses a range with no index in it instead of looping for ever", () => {
    for (const n of [0, -1, 1.5, Number.NaN, 2 ** 32 + 1]) expect(() => randomIndex(n, scripted([0]))).toThrow(RangeError);
  });

  it("rejects exactly the top 2^32 mod n values", () => {
    // 2^32 mod 6 = 4: 4294967292 … 4294967295 would favour 0 … 3
    expect(randomIndex(6, scripted([4294967291]))).toBe(4294967291 % 6);
    const source = scripted([4294967292, 4294967293, 4294967294, 4294967295, 7]);
    expect(randomIndex(6, source)).toBe(1);
    expect(source.used()).toBe(5);
    // a power of two divides 2^32: nothing is rejected
    expect(randomIndex(8, scripted([0xffff_ffff]))).toBe(7);
    // 2^32 mod 3 = 1: only the very top value is rejected
    expect(randomIndex(3, scripted([0xffff_fffe]))).toBe(0xffff_fffe % 3);
    expect(randomIndex(3, scripted([0xffff_ffff, 2]))).toBe(2);
  });

  it("draws from the platform CSPRNG when given no source", () => {
    const spy = vi.spyOn(crypto, "getRandomValues");
    for (let t = 0; t < 50; t++) {
      const i = randomIndex(10);
      expect(Number.isInteger(i) && i >= 0 && i < 10).toBe(true);
    }
    expect(spy).toHaveBeenCalled();
    expect(spy.mock.calls.every(([array]) => array instanceof Uint32Array)).toBe(true);
  });
});

describe("shuffled", () => {
  it("returns a permutation of its input and leaves the input as it was", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.string({ maxLength: 2 })), { maxLength: 40 }),
        fc.infiniteStream(fc.nat({ max: TWO_32 - 1 })),
        (items, stream) => {
          const before = [...items];
          const out = shuffled(items, () => stream.next().value);
          expect(items).toEqual(before);
          expect(out).not.toBe(items);
          expect(out).toHaveLength(items.length);
          const key = (v: number | string) => `${typeof v}:${v}`;
          expect(out.map(key).sort()).toEqual(items.map(key).sort());
        },
      ),
      { numRuns: runs(500) },
    );
  });

  it("keeps object identity (it moves the items, it does not copy them)", () => {
    const items = [{ id: 1 }, { id: 2 }, { id: 3 }];
    const out = shuffled(items);
    for (const item of items) expect(out.filter((o) => o === item)).toHaveLength(1);
  });

  it("leaves empty and one-item lists as they are, without drawing", () => {
    const none = scripted([]);
    expect(shuffled([], none)).toEqual([]);
    expect(shuffled(["only"], none)).toEqual(["only"]);
    expect(none.used()).toBe(0);
  });

  it("is the order its random source dictates: one draw per position, swapping from the end", () => {
    // always 0: each item from the end swaps with the first, which rotates the list left
    const zeros = scripted([0, 0, 0]);
    expect(shuffled(["a", "b", "c", "d"], zeros)).toEqual(["b", "c", "d", "a"]);
    expect(zeros.used()).toBe(3);
    // j = i at every step: nothing moves
    expect(shuffled(["a", "b", "c", "d"], scripted([3, 2, 1]))).toEqual(["a", "b", "c", "d"]);
    // the same draws give the same order, so the source is all the shuffle depends on
    const draws = [9, 123456789, 4294967290, 17, 0, 5];
    expect(shuffled([..."abcdefg"], scripted(draws))).toEqual(shuffled([..."abcdefg"], scripted(draws)));
  });

  it("reaches each of the n! orders from exactly one sequence of indices (n = 4)", () => {
    const orders = new Set<string>();
    for (let j3 = 0; j3 < 4; j3++)
      for (let j2 = 0; j2 < 3; j2++) for (let j1 = 0; j1 < 2; j1++) orders.add(shuffled([0, 1, 2, 3], scripted([j3, j2, j1])).join(""));
    // 4 × 3 × 2 index sequences onto 24 distinct orders: with uniform indices, every order has probability 1/24
    expect(orders.size).toBe(24);
  });

  it("draws from the platform CSPRNG when given no source", () => {
    const spy = vi.spyOn(crypto, "getRandomValues");
    shuffled([1, 2, 3, 4, 5]);
    expect(spy).toHaveBeenCalledTimes(4);
  });

  it("does not return the order it was given (20 items: 1 in 20! that a fair shuffle does)", () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(shuffled(items)).not.toEqual(items);
  });

  it("puts four items in each of the 24 orders about equally often (chi-square, 24,000 shuffles)", () => {
    const chi = chiSquare((items) => shuffled(items), TRIALS);
    expect(chi).toBeLessThan(BOUND);
  }, 20_000); // 24,000 shuffles, each drawing from the platform CSPRNG: seconds on a busy 2-core machine

  it("the chi-square check fails a biased shuffle, so it can fail", () => {
    // naive: expected statistic ≈ 740 at this many trials; Sattolo: 6 of the 24 orders only, ≈ 72,000
    expect(isUniform(naiveShuffle)).toBe(false);
    expect(isUniform(sattolo)).toBe(false);
    expect(isUniform((items) => shuffled(items))).toBe(true);
  }, 20_000); // 72,000 shuffles
});
