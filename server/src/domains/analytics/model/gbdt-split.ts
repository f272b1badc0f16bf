/**
 * Histograms of gradient statistics and the best split of one tree node.
 * A histogram holds, for every (feature, bin), the sums of gradient, hessian
 * and row count as three consecutive doubles; a child's histogram is the
 * parent's minus its sibling's, so only the smaller child is ever counted.
 */
export type HistLayout = { offsets: Int32Array; numBins: Int32Array; size: number };

export type SplitParams = {
  lambda: number;
  gamma: number;
  minSamplesLeaf: number;
  minChildWeight: number;
  catSmooth: number;
  catL2: number;
};

export type Totals = { g: number; h: number; n: number };

export type Split = {
  gain: number;
  feature: number;
  categorical: boolean;
  /** Numeric: rows with bin <= `bin` go left. */
  bin: number;
  /** Categorical: the bins that go left. */
  leftBins: number[];
  /** Where missing values (bin 0) go. */
  defaultLeft: boolean;
  left: Totals;
  right: Totals;
};

export function histLayout(numBins: readonly number[]): HistLayout {
  const offsets = new Int32Array(numBins.length);
  let size = 0;
  numBins.forEach((n, f) => {
    offsets[f] = size;
    size += n;
  });
  return { offsets, numBins: Int32Array.from(numBins), size: size * 3 };
}

/** Sum g, h and count per bin for the rows `rows[start..end)` and the active features. */
export function buildHistogram(
  layout: HistLayout,
  bins: readonly Uint8Array[],
  features: Int32Array,
  rows: Uint32Array,
  start: number,
  end: number,
  g: Float64Array,
  h: Float64Array,
  out: Float64Array,
): void {
  out.fill(0);
  for (let k = 0; k < features.length; k++) {
    const f = features[k] as number;
    const col = bins[f] as Uint8Array;
    const base = 3 * (layout.offsets[f] as number);
    for (let i = start; i < end; i++) {
      const r = rows[i] as number;
      const o = base + 3 * (col[r] as number);
      out[o] = (out[o] as number) + (g[r] as number);
      out[o + 1] = (out[o + 1] as number) + (h[r] as number);
      out[o + 2] = (out[o + 2] as number) + 1;
    }
  }
}

/** out = parent - child (the larger sibling's histogram without counting its rows). */
export function subtractHistogram(parent: Float64Array, child: Float64Array, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = (parent[i] as number) - (child[i] as number);
}

const score = (g: number, h: number, lambda: number) => (g * g) / (h + lambda);

/** The best split over the active features, or null when no split gains more than gamma. */
export function findBestSplit(
  hist: Float64Array,
  layout: HistLayout,
  features: Int32Array,
  categorical: Uint8Array,
  totals: Totals,
  p: SplitParams,
): Split | null {
  let best: Split | null = null;
  for (let k = 0; k < features.length; k++) {
    const f = features[k] as number;
    const s =
      categorical[f] === 1 ? categoricalSplit(hist, layout, f, totals, p) : numericSplit(hist, layout, f, totals, p);
    // Strictly greater: the first feature wins a tie, so the tree does not depend on float noise in ordering.
    if (s && (!best || s.gain > best.gain)) best = s;
  }
  return best;
}

type Candidate = { gain: number; gl: number; hl: number; nl: number; defaultLeft: boolean };

function consider(
  best: Candidate | null,
  totals: Totals,
  gl: number,
  hl: number,
  nl: number,
  defaultLeft: boolean,
  lambda: number,
  p: SplitParams,
): Candidate | null {
  const gr = totals.g - gl;
  const hr = totals.h - hl;
  const nr = totals.n - nl;
  if (nl < p.minSamplesLeaf || nr < p.minSamplesLeaf || hl < p.minChildWeight || hr < p.minChildWeight) return best;
  const gain = score(gl, hl, lambda) + score(gr, hr, lambda) - score(totals.g, totals.h, lambda) - p.gamma;
  if (gain > 1e-12 && (!best || gain > best.gain)) return { gain, gl, hl, nl, defaultLeft };
  return best;
}

function toSplit(
  c: Candidate,
  f: number,
  categorical: boolean,
  bin: number,
  leftBins: number[],
  totals: Totals,
  missing: number,
): Split {
  const left = { g: c.gl, h: c.hl, n: c.nl };
  const right = { g: totals.g - c.gl, h: totals.h - c.hl, n: totals.n - c.nl };
  // With no missing value in the node, unseen missing values later follow the larger child.
  const defaultLeft = missing > 0 ? c.defaultLeft : left.n >= right.n;
  return { gain: c.gain, feature: f, categorical, bin, leftBins, defaultLeft, left, right };
}

function numericSplit(hist: Float64Array, layout: HistLayout, f: number, totals: Totals, p: SplitParams): Split | null {
  const base = 3 * (layout.offsets[f] as number);
  const nb = layout.numBins[f] as number;
  const g0 = hist[base] as number;
  const h0 = hist[base + 1] as number;
  const n0 = hist[base + 2] as number;
  let gl = 0;
  let hl = 0;
  let nl = 0;
  let best: Candidate | null = null;
  let bestBin = -1;
  for (let b = 1; b < nb - 1; b++) {
    const o = base + 3 * b;
    if (hist[o + 2] === 0) continue; // an empty bin moves no row: same split as the previous bin
    gl += hist[o] as number;
    hl += hist[o + 1] as number;
    nl += hist[o + 2] as number;
    const before: Candidate | null = best;
    best = consider(best, totals, gl, hl, nl, false, p.lambda, p);
    if (n0 > 0) best = consider(best, totals, gl + g0, hl + h0, nl + n0, true, p.lambda, p);
    if (best !== before) bestBin = b;
  }
  return best ? toSplit(best, f, false, bestBin, [], totals, n0) : null;
}

function categoricalSplit(
  hist: Float64Array,
  layout: HistLayout,
  f: number,
  totals: Totals,
  p: SplitParams,
): Split | null {
  const base = 3 * (layout.offsets[f] as number);
  const nb = layout.numBins[f] as number;
  const present: { b: number; ratio: number }[] = [];
  for (let b = 1; b < nb; b++) {
    const o = base + 3 * b;
    if ((hist[o + 2] as number) > 0) {
      present.push({ b, ratio: (hist[o] as number) / ((hist[o + 1] as number) + p.catSmooth) });
    }
  }
  if (present.length < 2) return null;
  // Fisher's ordering: sorted by mean gradient, the optimal binary partition is a prefix (LightGBM does the same).
  present.sort((a, b) => a.ratio - b.ratio || a.b - b.b);
  const g0 = hist[base] as number;
  const h0 = hist[base + 1] as number;
  const n0 = hist[base + 2] as number;
  const lambda = p.lambda + p.catL2;
  let gl = 0;
  let hl = 0;
  let nl = 0;
  let best: Candidate | null = null;
  let bestK = -1;
  for (let k = 0; k < present.length - 1; k++) {
    const o = base + 3 * (present[k] as { b: number }).b;
    gl += hist[o] as number;
    hl += hist[o + 1] as number;
    nl += hist[o + 2] as number;
    const before: Candidate | null = best;
    best = consider(best, totals, gl, hl, nl, false, lambda, p);
    if (n0 > 0) best = consider(best, totals, gl + g0, hl + h0, nl + n0, true, lambda, p);
    if (best !== before) bestK = k;
  }
  if (!best) return null;
  const leftBins = present
    .slice(0, bestK + 1)
    .map((e) => e.b)
    .sort((a, b) => a - b);
  return toSplit(best, f, true, -1, leftBins, totals, n0);
}
