import type { Feature, Matrix } from './dataset';

/**
 * Histogram binning for the GBDT, fitted on the training rows only (so a CV
 * fold's test rows never shape the bins). Bin 0 of every feature is "missing":
 * NaN, and for categorical features also categories too rare in the training
 * rows to split on; such values follow the split's learned default direction.
 *
 * Numeric: bins 1..B hold the values up to `upper[b]`, so "bin <= b" at
 * training time is exactly "value <= upper[b]" at scoring time.
 * Categorical: `categoryBin[c]` is the bin of category index c (0 = rare).
 */
export type FeatureBins = { numBins: number; upper: number[]; categoryBin: number[] };

export const maxBinsLimit = 255;

export function fitBins(
  features: readonly Feature[],
  x: Matrix,
  rows: ArrayLike<number>,
  options: { maxBins: number; minCategoryCount: number },
): FeatureBins[] {
  const maxBins = Math.min(maxBinsLimit, Math.max(2, options.maxBins));
  return features.map((feature, f) => {
    const col = x.columns[f] as Float64Array;
    if (feature.kind === 'categorical') return fitCategorical(feature, col, rows, maxBins, options.minCategoryCount);
    return fitNumeric(col, rows, maxBins);
  });
}

function fitNumeric(col: Float64Array, rows: ArrayLike<number>, maxBins: number): FeatureBins {
  const values: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const v = col[rows[i] as number] as number;
    if (!Number.isNaN(v)) values.push(v);
  }
  const sorted = Float64Array.from(values).sort();
  // Distinct values with their counts.
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    if (distinct.length > 0 && distinct[distinct.length - 1] === v)
      counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
    else {
      distinct.push(v);
      counts.push(1);
    }
  }
  const upper: number[] = [Number.NaN]; // bin 0: missing
  if (distinct.length <= maxBins) {
    for (let i = 0; i < distinct.length - 1; i++) upper.push(cut(distinct[i] as number, distinct[i + 1] as number));
  } else {
    // Equal-frequency bins over distinct values: close a bin once it holds its share of the rows.
    const perBin = sorted.length / maxBins;
    let inBin = 0;
    for (let i = 0; i < distinct.length - 1 && upper.length < maxBins; i++) {
      inBin += counts[i] as number;
      if (inBin >= perBin) {
        upper.push(cut(distinct[i] as number, distinct[i + 1] as number));
        inBin = 0;
      }
    }
  }
  upper.push(Number.POSITIVE_INFINITY); // the last bin takes everything above
  return { numBins: upper.length, upper, categoryBin: [] };
}

// A threshold between two neighbouring training values; midpoints generalise to
// unseen values in between. Guard the (rare) case where rounding lands on `b`.
function cut(a: number, b: number): number {
  const mid = a + (b - a) / 2;
  return mid < b && Number.isFinite(mid) ? mid : a;
}

function fitCategorical(
  feature: Feature,
  col: Float64Array,
  rows: ArrayLike<number>,
  maxBins: number,
  minCount: number,
): FeatureBins {
  const counts = new Array<number>(feature.categories.length).fill(0);
  for (let i = 0; i < rows.length; i++) {
    const c = col[rows[i] as number] as number;
    if (!Number.isNaN(c)) counts[c] = (counts[c] as number) + 1;
  }
  // The most frequent categories get their own bin (ties by index for determinism).
  const order = counts
    .map((n, c) => ({ n, c }))
    .filter((e) => e.n >= minCount)
    .sort((a, b) => b.n - a.n || a.c - b.c)
    .slice(0, maxBins - 1)
    .sort((a, b) => a.c - b.c);
  const categoryBin = new Array<number>(feature.categories.length).fill(0);
  order.forEach((e, i) => {
    categoryBin[e.c] = i + 1;
  });
  return { numBins: order.length + 1, upper: [], categoryBin };
}

/** Bin index of a raw value (the same rule the compiled forest applies to raw values). */
export function binOf(bins: FeatureBins, v: number): number {
  if (Number.isNaN(v)) return 0;
  if (bins.upper.length === 0) return bins.categoryBin[v] ?? 0;
  // Binary search: the first bin b >= 1 with v <= upper[b].
  let lo = 1;
  let hi = bins.upper.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= (bins.upper[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The binned matrix: one Uint8Array per feature, for every row of `x`. */
export function applyBins(bins: readonly FeatureBins[], x: Matrix): Uint8Array[] {
  return bins.map((b, f) => {
    const col = x.columns[f] as Float64Array;
    const out = new Uint8Array(x.rows);
    for (let i = 0; i < x.rows; i++) out[i] = binOf(b, col[i] as number);
    return out;
  });
}
