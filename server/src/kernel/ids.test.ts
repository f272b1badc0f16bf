import { describe, expect, it } from 'vitest';
import { isId, newId, seededIdGenerator } from './ids';

describe('prefixed ids', () => {
  it('carries the kind prefix and sorts by creation time', () => {
    const a = newId('customer', 1_700_000_000_000);
    const b = newId('customer', 1_700_000_000_001);
    expect(a.startsWith('cus_')).toBe(true);
    expect(isId('customer', a)).toBe(true);
    expect(isId('user', a)).toBe(false);
    expect(a < b).toBe(true);
  });

  it('is deterministic for a seeded generator', () => {
    const prng = (seed: number) => () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const g1 = seededIdGenerator(prng(7));
    const g2 = seededIdGenerator(prng(7));
    expect(g1('customer', 1000)).toBe(g2('customer', 1000));
  });
});
