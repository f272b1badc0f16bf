import type { Matrix } from './dataset';

/**
 * A trained GBDT as plain JSON-ready arrays, every tree's nodes one after the
 * other (`roots[t]` is tree t's first node). A node with `feature` -1 is a
 * leaf. A numeric split sends `value <= threshold` left; a categorical split
 * maps the category index through `categoryBins[feature]` and sends the bins
 * set in `catBits` (starting at word `threshold`) left. Missing values, and
 * categories too rare at training time (bin 0), follow `defaultLeft`.
 * `value` is in log-odds and already scaled by the learning rate.
 */
export type Forest = {
  baseScore: number;
  roots: number[];
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  defaultLeft: (0 | 1)[];
  value: number[];
  /** Hessian sum (weighted p(1-p)) of the training rows that reached the node. */
  cover: number[];
  /** Split gain, for feature importance. */
  gain: number[];
  catBits: number[];
  /** Per feature: category index -> bin (empty for numeric features). */
  categoryBins: number[][];
};

/** The same forest in typed arrays, for scoring a million rows without boxing. */
export type CompiledForest = {
  baseScore: number;
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  defaultLeft: Uint8Array;
  categoricalNode: Uint8Array;
  value: Float64Array;
  catBits: Uint32Array;
  categoryBins: (Int32Array | null)[];
};

export function compileForest(f: Forest): CompiledForest {
  const categoryBins = f.categoryBins.map((c) => (c.length > 0 ? Int32Array.from(c) : null));
  const feature = Int32Array.from(f.feature);
  return {
    baseScore: f.baseScore,
    roots: Int32Array.from(f.roots),
    feature,
    threshold: Float64Array.from(f.threshold),
    left: Int32Array.from(f.left),
    right: Int32Array.from(f.right),
    defaultLeft: Uint8Array.from(f.defaultLeft),
    categoricalNode: Uint8Array.from(feature, (j) => (j >= 0 && categoryBins[j] ? 1 : 0)),
    value: Float64Array.from(f.value),
    catBits: Uint32Array.from(f.catBits),
    categoryBins,
  };
}

/** Does value `v` of node `node`'s feature go left? */
function goesLeft(cf: CompiledForest, node: number, v: number): boolean {
  if (Number.isNaN(v)) return cf.defaultLeft[node] === 1; // NaN: missing
  if (cf.categoricalNode[node] === 1) {
    const b = (cf.categoryBins[cf.feature[node] as number] as Int32Array)[v] ?? 0;
    if (b === 0) return cf.defaultLeft[node] === 1;
    return (((cf.catBits[(cf.threshold[node] as number) + (b >>> 5)] as number) >>> (b & 31)) & 1) === 1;
  }
  return v <= (cf.threshold[node] as number);
}

/** Log-odds of every row of `x`, tree by tree (a tree's few nodes stay in cache across rows). */
export function forestRawScores(cf: CompiledForest, x: Matrix): Float64Array {
  const out = new Float64Array(x.rows).fill(cf.baseScore);
  const cols = x.columns;
  const { feature, threshold, left, right, categoricalNode, value } = cf;
  for (let t = 0; t < cf.roots.length; t++) {
    const root = cf.roots[t] as number;
    for (let i = 0; i < x.rows; i++) {
      let node = root;
      let f = feature[node] as number;
      while (f >= 0) {
        const v = (cols[f] as Float64Array)[i] as number;
        // The common case inline (numeric, present); categories and missing values via goesLeft.
        const l =
          categoricalNode[node] === 0 && !Number.isNaN(v) ? v <= (threshold[node] as number) : goesLeft(cf, node, v);
        node = l ? (left[node] as number) : (right[node] as number);
        f = feature[node] as number;
      }
      out[i] = (out[i] as number) + (value[node] as number);
    }
  }
  return out;
}

/** Log-odds of one row given as a dense vector of feature values. */
export function forestRawScoreRow(cf: CompiledForest, row: ArrayLike<number>): number {
  let s = cf.baseScore;
  for (let t = 0; t < cf.roots.length; t++) {
    let node = cf.roots[t] as number;
    while ((cf.feature[node] as number) >= 0) {
      node = goesLeft(cf, node, row[cf.feature[node] as number] as number)
        ? (cf.left[node] as number)
        : (cf.right[node] as number);
    }
    s += cf.value[node] as number;
  }
  return s;
}

/**
 * Path-based contributions (Saabas): along the row's path in each tree, the
 * change of node value at a split is credited to the split's feature. They add
 * up exactly: bias + sum(contributions) = the row's log-odds.
 */
export function forestContributions(
  cf: CompiledForest,
  row: ArrayLike<number>,
  features: number,
): { bias: number; contributions: Float64Array } {
  const contributions = new Float64Array(features);
  let bias = cf.baseScore;
  for (let t = 0; t < cf.roots.length; t++) {
    let node = cf.roots[t] as number;
    bias += cf.value[node] as number;
    while ((cf.feature[node] as number) >= 0) {
      const f = cf.feature[node] as number;
      const next = goesLeft(cf, node, row[f] as number) ? (cf.left[node] as number) : (cf.right[node] as number);
      contributions[f] = (contributions[f] as number) + (cf.value[next] as number) - (cf.value[node] as number);
      node = next;
    }
  }
  return { bias, contributions };
}
