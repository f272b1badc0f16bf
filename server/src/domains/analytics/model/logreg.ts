import type { Feature, Matrix } from './dataset';
import { modelError } from './model.errors';

/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS), which
 * converges in a handful of exact, deterministic steps for the tens of
 * columns a CRM model has. Each numeric feature is one standardised column
 * (missing values imputed with the training mean); each categorical feature
 * is one-hot encoded over the categories seen in training and standardised
 * too, so every column's neutral value is 0 and a missing value is neutral.
 */
export type LogregParams = {
  /** L2 penalty on the standardised coefficients (not on the intercept). */
  l2: number;
  maxIterations: number;
  /** Stop when no parameter moves more than this in a Newton step. */
  tolerance: number;
  /** Weight of a positive row relative to a negative one. */
  scalePosWeight: number;
};

export const defaultLogregParams: LogregParams = { l2: 1, maxIterations: 50, tolerance: 1e-8, scalePosWeight: 1 };

/** One design column: feature index, category index for a one-hot column (else null), standardisation, coefficient. */
export type LogregColumn = { feature: number; category: number | null; mean: number; scale: number; coef: number };

export type LogregBody = { intercept: number; columns: LogregColumn[]; iterations: number };

type Design = { columns: Omit<LogregColumn, 'coef'>[]; z: Float64Array; d: number };

function rawValue(col: LogregColumn | Omit<LogregColumn, 'coef'>, v: number): number {
  if (col.category === null) return v;
  return v === col.category ? 1 : 0;
}

/** The standardised value of column `col` for a raw cell; missing is neutral (0). */
export function standardise(col: Omit<LogregColumn, 'coef'>, v: number): number {
  if (Number.isNaN(v)) return 0;
  return (rawValue(col, v) - col.mean) / col.scale;
}

function design(features: readonly Feature[], x: Matrix): Design {
  const cols: Omit<LogregColumn, 'coef'>[] = [];
  features.forEach((feature, f) => {
    const values = x.columns[f] as Float64Array;
    const candidates = feature.kind === 'numeric' ? [null] : feature.categories.map((_, c) => c);
    for (const category of candidates) {
      let sum = 0;
      let present = 0;
      for (let i = 0; i < x.rows; i++) {
        const v = values[i] as number;
        if (!Number.isNaN(v)) {
          sum += rawValue({ feature: f, category, mean: 0, scale: 1 }, v);
          present++;
        }
      }
      if (present === 0) continue;
      const mean = sum / present;
      let ss = 0;
      for (let i = 0; i < x.rows; i++) {
        const v = values[i] as number;
        const r = !Number.isNaN(v) ? rawValue({ feature: f, category, mean, scale: 1 }, v) : mean;
        ss += (r - mean) * (r - mean);
      }
      const scale = Math.sqrt(ss / x.rows);
      // A constant column (or a category absent from these rows) carries no information.
      if (scale > 1e-12) cols.push({ feature: f, category, mean, scale });
    }
  });
  const d = cols.length;
  const z = new Float64Array(x.rows * d);
  cols.forEach((c, j) => {
    const values = x.columns[c.feature] as Float64Array;
    for (let i = 0; i < x.rows; i++) z[i * d + j] = standardise(c, values[i] as number);
  });
  return { columns: cols, z, d };
}

/** Solve A v = b in place for symmetric positive definite A (Cholesky); A is k×k row-major. */
function choleskySolve(a: Float64Array, b: Float64Array, k: number): Float64Array {
  for (let j = 0; j < k; j++) {
    let s = a[j * k + j] as number;
    for (let m = 0; m < j; m++) s -= (a[j * k + m] as number) ** 2;
    if (!(s > 0)) throw modelError('model.bad_dataset', 'logistic regression: the design is singular (raise l2)');
    const l = Math.sqrt(s);
    a[j * k + j] = l;
    for (let i = j + 1; i < k; i++) {
      let t = a[i * k + j] as number;
      for (let m = 0; m < j; m++) t -= (a[i * k + m] as number) * (a[j * k + m] as number);
      a[i * k + j] = t / l;
    }
  }
  const v = Float64Array.from(b);
  for (let i = 0; i < k; i++) {
    let t = v[i] as number;
    for (let m = 0; m < i; m++) t -= (a[i * k + m] as number) * (v[m] as number);
    v[i] = t / (a[i * k + i] as number);
  }
  for (let i = k - 1; i >= 0; i--) {
    let t = v[i] as number;
    for (let m = i + 1; m < k; m++) t -= (a[m * k + i] as number) * (v[m] as number);
    v[i] = t / (a[i * k + i] as number);
  }
  return v;
}

export function trainLogreg(features: readonly Feature[], x: Matrix, y: Uint8Array, p: LogregParams): LogregBody {
  if (!(p.l2 >= 0) || !(p.scalePosWeight > 0) || !(p.maxIterations >= 1)) {
    throw modelError('model.bad_option', 'logistic regression: l2 >= 0, scalePosWeight > 0, maxIterations >= 1');
  }
  const { columns, z, d } = design(features, x);
  const n = x.rows;
  const k = d + 1; // parameter 0 is the intercept
  const beta = new Float64Array(k);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i] as number;
  if (positives === 0 || positives === n)
    throw modelError('model.bad_dataset', 'the training rows hold only one class');
  beta[0] = Math.log((positives * p.scalePosWeight) / (n - positives));
  let iterations = 0;
  const hess = new Float64Array(k * k);
  const grad = new Float64Array(k);
  for (; iterations < p.maxIterations; iterations++) {
    hess.fill(0);
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      let eta = beta[0] as number;
      const o = i * d;
      for (let j = 0; j < d; j++) eta += (beta[j + 1] as number) * (z[o + j] as number);
      const q = 1 / (1 + Math.exp(-eta));
      const w = y[i] === 1 ? p.scalePosWeight : 1;
      const r = w * (q - (y[i] as number));
      const hw = Math.max(w * q * (1 - q), 1e-12);
      grad[0] = (grad[0] as number) + r;
      hess[0] = (hess[0] as number) + hw;
      // Lower triangle of the Hessian of [1, z]: entry (a, b) at a * k + b, b <= a.
      for (let j = 0; j < d; j++) {
        const zj = z[o + j] as number;
        const row = (j + 1) * k;
        grad[j + 1] = (grad[j + 1] as number) + r * zj;
        hess[row] = (hess[row] as number) + hw * zj;
        for (let m = 0; m <= j; m++) hess[row + m + 1] = (hess[row + m + 1] as number) + hw * zj * (z[o + m] as number);
      }
    }
    for (let a = 1; a < k; a++) {
      grad[a] = (grad[a] as number) + p.l2 * (beta[a] as number);
      hess[a * k + a] = (hess[a * k + a] as number) + p.l2;
      for (let b = 0; b < a; b++) hess[b * k + a] = hess[a * k + b] as number;
    }
    const step = choleskySolve(hess, grad, k);
    let largest = 0;
    for (let j = 0; j < k; j++) {
      beta[j] = (beta[j] as number) - (step[j] as number);
      largest = Math.max(largest, Math.abs(step[j] as number));
    }
    if (largest < p.tolerance) {
      iterations++;
      break;
    }
  }
  return {
    intercept: beta[0] as number,
    columns: columns.map((c, j) => ({ ...c, coef: beta[j + 1] as number })),
    iterations,
  };
}

/** Log-odds of every row. */
export function logregRawScores(body: LogregBody, x: Matrix): Float64Array {
  const out = new Float64Array(x.rows).fill(body.intercept);
  for (const c of body.columns) {
    const values = x.columns[c.feature] as Float64Array;
    for (let i = 0; i < x.rows; i++) out[i] = (out[i] as number) + c.coef * standardise(c, values[i] as number);
  }
  return out;
}

/** coefficient × (x − mean) per feature (summed over a categorical feature's one-hot columns); bias is the intercept. */
export function logregContributions(
  body: LogregBody,
  row: ArrayLike<number>,
  features: number,
): { bias: number; contributions: Float64Array } {
  const contributions = new Float64Array(features);
  for (const c of body.columns) {
    contributions[c.feature] = (contributions[c.feature] as number) + c.coef * standardise(c, row[c.feature] as number);
  }
  return { bias: body.intercept, contributions };
}
