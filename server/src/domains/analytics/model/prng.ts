/**
 * Seeded pseudo-random numbers. Every random choice in the kit (fold
 * assignment, row and feature subsampling, early-stopping hold-out) draws
 * from one of these, so the same seed gives byte-identical models.
 * mulberry32: 32-bit state, fast, good enough for sampling (not for crypto).
 */
export type Prng = { next(): number; nextInt(n: number): number };

export function createPrng(seed: number): Prng {
  // Mix the seed so that small seeds (1, 2, 3) give unrelated streams.
  let state = (Math.imul(seed | 0, 0x9e3779b1) ^ 0x85ebca6b) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, nextInt: (n: number) => Math.floor(next() * n) };
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(a: T, rng: Prng): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
  return a;
}
