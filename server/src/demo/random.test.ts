import { describe, expect, it } from 'vitest';
import { ClaimSet, deriveSeed, feistel, pairs, Random, weighted } from './random';

describe('Random', () => {
  it('repeats its sequence for the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 100 }, () => a.float());
    expect(Array.from({ length: 100 }, () => b.float())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('separates streams derived from one seed', () => {
    expect(deriveSeed(1, 'org')).not.toBe(deriveSeed(1, 'customers'));
    expect(deriveSeed(1, 'org')).not.toBe(deriveSeed(2, 'org'));
    expect(deriveSeed(1, 'org')).toBe(deriveSeed(1, 'org'));
  });

  it('draws integers within bounds and normals with mean 0 and variance 1', () => {
    const r = new Random(7);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < 20_000; i++) {
      const k = r.int(3, 5);
      expect(k >= 3 && k <= 5).toBe(true);
      const z = r.normal();
      sum += z;
      squares += z * z;
    }
    expect(Math.abs(sum / 20_000)).toBeLessThan(0.05);
    expect(Math.abs(squares / 20_000 - 1)).toBeLessThan(0.05);
  });

  it('picks weighted values in proportion', () => {
    const pick = weighted(pairs('a 3 b 1'));
    const r = new Random(1);
    let a = 0;
    for (let i = 0; i < 10_000; i++) if (pick(r) === 'a') a++;
    expect(a / 10_000).toBeGreaterThan(0.72);
    expect(a / 10_000).toBeLessThan(0.78);
  });
});

describe('feistel', () => {
  it('is a bijection on [0, half * half)', () => {
    const f = feistel(100, 9);
    const seen = new Set<number>();
    for (let n = 0; n < 10_000; n++) {
      const v = f(n);
      expect(v >= 0 && v < 10_000).toBe(true);
      seen.add(v);
    }
    expect(seen.size).toBe(10_000);
  });
});

describe('ClaimSet', () => {
  it('never grants the same key twice', () => {
    const claims = new ClaimSet(12);
    expect(claims.claim(110105, 19491231, 2)).toBe(true);
    expect(claims.claim(110105, 19491231, 2)).toBe(false);
  });
});
