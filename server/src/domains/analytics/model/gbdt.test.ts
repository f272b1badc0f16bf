import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Dataset, type Feature, rowOf } from './dataset';
import { auc } from './metrics';
import { compiledForestOf, score, scoreRow, serialiseModel, train } from './model';
import { createPrng } from './prng';

/**
 * Synthetic data with a known rule: risk rises with `age` above 50, category
 * "C" of `segment` is risky, and a missing `income` is itself a risk sign.
 */
function synthetic(n: number, seed: number): Dataset {
  const rng = createPrng(seed);
  const age = new Float64Array(n);
  const segment = new Float64Array(n);
  const income = new Float64Array(n);
  const noise = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    age[i] = 20 + Math.floor(rng.next() * 60);
    segment[i] = rng.nextInt(4) === 3 ? Number.NaN : rng.nextInt(3);
    income[i] = rng.next() < 0.2 ? Number.NaN : rng.next() * 100;
    noise[i] = rng.next();
    const z =
      -2 + ((age[i] as number) > 50 ? 1.5 : 0) + (segment[i] === 2 ? 1.5 : 0) + (Number.isNaN(income[i]) ? 1.5 : 0);
    y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  const features: Feature[] = [
    { name: 'age', kind: 'numeric', categories: [] },
    { name: 'segment', kind: 'categorical', categories: ['A', 'B', 'C'] },
    { name: 'income', kind: 'numeric', categories: [] },
    { name: 'noise', kind: 'numeric', categories: [] },
  ];
  return {
    features,
    x: { rows: n, columns: [age, segment, income, noise] },
    y,
    target: 't',
    positiveLabel: '1',
    negativeLabel: '0',
  };
}

const train2k = synthetic(2000, 1);
const test2k = synthetic(2000, 2);
const fast = { nEstimators: 60, learningRate: 0.1 };

describe('GBDT', () => {
  it('learns numeric, categorical and missing-value effects (AUC near the Bayes rate)', () => {
    const model = train(train2k, { params: fast, seed: 1 });
    const p = score(model, test2k.x);
    expect(auc(test2k.y, p)).toBeGreaterThan(0.74);
    // Category C and a missing income both raise the score, everything else equal.
    const probe = (segment: number, income: number) =>
      score(model, {
        rows: 1,
        columns: [Float64Array.of(40), Float64Array.of(segment), Float64Array.of(income), Float64Array.of(0.5)],
      })[0] as number;
    expect(probe(2, 50)).toBeGreaterThan(probe(0, 50) + 0.1);
    expect(probe(0, Number.NaN)).toBeGreaterThan(probe(0, 50) + 0.1);
  });

  it('scores an unseen category and an all-missing row without failing', () => {
    const model = train(train2k, { params: fast, seed: 1 });
    const nan = Float64Array.of(Number.NaN);
    const p = score(model, { rows: 1, columns: [nan, Float64Array.of(99), nan, nan] });
    expect(p[0]).toBeGreaterThan(0);
    expect(p[0]).toBeLessThan(1);
  });

  it('is deterministic: the same seed gives byte-identical JSON, another seed a different model', () => {
    const params = { ...fast, subsample: 0.7, colsample: 0.75 };
    const a = serialiseModel(train(train2k, { params, seed: 5 }));
    const b = serialiseModel(train(train2k, { params, seed: 5 }));
    const c = serialiseModel(train(train2k, { params, seed: 6 }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('grows oblivious trees: every node of a level splits on the same feature', () => {
    const model = train(train2k, { params: { ...fast, growth: 'oblivious', maxDepth: 3 }, seed: 1 });
    expect(auc(test2k.y, score(model, test2k.x))).toBeGreaterThan(0.74);
    const f = model.algorithm === 'gbdt' ? model.forest : null;
    const root = f?.roots[0] as number;
    const left = f?.left[root] as number;
    const right = f?.right[root] as number;
    expect(f?.feature[left]).toBe(f?.feature[right]);
  });

  it('scores blocks of rows exactly as the row-by-row walk does (leaf-wise and oblivious fast path)', () => {
    for (const growth of ['leafwise', 'oblivious'] as const) {
      const model = train(train2k, { params: { ...fast, growth, maxDepth: 3 }, seed: 2 });
      if (model.algorithm !== 'gbdt') throw new Error('expected gbdt');
      const oblivious = compiledForestOf(model).obliviousDepth.every((d) => d >= 0);
      expect(oblivious).toBe(growth === 'oblivious');
      const p = score(model, test2k.x);
      for (let i = 0; i < 300; i++) expect(scoreRow(model, rowOf(test2k.x, i))).toBe(p[i]);
    }
  });

  it('weights positives with scalePosWeight (higher scores overall)', () => {
    const plain = score(train(train2k, { params: fast }), test2k.x);
    const weighted = score(train(train2k, { params: { ...fast, scalePosWeight: 4 } }), test2k.x);
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(weighted)).toBeGreaterThan(mean(plain) + 0.1);
  });

  it('stops early on a hold-out of the training rows', () => {
    const model = train(train2k, { params: { nEstimators: 2000, learningRate: 0.3, earlyStoppingRounds: 10 } });
    expect(model.algorithm === 'gbdt' && model.forest.roots.length).toBeLessThan(2000);
  });

  it('averages bags into one forest', () => {
    const model = train(train2k, { params: { ...fast, nEstimators: 20, bags: 3 } });
    expect(model.algorithm === 'gbdt' && model.forest.roots.length).toBe(60);
  });

  it('always scores in (0, 1), whatever the row', () => {
    const model = train(train2k, { params: fast, seed: 1 });
    const cell = fc.oneof(fc.double({ noNaN: false }), fc.constant(Number.NaN), fc.integer({ min: -5, max: 1e6 }));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, fc.integer({ min: -1, max: 5 }), cell, cell), { minLength: 1, maxLength: 20 }),
        (rows) => {
          const cols = [0, 1, 2, 3].map((j) =>
            Float64Array.from(rows, (r) => (j === 1 && r[1] < 0 ? Number.NaN : (r[j] as number))),
          );
          const p = score(model, { rows: rows.length, columns: cols });
          for (const v of p) expect(v > 0 && v < 1).toBe(true);
        },
      ),
    );
  });

  it('rejects bad hyper-parameters with the parameter named', () => {
    expect(() => train(train2k, { params: { learningRate: 0 } })).toThrow(/learningRate/);
    expect(() => train(train2k, { params: { subsample: 1.5 } })).toThrow(/subsample/);
  });
});
