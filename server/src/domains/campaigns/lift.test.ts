import { describe, expect, it } from 'vitest';
import { proportionDiffCI, rate } from './lift';

describe('two-proportion confidence interval (lift report)', () => {
  it('matches a worked example: 120/1000 vs 80/1000', () => {
    // p1 = .12, p2 = .08, se = sqrt(.12*.88/1000 + .08*.92/1000) = 0.0133866...
    const ci = proportionDiffCI(120, 1000, 80, 1000);
    expect(ci?.estimate).toBeCloseTo(0.04, 10);
    expect(ci?.low).toBeCloseTo(0.04 - 1.959964 * 0.0133866, 5);
    expect(ci?.high).toBeCloseTo(0.04 + 1.959964 * 0.0133866, 5);
  });

  it('an interval that straddles zero when the groups barely differ', () => {
    const ci = proportionDiffCI(51, 500, 50, 500);
    expect(ci && ci.low < 0 && ci.high > 0).toBe(true);
  });

  it('narrows as the groups grow', () => {
    const small = proportionDiffCI(12, 100, 8, 100);
    const big = proportionDiffCI(1200, 10000, 800, 10000);
    expect(small && big && big.high - big.low < small.high - small.low).toBe(true);
  });

  it('gives no interval for an empty group, and a zero rate for it', () => {
    expect(proportionDiffCI(3, 10, 0, 0)).toBeNull();
    expect(rate(0, 0)).toBe(0);
  });
});
