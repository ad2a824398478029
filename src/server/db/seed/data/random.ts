// Deterministic PRNG for seeding (mulberry32): same seed → same data on every machine.
// Not suitable for anything security-related.

export type Rng = {
  /** Float in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Float in [min, max). */
  float(min: number, max: number): number;
  /** Uniform element; throws on an empty array. */
  pick<T>(arr: readonly T[]): T;
  /** n distinct elements (by position), in random order; n is clamped to arr.length. */
  sample<T>(arr: readonly T[], n: number): T[];
  /** true with probability p (p ≤ 0 never, p ≥ 1 always). */
  chance(p: number): boolean;
  /** Shuffled copy (Fisher–Yates); the input is not mutated. */
  shuffle<T>(arr: readonly T[]): T[];
  /** Element chosen with probability proportional to its weight; throws if no positive weight. */
  weighted<T>(items: readonly (readonly [item: T, weight: number])[]): T;
};

export function createRng(seed: number): Rng {
  // Coerce any number (negative, fractional, huge) to a uint32 state.
  let state = Math.trunc(seed) >>> 0;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const int = (min: number, max: number): number => {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) {
      throw new RangeError(`int(min, max) needs integers, got ${min}, ${max}`);
    }
    if (min > max) throw new RangeError(`int(min, max) needs min <= max, got ${min} > ${max}`);
    return min + Math.floor(next() * (max - min + 1));
  };

  const float = (min: number, max: number): number => {
    if (!(min <= max)) throw new RangeError(`float(min, max) needs min <= max, got ${min}, ${max}`);
    return min + next() * (max - min);
  };

  const pick = <T>(arr: readonly T[]): T => {
    if (arr.length === 0) throw new RangeError("pick() from an empty array");
    // Index is always in range, so the element exists (unless the array is sparse).
    return arr[int(0, arr.length - 1)] as T;
  };

  const shuffle = <T>(arr: readonly T[]): T[] => {
    const out = arr.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  };

  const sample = <T>(arr: readonly T[], n: number): T[] => {
    const count = Math.max(0, Math.min(Math.floor(n), arr.length));
    // Partial Fisher–Yates: only the first `count` positions are randomised.
    const out = arr.slice();
    for (let i = 0; i < count; i++) {
      const j = int(i, out.length - 1);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out.slice(0, count);
  };

  const chance = (p: number): boolean => next() < p;

  const weighted = <T>(items: readonly (readonly [item: T, weight: number])[]): T => {
    let total = 0;
    for (const [, w] of items) if (w > 0) total += w;
    if (!(total > 0)) throw new RangeError("weighted() needs at least one positive weight");
    let r = next() * total;
    let last: T | undefined;
    for (const [item, w] of items) {
      if (!(w > 0)) continue;
      last = item;
      r -= w;
      if (r < 0) return item;
    }
    // Floating-point rounding can leave r at ~0; total > 0 guarantees `last` was set.
    return last as T;
  };

  return { next, int, float, pick, sample, chance, shuffle, weighted };
}
