import { encodeRecords, type Feature, type Matrix, type RawRecord, rowOf } from './dataset';
import { forestContributions } from './forest';
import { logregContributions } from './logreg';
import { compiledForestOf, scoreRow } from './model';
import type { Model } from './model.schema';

/** A text in the two languages of the UI (zh-CN first). */
export type Bilingual = { zh: string; en: string };

export type ExplainOptions = {
  /** How many reasons to return (default 3). */
  top?: number;
  /** Labels for feature names, e.g. `{ Age: { zh: '年龄', en: 'Age' } }`; a plain string serves both languages. */
  labels?: Record<string, string | Bilingual>;
  /** What the score measures, for the sentence (default 风险 / the risk). */
  outcome?: Bilingual;
  /** Reasons that push the score up (default) or down. */
  direction?: 'up' | 'down';
};

export type Contribution = {
  feature: string;
  /** The raw value: a number, a category label, or null when missing. */
  value: number | string | null;
  /** Share of the log-odds credited to this feature (path-based for GBDT, coefficient × (x − mean) for LR). */
  contribution: number;
};

export type Reason = Contribution & {
  label: Bilingual;
  /** How much the probability falls (direction up) or rises (down) when this feature is set to missing. */
  impact: number;
  text: Bilingual;
};

export type Explanation = {
  score: number;
  /** Log-odds of the model before any feature's contribution. */
  bias: number;
  /** Every feature's contribution, largest magnitude first; bias + their sum = the row's log-odds. */
  contributions: Contribution[];
  reasons: Reason[];
};

const defaultOutcome: Bilingual = { zh: '风险', en: 'the risk' };

/** Per-feature contributions to the log-odds of one dense row. */
export function contributionsOf(model: Model, row: ArrayLike<number>): { bias: number; contributions: Float64Array } {
  return model.algorithm === 'gbdt'
    ? forestContributions(compiledForestOf(model), row, model.features.length)
    : logregContributions(model.logreg, row, model.features.length);
}

function rawValue(feature: Feature, v: number): number | string | null {
  if (Number.isNaN(v)) return null;
  return feature.kind === 'categorical' ? (feature.categories[v] ?? null) : v;
}

function display(v: number | string | null, lang: 'zh' | 'en'): string {
  if (v === null) return lang === 'zh' ? '缺失' : 'missing';
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? String(v) : String(Number.parseFloat(v.toFixed(2)));
}

function labelOf(name: string, labels: ExplainOptions['labels']): Bilingual {
  const l = labels?.[name];
  if (l === undefined) return { zh: name, en: name };
  return typeof l === 'string' ? { zh: l, en: l } : l;
}

/** The generic sentence of a reason: "Age = 62 raises the risk" / "年龄 = 62 使风险上升". */
export function reasonText(
  label: Bilingual,
  value: number | string | null,
  up: boolean,
  outcome: Bilingual,
): Bilingual {
  return {
    zh: `${label.zh} = ${display(value, 'zh')} 使${outcome.zh}${up ? '上升' : '下降'}`,
    en: `${label.en} = ${display(value, 'en')} ${up ? 'raises' : 'lowers'} ${outcome.en}`,
  };
}

/**
 * Why one row scores as it does. Reasons are the features with the largest
 * contributions in the asked direction, kept only when setting the feature
 * to missing (its neutral value) really moves the probability the other way:
 * a path credit can be positive while the missing-value branch is no safer,
 * and a reason an RM cannot check against the score would mislead.
 */
export function explainRow(model: Model, row: ArrayLike<number>, options: ExplainOptions = {}): Explanation {
  const top = options.top ?? 3;
  const up = (options.direction ?? 'up') === 'up';
  const outcome = options.outcome ?? defaultOutcome;
  const score = scoreRow(model, row);
  const { bias, contributions } = contributionsOf(model, row);
  const all: Contribution[] = model.features.map((f, i) => ({
    feature: f.name,
    value: rawValue(f, row[i] as number),
    contribution: contributions[i] as number,
  }));
  const order = all
    .map((_, i) => i)
    .sort((a, b) => Math.abs(contributions[b] as number) - Math.abs(contributions[a] as number) || a - b);
  const reasons: Reason[] = [];
  const probe = Float64Array.from(row);
  for (const i of order) {
    if (reasons.length >= top) break;
    const c = contributions[i] as number;
    if (up ? c <= 0 : c >= 0) continue;
    probe[i] = Number.NaN;
    const without = scoreRow(model, probe);
    probe[i] = row[i] as number;
    const impact = up ? score - without : without - score;
    if (impact <= 0) continue;
    const base = all[i] as Contribution;
    const label = labelOf(base.feature, options.labels);
    reasons.push({ ...base, label, impact, text: reasonText(label, base.value, up, outcome) });
  }
  return { score, bias, contributions: order.map((i) => all[i] as Contribution), reasons };
}

/** Explain row `row` of a matrix (columns in model order). */
export function explain(model: Model, x: Matrix, row: number, options: ExplainOptions = {}): Explanation {
  return explainRow(model, rowOf(x, row), options);
}

/** Explain a record keyed by feature name. */
export function explainRecord(model: Model, record: RawRecord, options: ExplainOptions = {}): Explanation {
  return explain(model, encodeRecords(model.features, [record]), 0, options);
}
