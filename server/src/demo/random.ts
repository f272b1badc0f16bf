/**
 * Fast seeded randomness for the demo generator. Faker is too slow to call
 * tens of millions of times, so it only fills the name pools; every other
 * draw goes through this small-state PRNG (sfc32), which is deterministic on
 * every platform because it only uses 32-bit integer arithmetic.
 */

/** Mix a seed and a label into an independent 32-bit seed, so each stream (org, customers, ids) is stable on its own. */
export function deriveSeed(seed: number, label: string): number {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.floor(seed / 0x100000000);
  for (let i = 0; i < label.length; i++) {
    h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
    h ^= h >>> 15;
  }
  return mix32(h);
}

function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.a = mix32(seed ^ 0x243f6a88);
    this.b = mix32(seed ^ 0x85a308d3);
    this.c = mix32(seed ^ 0x13198a2e);
    this.d = 1;
    // Discard the first outputs: sfc32 needs a few rounds to spread a small seed.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Standard normal variate (Marsaglia polar method, caching the second value). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = this.float() * 2 - 1;
      v = this.float() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }
}

/** Pools of names are written as space-separated words to keep them compact and readable. */
export const words = (text: string): readonly string[] => text.split(' ');

/** Parse 'a 3 b 1.5' into [['a', 3], ['b', 1.5]]: compact weight tables. */
export function pairs(text: string): [string, number][] {
  const parts = text.trim().split(/\s+/);
  const out: [string, number][] = [];
  for (let i = 0; i < parts.length; i += 2) out.push([parts[i] as string, Number(parts[i + 1])]);
  return out;
}

/** A weighted choice among words written as 'word weight word weight ...'. */
export function weightedWords<T extends string = string>(text: string): Weighted<T> {
  return weighted(pairs(text) as [T, number][]);
}

/** A weighted choice, prepared once so each draw is a binary search over cumulative weights. */
export type Weighted<T> = (rng: Random) => T;

export function weighted<T>(entries: readonly (readonly [T, number])[]): Weighted<T> {
  const values = entries.map(([v]) => v);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of entries) {
    total += w;
    cumulative.push(total);
  }
  if (values.length === 0 || total <= 0) throw new RangeError('a weighted choice needs a positive total weight');
  return (rng) => {
    const x = rng.float() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x < (cumulative[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    return values[lo] as T;
  };
}

/**
 * A keyed bijection on [0, half * half): a four-round balanced Feistel network.
 * It turns a running counter into a unique number that does not look
 * sequential (mobiles, customer and account numbers) without remembering
 * anything, which is what lets a million customers stream in constant memory.
 */
export function feistel(half: number, key: number): (n: number) => number {
  const keys = [0, 1, 2, 3].map((r) => deriveSeed(key, `round${r}`));
  return (n) => {
    let left = Math.floor(n / half);
    let right = n % half;
    for (const k of keys) {
      const next = (left + (mix32(right ^ k) % half)) % half;
      left = right;
      right = next;
    }
    return left * half + right;
  };
}

/**
 * A fixed-size bitset of hashed keys. A set bit may be a hash collision, so a
 * caller that finds one simply draws again: that keeps generated keys unique
 * (the same key always hits its own bit) with 8 MB instead of a Set of strings.
 */
export class ClaimSet {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(log2Bits = 26) {
    this.bits = new Uint32Array(2 ** (log2Bits - 5));
    this.mask = 2 ** log2Bits - 1;
  }

  /** Claim the key; false if it (or a key sharing its hash) was claimed before. */
  claim(a: number, b: number, c: number): boolean {
    const h = mix32(Math.imul(mix32(a) ^ b, 0x9e3779b1) ^ c) & this.mask;
    const word = h >>> 5;
    const bit = 1 << (h & 31);
    const current = this.bits[word] as number;
    if (current & bit) return false;
    this.bits[word] = current | bit;
    return true;
  }
}
