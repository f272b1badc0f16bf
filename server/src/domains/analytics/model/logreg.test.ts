import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset';
import { logregContributions } from './logreg';
import { auc } from './metrics';
import { rawScores, score, train } from './model';
import { createPrng } from './prng';

function linear(n: number, seed: number): Dataset {
  const rng = createPrng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = rng.next() < 0.1 ? Number.NaN : rng.next() * 10;
    b[i] = rng.nextInt(3);
    c[i] = rng.next();
    const z = 0.6 * (Number.isNaN(a[i]) ? 5 : (a[i] as number)) - 3 + (b[i] === 1 ? -1.5 : 0);
    y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return {
    features: [
      { name: 'a', kind: 'numeric', categories: [] },
      { name: 'b', kind: 'categorical', categories: ['x', 'y', 'z'] },
      { name: 'c', kind: 'numeric', categories: [] },
    ],
    x: { rows: n, columns: [a, b, c] },
    y,
    target: 't',
    positiveLabel: '1',
    negativeLabel: '0',
  };
}

describe('logistic regression', () => {
  const data = linear(3000, 1);
  const model = train(data, { algorithm: 'logreg' });

  it('recovers the signs of the true effects and ranks well', () => {
    if (model.algorithm !== 'logreg') throw new Error('expected logreg');
    const coef = (feature: number, category: number | null) =>
      model.logreg.columns.find((c) => c.feature === feature && c.category === category)?.coef ?? 0;
    expect(coef(0, null)).toBeGreaterThan(0.5);
    expect(coef(1, 1)).toBeLessThan(-0.2);
    expect(Math.abs(coef(2, null))).toBeLessThan(0.15);
    const test = linear(2000, 2);
    expect(auc(test.y, score(model, test.x))).toBeGreaterThan(0.85);
  });

  it('treats a missing value as neutral: its contribution is 0', () => {
    if (model.algorithm !== 'logreg') throw new Error('expected logreg');
    const { bias, contributions } = logregContributions(model.logreg, [Number.NaN, Number.NaN, 0.5], 3);
    expect(contributions[0]).toBe(0);
    expect(contributions[1]).toBe(0);
    const x = { rows: 1, columns: [Float64Array.of(Number.NaN), Float64Array.of(Number.NaN), Float64Array.of(0.5)] };
    expect(rawScores(model, x)[0]).toBeCloseTo(bias + (contributions[2] as number), 12);
  });

  it('is deterministic and converges in a few Newton steps', () => {
    const again = train(data, { algorithm: 'logreg' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
    expect(model.algorithm === 'logreg' && model.logreg.iterations).toBeLessThan(15);
  });

  it('shrinks coefficients as l2 grows', () => {
    const strong = train(data, { algorithm: 'logreg', params: { l2: 10_000 } });
    const size = (m: typeof model) =>
      m.algorithm === 'logreg' ? m.logreg.columns.reduce((s, c) => s + Math.abs(c.coef), 0) : 0;
    expect(size(strong)).toBeLessThan(size(model) / 2);
  });
});
