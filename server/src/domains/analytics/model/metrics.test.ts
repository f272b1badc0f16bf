import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accuracy, auc, binaryMetrics, f1, liftAt, logLoss, meanMetrics } from './metrics';

describe('auc', () => {
  it('matches a hand count of correctly ordered positive/negative pairs', () => {
    // Pairs (pos, neg): (0.35, 0.1) ok, (0.35, 0.4) wrong, (0.8, 0.1) ok, (0.8, 0.4) ok -> 3/4.
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });

  it('counts a tied positive/negative pair as half', () => {
    expect(auc([0, 1], [0.5, 0.5])).toBe(0.5);
    // (0.5 vs 0.5) half, (0.5 vs 0.2) ok, (0.9 vs 0.5) ok, (0.9 vs 0.2) ok -> 3.5/4.
    expect(auc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBe(0.875);
    expect(auc([1, 0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, NaN with one class', () => {
    expect(auc([0, 0, 1], [1, 2, 3])).toBe(1);
    expect(auc([0, 0, 1], [3, 2, 1])).toBe(0);
    expect(auc([1, 1], [0.2, 0.3])).toBeNaN();
  });

  const labelled = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: -50, max: 50 })), { minLength: 2, maxLength: 60 })
    .filter((rows) => rows.some(([y]) => y === 1) && rows.some(([y]) => y === 0));

  it('does not change under a strictly increasing transform of the scores', () => {
    fc.assert(
      fc.property(labelled, fc.double({ min: 0.01, max: 10, noNaN: true }), (rows, k) => {
        const y = rows.map(([v]) => v);
        const s = rows.map(([, v]) => v);
        const t = s.map((v) => Math.exp(k * v * 0.01) + 3 * v); // strictly increasing in v
        expect(auc(y, t)).toBeCloseTo(auc(y, s), 12);
      }),
    );
  });

  it('reverses under negation (AUC(-s) = 1 - AUC(s)) and ignores row order', () => {
    fc.assert(
      fc.property(labelled, (rows) => {
        const y = rows.map(([v]) => v);
        const s = rows.map(([, v]) => v);
        expect(
          auc(
            y,
            s.map((v) => -v),
          ),
        ).toBeCloseTo(1 - auc(y, s), 12);
        const rev = [...rows].reverse();
        expect(
          auc(
            rev.map(([v]) => v),
            rev.map(([, v]) => v),
          ),
        ).toBeCloseTo(auc(y, s), 12);
      }),
    );
  });
});

describe('threshold metrics', () => {
  const y = [1, 1, 0, 0, 1, 0];
  const p = [0.9, 0.4, 0.6, 0.1, 0.7, 0.2];
  // At 0.5: predicted positive = rows 0, 2, 4 -> TP 2 (0, 4), FP 1 (2), FN 1 (1), TN 2 (3, 5).

  it('accuracy counts agreements at the threshold', () => {
    expect(accuracy(y, p)).toBeCloseTo(4 / 6, 12);
    expect(accuracy(y, p, 0.95)).toBeCloseTo(3 / 6, 12);
  });

  it('F1 is 2TP / (2TP + FP + FN)', () => {
    expect(f1(y, p)).toBeCloseTo(4 / 6, 12);
    expect(f1([0, 0], [0.1, 0.2])).toBe(0);
  });

  it('log loss is the mean negative log-likelihood', () => {
    expect(logLoss([1, 0], [0.5, 0.5])).toBeCloseTo(Math.log(2), 12);
  });
});

describe('liftAt', () => {
  it('is the positive rate of the top decile over the base rate', () => {
    // 20 rows, 4 positives (base 0.2); top 2 rows are both positive -> rate 1 -> lift 5.
    const y = Array.from({ length: 20 }, (_, i) => (i < 4 ? 1 : 0));
    const s = Array.from({ length: 20 }, (_, i) => 100 - i);
    expect(liftAt(y, s, 0.1)).toBeCloseTo(5, 12);
  });

  it('shares a group tied at the cut-off pro rata', () => {
    // 10 rows, top 1 taken from a 4-way tie holding 2 positives -> expected hits 0.5; base 0.2 -> lift 2.5.
    const y = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    const s = [5, 5, 5, 5, 1, 1, 1, 1, 1, 1];
    expect(liftAt(y, s, 0.1)).toBeCloseTo(2.5, 12);
  });
});

describe('binaryMetrics', () => {
  it('gives every metric and averages them across folds', () => {
    const m = binaryMetrics([0, 1, 0, 1], [0.2, 0.8, 0.3, 0.6]);
    expect(m.auc).toBe(1);
    expect(m.accuracy).toBe(1);
    const mean = meanMetrics([m, { ...m, auc: 0.5 }]);
    expect(mean.auc).toBe(0.75);
  });
});
