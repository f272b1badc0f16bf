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

/**
 * The same forest in typed arrays, for scoring a million rows without boxing.
 * A categorical node's bitset over bins is expanded to a direction per
 * category index (`catLeft[catStart[node] + c]`, rare categories already
 * resolved to the default direction), so a categorical step is one look-up.
 */
export type CompiledForest = {
  baseScore: number;
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  /** The left child; the right child is the next node. -1 for a leaf. */
  first: Int32Array;
  defaultLeft: Uint8Array;
  /** -1 for numeric splits and leaves. */
  catStart: Int32Array;
  catCount: Int32Array;
  catLeft: Uint8Array;
  value: Float64Array;
  /** Per tree: its depth when it is oblivious (complete, one split per level), else -1. */
  obliviousDepth: Int32Array;
};

export function compileForest(f: Forest): CompiledForest {
  // Renumber each tree breadth-first so that a node's children are adjacent
  // (right = left + 1): the hot loop then steps with `first + (goes right)`,
  // arithmetic instead of a hard-to-predict branch between two loads.
  const order: number[] = [];
  const newId = new Int32Array(f.feature.length).fill(-1);
  const roots: number[] = [];
  for (const root of f.roots) {
    roots.push(order.length);
    newId[root] = order.length;
    order.push(root);
    for (let k = order.length - 1; k < order.length; k++) {
      const old = order[k] as number;
      if ((f.feature[old] as number) < 0) continue;
      for (const child of [f.left[old] as number, f.right[old] as number]) {
        newId[child] = order.length;
        order.push(child);
      }
    }
  }
  const n = order.length;
  const feature = new Int32Array(n);
  const threshold = new Float64Array(n);
  const first = new Int32Array(n).fill(-1);
  const defaultLeft = new Uint8Array(n);
  const value = new Float64Array(n);
  const catStart = new Int32Array(n).fill(-1);
  const catCount = new Int32Array(n);
  const directions: number[] = [];
  order.forEach((old, node) => {
    const j = f.feature[old] as number;
    feature[node] = j;
    threshold[node] = f.threshold[old] as number;
    defaultLeft[node] = f.defaultLeft[old] as number;
    value[node] = f.value[old] as number;
    if (j < 0) return;
    first[node] = newId[f.left[old] as number] as number;
    const bins = f.categoryBins[j] ?? [];
    if (bins.length === 0) return;
    catStart[node] = directions.length;
    catCount[node] = bins.length;
    const words = f.threshold[old] as number;
    for (const b of bins) {
      directions.push(
        b === 0 ? (f.defaultLeft[old] as number) : ((f.catBits[words + (b >>> 5)] as number) >>> (b & 31)) & 1,
      );
    }
  });
  const cf: CompiledForest = {
    baseScore: f.baseScore,
    roots: Int32Array.from(roots),
    feature,
    threshold,
    first,
    defaultLeft,
    catStart,
    catCount,
    catLeft: Uint8Array.from(directions),
    value,
    obliviousDepth: new Int32Array(roots.length).fill(-1),
  };
  roots.forEach((root, t) => {
    cf.obliviousDepth[t] = obliviousDepthOf(cf, root, roots[t + 1] ?? n);
  });
  return cf;
}

/**
 * The depth of the tree in nodes [root, end) if it is oblivious, else -1. In
 * breadth-first order a complete tree is a heap (children of position p at
 * 2p+1 and 2p+2), so an oblivious tree is scored from one split per level with
 * no walk through child indices.
 */
function obliviousDepthOf(cf: CompiledForest, root: number, end: number): number {
  // A complete tree of d split levels has 2^(d+1) - 1 nodes.
  const depth = Math.log2(end - root + 1) - 1;
  if (!Number.isInteger(depth)) return -1;
  const same = (a: number, b: number): boolean => {
    if (cf.feature[a] !== cf.feature[b] || cf.defaultLeft[a] !== cf.defaultLeft[b]) return false;
    const ca = cf.catStart[a] as number;
    const cb = cf.catStart[b] as number;
    if (ca < 0 || cb < 0) return ca === cb && cf.threshold[a] === cf.threshold[b];
    const k = cf.catCount[a] as number;
    for (let c = 0; c < k; c++) if (cf.catLeft[ca + c] !== cf.catLeft[cb + c]) return false;
    return true;
  };
  for (let p = 0; p < end - root; p++) {
    const node = root + p;
    const isLeaf = (cf.feature[node] as number) < 0;
    if (p >= (1 << depth) - 1) {
      if (!isLeaf) return -1;
      continue;
    }
    const levelFirst = root + (1 << Math.floor(Math.log2(p + 1))) - 1;
    if (isLeaf || cf.first[node] !== root + 2 * p + 1 || !same(node, levelFirst)) return -1;
  }
  return depth;
}

/** Does value `v` of node `node`'s feature go left? Missing and unknown categories take the default. */
function goesLeft(cf: CompiledForest, node: number, v: number): boolean {
  if (Number.isNaN(v)) return cf.defaultLeft[node] === 1;
  const start = cf.catStart[node] as number;
  if (start < 0) return v <= (cf.threshold[node] as number);
  if (v >= 0 && v < (cf.catCount[node] as number) && Number.isInteger(v)) return cf.catLeft[start + v] === 1;
  return cf.defaultLeft[node] === 1;
}

// Rows scored together: their values (block × features doubles) stay in cache
// while every tree walks them; tree by tree over a million rows would stream the
// whole matrix from memory once per tree.
const blockRows = 256;

/** Log-odds of every row of `x`, in blocks of rows copied row-major. */
export function forestRawScores(cf: CompiledForest, x: Matrix): Float64Array {
  const out = new Float64Array(x.rows).fill(cf.baseScore);
  const nf = x.columns.length;
  const block = new Float64Array(blockRows * nf);
  const { feature, threshold, first, catStart, value, roots } = cf;
  for (let start = 0; start < x.rows; start += blockRows) {
    const size = Math.min(blockRows, x.rows - start);
    for (let f = 0; f < nf; f++) {
      const col = x.columns[f] as Float64Array;
      for (let i = 0; i < size; i++) block[i * nf + f] = col[start + i] as number;
    }
    for (let t = 0; t < roots.length; t++) {
      const root = roots[t] as number;
      const depth = cf.obliviousDepth[t] as number;
      if (depth >= 0) {
        // One split per level: the path is the binary number of the decisions.
        const leaves = root + (1 << depth) - 1;
        for (let i = 0; i < size; i++) {
          const base = i * nf;
          let idx = 0;
          for (let d = 0; d < depth; d++) {
            const node = root + (1 << d) - 1;
            const v = block[base + (feature[node] as number)] as number;
            const right =
              catStart[node] === -1 && !Number.isNaN(v)
                ? +(v > (threshold[node] as number))
                : goesLeft(cf, node, v)
                  ? 0
                  : 1;
            idx = (idx << 1) | right;
          }
          out[start + i] = (out[start + i] as number) + (value[leaves + idx] as number);
        }
        continue;
      }
      for (let i = 0; i < size; i++) {
        const base = i * nf;
        let node = root;
        let f = feature[node] as number;
        while (f >= 0) {
          const v = block[base + f] as number;
          // The common case inline (numeric, present); categories and missing values via goesLeft.
          const right =
            catStart[node] === -1 && !Number.isNaN(v)
              ? +(v > (threshold[node] as number))
              : goesLeft(cf, node, v)
                ? 0
                : 1;
          node = (first[node] as number) + right;
          f = feature[node] as number;
        }
        out[start + i] = (out[start + i] as number) + (value[node] as number);
      }
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
      node = (cf.first[node] as number) + (goesLeft(cf, node, row[cf.feature[node] as number] as number) ? 0 : 1);
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
      const next = (cf.first[node] as number) + (goesLeft(cf, node, row[f] as number) ? 0 : 1);
      contributions[f] = (contributions[f] as number) + (cf.value[next] as number) - (cf.value[node] as number);
      node = next;
    }
  }
  return { bias, contributions };
}
