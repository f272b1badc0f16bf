import { buildHistogram, subtractHistogram, type Totals } from './gbdt-split';
import type { GrowContext, TreeNode } from './gbdt-tree';

/**
 * Oblivious (symmetric) trees, as CatBoost grows them: every node of a level
 * splits on the same feature and threshold, chosen to maximise the gain summed
 * over the level. The constraint is a strong regulariser on small, noisy
 * tables. The result is stored as an ordinary full binary tree, so scoring and
 * reason codes are the same as for leaf-wise trees.
 * Categorical features are ordered once per tree by the root's mean gradient
 * and split as if ordinal in that order.
 */
type Leaf = { start: number; end: number; hist: Float64Array; totals: Totals; node: number };

const score = (g: number, h: number, lambda: number) => (g * g) / (h + lambda);

export function growObliviousTree(
  ctx: GrowContext,
  rows: Uint32Array,
  features: Int32Array,
  depth: number,
): TreeNode[] {
  const p = ctx.params;
  const { layout } = ctx;
  const nodes: TreeNode[] = [];
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
  const take = () => ctx.pool.pop() ?? new Float64Array(layout.size);
  const rootHist = take();
  buildHistogram(layout, ctx.bins, features, rows, 0, rows.length, ctx.g, ctx.h, rootHist);
  let tg = 0;
  let th = 0;
  for (let i = 0; i < rows.length; i++) {
    tg += ctx.g[rows[i] as number] as number;
    th += ctx.h[rows[i] as number] as number;
  }
  const rootTotals = { g: tg, h: th, n: rows.length };
  // Per categorical feature, its bins in order of mean gradient at the root.
  const order = new Map<number, number[]>();
  for (const f of features) {
    const nb = layout.numBins[f] as number;
    const base = 3 * (layout.offsets[f] as number);
    const bins = Array.from({ length: nb - 1 }, (_, i) => i + 1);
    if (ctx.categorical[f] === 1) {
      const ratio = (b: number) =>
        (rootHist[base + 3 * b] as number) / ((rootHist[base + 3 * b + 1] as number) + p.catSmooth);
      bins.sort((a, b) => ratio(a) - ratio(b) || a - b);
    }
    order.set(f, bins);
  }
  let level: Leaf[] = [{ start: 0, end: rows.length, hist: rootHist, totals: rootTotals, node: addNode(rootTotals) }];
  const scratch = new Uint32Array(rows.length);
  const mask = new Uint8Array(256);

  for (let d = 0; d < depth; d++) {
    let best = { gain: 1e-12, f: -1, k: -1, defaultLeft: true, leftN: 0, rightN: 0 };
    for (const f of features) {
      const bins = order.get(f) as number[];
      const base = 3 * (layout.offsets[f] as number);
      const lambda = ctx.categorical[f] === 1 ? p.lambda + p.catL2 : p.lambda;
      // Cumulative left sums per leaf along the ordered bins.
      const gl = new Float64Array(level.length);
      const hl = new Float64Array(level.length);
      const nl = new Float64Array(level.length);
      for (let k = 0; k < bins.length - 1; k++) {
        const o = base + 3 * (bins[k] as number);
        for (let j = 0; j < level.length; j++) {
          const hist = (level[j] as Leaf).hist;
          gl[j] = (gl[j] as number) + (hist[o] as number);
          hl[j] = (hl[j] as number) + (hist[o + 1] as number);
          nl[j] = (nl[j] as number) + (hist[o + 2] as number);
        }
        for (const missingLeft of [false, true]) {
          let gain = 0;
          let leftN = 0;
          let rightN = 0;
          for (let j = 0; j < level.length; j++) {
            const leaf = level[j] as Leaf;
            const t = leaf.totals;
            const mg = missingLeft ? (leaf.hist[base] as number) : 0;
            const mh = missingLeft ? (leaf.hist[base + 1] as number) : 0;
            const mn = missingLeft ? (leaf.hist[base + 2] as number) : 0;
            const lg = (gl[j] as number) + mg;
            const lh = (hl[j] as number) + mh;
            const ln = (nl[j] as number) + mn;
            leftN += ln;
            rightN += t.n - ln;
            if (ln === 0 || ln === t.n) continue;
            gain += score(lg, lh, lambda) + score(t.g - lg, t.h - lh, lambda) - score(t.g, t.h, lambda);
          }
          if (leftN < p.minSamplesLeaf || rightN < p.minSamplesLeaf) continue;
          if (gain - p.gamma > best.gain)
            best = { gain: gain - p.gamma, f, k, defaultLeft: missingLeft, leftN, rightN };
        }
      }
    }
    if (best.f < 0) break;
    // With no missing value at this level, unseen missing values later follow the larger side
    // (as in leaf-wise trees), so "missing" reads as a typical value in reason codes.
    const missingBase = 3 * (layout.offsets[best.f] as number) + 2;
    if (level.every((leaf) => leaf.hist[missingBase] === 0)) best.defaultLeft = best.leftN >= best.rightN;
    const bins = order.get(best.f) as number[];
    const categorical = ctx.categorical[best.f] === 1;
    const leftBins = categorical ? bins.slice(0, best.k + 1).sort((a, b) => a - b) : [];
    const bin = categorical ? -1 : (bins[best.k] as number);
    mask.fill(0);
    for (const b of leftBins) mask[b] = 1;
    const col = ctx.bins[best.f] as Uint8Array;
    const next: Leaf[] = [];
    for (const leaf of level) {
      let l = leaf.start;
      let r = 0;
      for (let i = leaf.start; i < leaf.end; i++) {
        const row = rows[i] as number;
        const b = col[row] as number;
        const left = b === 0 ? best.defaultLeft : categorical ? mask[b] === 1 : b <= bin;
        if (left) rows[l++] = row;
        else scratch[r++] = row;
      }
      rows.set(scratch.subarray(0, r), l);
      // Count the smaller child; the larger is the parent minus it, in the parent's buffer.
      const leftSmaller = l - leaf.start <= leaf.end - l;
      const small = take();
      if (leftSmaller) buildHistogram(layout, ctx.bins, features, rows, leaf.start, l, ctx.g, ctx.h, small);
      else buildHistogram(layout, ctx.bins, features, rows, l, leaf.end, ctx.g, ctx.h, small);
      subtractHistogram(leaf.hist, small, leaf.hist);
      const lh = leftSmaller ? small : leaf.hist;
      const rh = leftSmaller ? leaf.hist : small;
      const lt = totalsOf(ctx, rows, leaf.start, l);
      const rt = { g: leaf.totals.g - lt.g, h: leaf.totals.h - lt.h, n: leaf.totals.n - lt.n };
      const parent = nodes[leaf.node] as TreeNode;
      Object.assign(parent, {
        feature: best.f,
        categorical,
        bin,
        leftBins,
        defaultLeft: best.defaultLeft,
        gain: best.gain / level.length,
      });
      parent.left = addNode(lt);
      parent.right = addNode(rt);
      next.push({ start: leaf.start, end: l, hist: lh, totals: lt, node: parent.left });
      next.push({ start: l, end: leaf.end, hist: rh, totals: rt, node: parent.right });
    }
    level = next;
  }
  for (const leaf of level) ctx.pool.push(leaf.hist);
  return nodes;
}

function totalsOf(ctx: GrowContext, rows: Uint32Array, start: number, end: number): Totals {
  let g = 0;
  let h = 0;
  for (let i = start; i < end; i++) {
    g += ctx.g[rows[i] as number] as number;
    h += ctx.h[rows[i] as number] as number;
  }
  return { g, h, n: end - start };
}
