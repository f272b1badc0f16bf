import { selectRows } from './dataset';
import { type BinaryMetrics, binaryMetrics, meanMetrics } from './metrics';
import { score, type TrainingData, type TrainOptions, train } from './model';
import { modelError } from './model.errors';
import { createPrng, shuffleInPlace } from './prng';

/**
 * Fold of each row for stratified k-fold CV: each class is shuffled with the
 * seed and dealt round-robin, continuing the count across classes, so every
 * fold has the class balance of the whole and fold sizes differ by at most one.
 */
export function stratifiedFolds(y: ArrayLike<number>, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2)
    throw modelError('model.bad_option', `folds must be a whole number >= 2, got ${k}`, { option: 'folds' });
  const folds = new Int32Array(y.length);
  const rng = createPrng(seed);
  let dealt = 0;
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) rows.push(i);
    if (rows.length < k) {
      throw modelError('model.bad_option', `class ${cls} has ${rows.length} rows, fewer than the ${k} folds`, {
        option: 'folds',
      });
    }
    const order = shuffleInPlace(Uint32Array.from(rows), rng);
    for (const r of order) folds[r] = dealt++ % k;
  }
  return folds;
}

export type FoldResult = BinaryMetrics & { fold: number; trainRows: number; testRows: number; trainSeconds: number };

export type CvResult = {
  folds: FoldResult[];
  mean: BinaryMetrics;
  /** Out-of-fold probability of every row (each scored by the model that did not see it). */
  outOfFold: Float64Array;
  trainSeconds: number;
};

export type CvOptions = { folds: number; seed: number; train?: TrainOptions };

/**
 * Stratified k-fold cross-validation. Each fold's model is trained on the
 * other folds only: binning, category frequencies, standardisation and early
 * stopping all see training rows alone, so no test row leaks into its model.
 */
export function crossValidate(data: TrainingData, options: CvOptions): CvResult {
  const assignment = stratifiedFolds(data.y, options.folds, options.seed);
  const outOfFold = new Float64Array(data.x.rows);
  const folds: FoldResult[] = [];
  let trainSeconds = 0;
  for (let fold = 0; fold < options.folds; fold++) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    for (let i = 0; i < assignment.length; i++) (assignment[i] === fold ? testIdx : trainIdx).push(i);
    const trainY = Uint8Array.from(trainIdx, (i) => data.y[i] as number);
    const testY = Uint8Array.from(testIdx, (i) => data.y[i] as number);
    const t0 = performance.now();
    // A different but reproducible model seed per fold, so subsampling differs between folds.
    const model = train({ features: data.features, x: selectRows(data.x, trainIdx), y: trainY }, {
      ...options.train,
      seed: options.seed * 1009 + fold,
    } as TrainOptions);
    const seconds = (performance.now() - t0) / 1000;
    trainSeconds += seconds;
    const p = score(model, selectRows(data.x, testIdx));
    testIdx.forEach((r, j) => {
      outOfFold[r] = p[j] as number;
    });
    folds.push({
      fold,
      trainRows: trainIdx.length,
      testRows: testIdx.length,
      trainSeconds: seconds,
      ...binaryMetrics(testY, p),
    });
  }
  return { folds, mean: meanMetrics(folds), outOfFold, trainSeconds };
}
