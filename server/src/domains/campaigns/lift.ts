/**
 * Difference of two proportions (target rate minus control rate) with its
 * 95% confidence interval by the normal (Wald) approximation:
 *   d = p1 - p2,  se = sqrt(p1(1-p1)/n1 + p2(1-p2)/n2),  d ± 1.96·se.
 * Written by hand: it is three lines, and the statistics libraries on npm
 * bring far more than this needs. Null when a group is empty.
 */
export type Interval = { estimate: number; low: number; high: number };

/** z of the two-sided 95% interval (the 97.5th percentile of the standard normal) */
export const z95 = 1.959963984540054;

export function proportionDiffCI(x1: number, n1: number, x2: number, n2: number, z = z95): Interval | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const d = p1 - p2;
  return { estimate: d, low: d - z * se, high: d + z * se };
}

export function rate(x: number, n: number): number {
  return n > 0 ? x / n : 0;
}
