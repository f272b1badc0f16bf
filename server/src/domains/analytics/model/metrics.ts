/**
 * Binary classification metrics. `y` is 0/1, `scores` are probabilities (or
 * any monotone score for AUC and lift). Ties are handled exactly: AUC counts a
 * tied positive/negative pair as half, lift shares a tied cut-off group pro rata,
 * so the figures do not depend on row order.
 */
export type BinaryMetrics = { auc: number; accuracy: number; f1: number; liftTopDecile: number; logLoss: number };

type Labels = ArrayLike<number>;
type Scores = ArrayLike<number>;

/** Row indices sorted by score ascending (stable on index, so deterministic). */
function orderByScore(scores: Scores): Uint32Array {
  const idx = new Uint32Array(scores.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  const s = Float64Array.from(scores as ArrayLike<number>);
  return idx.sort((a, b) => (s[a] as number) - (s[b] as number) || a - b);
}

/** Area under the ROC curve by the rank-sum (Mann–Whitney) formula with mid-ranks for ties. NaN if one class is absent. */
export function auc(y: Labels, scores: Scores): number {
  const n = y.length;
  const order = orderByScore(scores);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    const v = scores[order[i] as number] as number;
    while (j + 1 < n && scores[order[j + 1] as number] === v) j++;
    const midRank = (i + j) / 2 + 1; // ranks are 1-based
    for (let k = i; k <= j; k++) {
      if (y[order[k] as number] === 1) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function confusion(y: Labels, scores: Scores, threshold: number) {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < y.length; i++) {
    const predicted = (scores[i] as number) >= threshold;
    if (y[i] === 1) predicted ? tp++ : fn++;
    else predicted ? fp++ : tn++;
  }
  return { tp, fp, tn, fn };
}

/** Share of rows whose label equals `score >= threshold`. */
export function accuracy(y: Labels, scores: Scores, threshold = 0.5): number {
  const c = confusion(y, scores, threshold);
  return y.length === 0 ? Number.NaN : (c.tp + c.tn) / y.length;
}

/** F1 of the positive class at `threshold`; 0 when nothing is predicted positive and nothing is. */
export function f1(y: Labels, scores: Scores, threshold = 0.5): number {
  const c = confusion(y, scores, threshold);
  const denominator = 2 * c.tp + c.fp + c.fn;
  return denominator === 0 ? 0 : (2 * c.tp) / denominator;
}

/**
 * Lift in the top `fraction` (default a decile) of scores: the positive rate
 * among the highest-scored rows over the overall positive rate. The rows tied
 * at the cut-off score count pro rata, as a random tie-break would on average.
 */
export function liftAt(y: Labels, scores: Scores, fraction = 0.1): number {
  const n = y.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i] === 1 ? 1 : 0;
  if (n === 0 || positives === 0) return Number.NaN;
  const k = Math.max(1, Math.ceil(n * fraction));
  const order = orderByScore(scores).reverse();
  let taken = 0;
  let hits = 0;
  let i = 0;
  while (i < n && taken < k) {
    let j = i;
    const v = scores[order[i] as number] as number;
    let groupHits = 0;
    while (j < n && scores[order[j] as number] === v) groupHits += y[order[j++] as number] === 1 ? 1 : 0;
    const size = j - i;
    const share = Math.min(size, k - taken);
    hits += (groupHits * share) / size;
    taken += share;
    i = j;
  }
  return hits / k / (positives / n);
}

/** Mean negative log-likelihood, probabilities clipped away from 0 and 1. */
export function logLoss(y: Labels, p: Scores): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i] as number));
    sum -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return y.length === 0 ? Number.NaN : sum / y.length;
}

/** Every metric the kit reports, at a 0.5 probability threshold for accuracy and F1. */
export function binaryMetrics(y: Labels, p: Scores, threshold = 0.5): BinaryMetrics {
  return {
    auc: auc(y, p),
    accuracy: accuracy(y, p, threshold),
    f1: f1(y, p, threshold),
    liftTopDecile: liftAt(y, p, 0.1),
    logLoss: logLoss(y, p),
  };
}

/** Mean of each metric across folds or seeds. */
export function meanMetrics(list: readonly BinaryMetrics[]): BinaryMetrics {
  const keys: (keyof BinaryMetrics)[] = ['auc', 'accuracy', 'f1', 'liftTopDecile', 'logLoss'];
  const out = { auc: 0, accuracy: 0, f1: 0, liftTopDecile: 0, logLoss: 0 };
  for (const k of keys) out[k] = list.reduce((s, m) => s + m[k], 0) / list.length;
  return out;
}
