import { describe, expect, it } from 'vitest';
import { crossValidate, stratifiedFolds } from './cv';
import type { Dataset } from './dataset';
import { createPrng } from './prng';

function labels(n: number, positives: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i % Math.round(n / positives) === 0 ? 1 : 0));
}

describe('stratifiedFolds', () => {
  it('puts every row in one fold and keeps each fold within one row of the class balance', () => {
    const y = labels(1003, 97);
    const positives = y.reduce((s, v) => s + v, 0);
    const folds = stratifiedFolds(y, 5, 42);
    for (let k = 0; k < 5; k++) {
      const inFold = [...folds.keys()].filter((i) => folds[i] === k);
      const pos = inFold.filter((i) => y[i] === 1).length;
      expect(Math.abs(pos - positives / 5)).toBeLessThanOrEqual(1);
      expect(Math.abs(inFold.length - 1003 / 5)).toBeLessThanOrEqual(1);
    }
    expect(new Set(folds).size).toBe(5);
  });

  it('is the same for the same seed and differs for another', () => {
    const y = labels(500, 50);
    expect(stratifiedFolds(y, 5, 7)).toEqual(stratifiedFolds(y, 5, 7));
    expect(stratifiedFolds(y, 5, 7)).not.toEqual(stratifiedFolds(y, 5, 8));
  });

  it('refuses fewer than two folds, naming the option', () => {
    expect(() => stratifiedFolds(labels(100, 10), 1, 1)).toThrow(/folds must be a whole number >= 2/);
  });
});

describe('crossValidate', () => {
  it('scores each row out of fold and reports per-fold and mean metrics', () => {
    const rng = createPrng(3);
    const n = 600;
    const a = Float64Array.from({ length: n }, () => rng.next());
    const y = Uint8Array.from(a, (v) => (v + 0.3 * rng.next() > 0.65 ? 1 : 0));
    const data: Dataset = {
      features: [{ name: 'a', kind: 'numeric', categories: [] }],
      x: { rows: n, columns: [a] },
      y,
      target: 't',
      positiveLabel: '1',
      negativeLabel: '0',
    };
    const r = crossValidate(data, { folds: 3, seed: 1, train: { params: { nEstimators: 30 } } });
    expect(r.folds).toHaveLength(3);
    expect(r.folds.reduce((s, f) => s + f.testRows, 0)).toBe(n);
    expect(r.mean.auc).toBeGreaterThan(0.9);
    expect(r.outOfFold.every((p) => p > 0 && p < 1)).toBe(true);
  });
});
