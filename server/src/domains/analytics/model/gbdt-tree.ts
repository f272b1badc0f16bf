import {
  buildHistogram,
  findBestSplit,
  type HistLayout,
  type Split,
  type SplitParams,
  subtractHistogram,
  type Totals,
} from './gbdt-split';

/**
 * One regression tree grown leaf-wise (best-first, as LightGBM does): the leaf
 * whose best split gains most is split next, until `maxLeaves` or no gain.
 * Nodes live in one array; node 0 is the root. `value` is the node's Newton
 * step times the learning rate, also for inner nodes, because path-based
 * reason codes credit each split with the change of value it makes.
 */
export type TreeNode = {
  /** -1 for a leaf. */
  feature: number;
  categorical: boolean;
  bin: number;
  leftBins: number[];
  defaultLeft: boolean;
  left: number;
  right: number;
  value: number;
  cover: number;
  gain: number;
};

export type TreeParams = SplitParams & { maxLeaves: number; maxDepth: number; learningRate: number };

export type GrowContext = {
  layout: HistLayout;
  bins: readonly Uint8Array[];
  categorical: Uint8Array;
  g: Float64Array;
  h: Float64Array;
  params: TreeParams;
  /** Spare histograms, reused across the trees of one boosting run (they are large: features × bins × 3). */
  pool: Float64Array[];
};

type Leaf = {
  node: number;
  start: number;
  end: number;
  depth: number;
  hist: Float64Array;
  totals: Totals;
  split: Split | null;
};

/** Does a row with bin `b` of the split feature go left? The same rule as the compiled forest's. */
function goesLeft(
  split: { categorical: boolean; bin: number; defaultLeft: boolean },
  mask: Uint8Array,
  b: number,
): boolean {
  if (b === 0) return split.defaultLeft;
  return split.categorical ? mask[b] === 1 : b <= split.bin;
}

let scratchBuffer = new Uint32Array(0);
// One scratch buffer for partitions, reused across trees (training is single-threaded).
function scratchFor(n: number): Uint32Array {
  if (scratchBuffer.length < n) scratchBuffer = new Uint32Array(n);
  return scratchBuffer;
}

/** Grow one tree on `rows` (reordered in place) using only `features`. */
export function growTree(ctx: GrowContext, rows: Uint32Array, features: Int32Array): TreeNode[] {
  const p = ctx.params;
  const pool = ctx.pool;
  const take = () => pool.pop() ?? new Float64Array(ctx.layout.size);
  const nodes: TreeNode[] = [];
  const scratch = scratchFor(rows.length);
  const mask = new Uint8Array(256);

  const addNode = (t: Totals): number => {
    nodes.push({
      feature: -1,
      categorical: false,
      bin: -1,
      leftBins: [],
      defaultLeft: true,
      left: -1,
      right: -1,
      value: (-t.g / (t.h + p.lambda)) * p.learningRate,
      cover: t.h,
      gain: 0,
    });
    return nodes.length - 1;
  };
  const canSplit = (depth: number, t: Totals) => (p.maxDepth <= 0 || depth < p.maxDepth) && t.n >= 2 * p.minSamplesLeaf;
  const evaluate = (leaf: Leaf) => {
    leaf.split = canSplit(leaf.depth, leaf.totals)
      ? findBestSplit(leaf.hist, ctx.layout, features, ctx.categorical, leaf.totals, p)
      : null;
    if (!leaf.split) pool.push(leaf.hist);
  };

  const rootHist = take();
  buildHistogram(ctx.layout, ctx.bins, features, rows, 0, rows.length, ctx.g, ctx.h, rootHist);
  let tg = 0;
  let th = 0;
  for (let i = 0; i < rows.length; i++) {
    tg += ctx.g[rows[i] as number] as number;
    th += ctx.h[rows[i] as number] as number;
  }
  const rootTotals = { g: tg, h: th, n: rows.length };
  const root: Leaf = {
    node: addNode(rootTotals),
    start: 0,
    end: rows.length,
    depth: 0,
    hist: rootHist,
    totals: rootTotals,
    split: null,
  };
  evaluate(root);
  let open: Leaf[] = root.split ? [root] : [];
  let leaves = 1;

  while (leaves < p.maxLeaves && open.length > 0) {
    // Best gain first; ties go to the older node, so growth order is deterministic.
    let bi = 0;
    for (let i = 1; i < open.length; i++) {
      const a = open[i] as Leaf;
      const b = open[bi] as Leaf;
      if ((a.split as Split).gain > (b.split as Split).gain) bi = i;
    }
    const leaf = open[bi] as Leaf;
    open = open.filter((_, i) => i !== bi);
    const split = leaf.split as Split;
    mask.fill(0);
    for (const b of split.leftBins) mask[b] = 1;

    // Stable partition of the leaf's rows: left rows first, then right rows.
    const col = ctx.bins[split.feature] as Uint8Array;
    let l = leaf.start;
    let r = 0;
    const { categorical, bin, defaultLeft } = split;
    for (let i = leaf.start; i < leaf.end; i++) {
      const row = rows[i] as number;
      const b = col[row] as number;
      if (b === 0 ? defaultLeft : categorical ? mask[b] === 1 : b <= bin) rows[l++] = row;
      else scratch[r++] = row;
    }
    rows.set(scratch.subarray(0, r), l);

    const parent = nodes[leaf.node] as TreeNode;
    parent.feature = split.feature;
    parent.categorical = split.categorical;
    parent.bin = split.bin;
    parent.leftBins = split.leftBins;
    parent.defaultLeft = split.defaultLeft;
    parent.gain = split.gain;
    parent.left = addNode(split.left);
    parent.right = addNode(split.right);

    const left: Leaf = {
      node: parent.left,
      start: leaf.start,
      end: l,
      depth: leaf.depth + 1,
      hist: leaf.hist,
      totals: split.left,
      split: null,
    };
    const right: Leaf = {
      node: parent.right,
      start: l,
      end: leaf.end,
      depth: leaf.depth + 1,
      hist: leaf.hist,
      totals: split.right,
      split: null,
    };
    // Count the smaller child; the larger one is parent minus smaller, written over the parent's histogram.
    const [small, large] = left.end - left.start <= right.end - right.start ? [left, right] : [right, left];
    small.hist = take();
    buildHistogram(ctx.layout, ctx.bins, features, rows, small.start, small.end, ctx.g, ctx.h, small.hist);
    subtractHistogram(leaf.hist, small.hist, large.hist);
    evaluate(left);
    evaluate(right);
    if (left.split) open.push(left);
    if (right.split) open.push(right);
    leaves++;
  }
  for (const leaf of open) pool.push(leaf.hist);
  return nodes;
}

/**
 * A walker over binned values for one tree (training-time scoring of rows left
 * out of the bag and of the early-stopping hold-out), with categorical masks
 * precomputed so a step is a table look-up.
 */
export function binWalker(nodes: readonly TreeNode[]): (bins: readonly Uint8Array[], row: number) => number {
  const masks = nodes.map((n) => {
    if (!n.categorical) return null;
    const m = new Uint8Array(256);
    for (const b of n.leftBins) m[b] = 1;
    return m;
  });
  return (bins, row) => {
    let i = 0;
    for (;;) {
      const n = nodes[i] as TreeNode;
      if (n.feature < 0) return n.value;
      const b = (bins[n.feature] as Uint8Array)[row] as number;
      i = goesLeft(n, masks[i] as Uint8Array, b) ? n.left : n.right;
    }
  };
}
