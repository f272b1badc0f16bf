import type { Dataset, Feature, Matrix, RawRecord } from './dataset';
import { encodeRecords } from './dataset';
import { type CompiledForest, compileForest, forestRawScoreRow, forestRawScores } from './forest';
import { defaultGbdtParams, type GbdtParams, trainGbdt } from './gbdt';
import { defaultLogregParams, type LogregParams, logregRawScores, trainLogreg } from './logreg';
import { modelError } from './model.errors';
import { type GbdtModel, type Model, type ModelMetadata, modelFormat, modelSchema, modelVersion } from './model.schema';

export type Algorithm = Model['algorithm'];

/** What a model is trained on: a Dataset, or the same fields from elsewhere (e.g. a database query). */
export type TrainingData = Pick<Dataset, 'features' | 'x' | 'y'> &
  Partial<Pick<Dataset, 'target' | 'positiveLabel' | 'negativeLabel'>>;

type Common = { seed?: number; metadata?: ModelMetadata };
export type TrainOptions =
  | (Common & { algorithm?: 'gbdt'; params?: Partial<GbdtParams> })
  | (Common & { algorithm: 'logreg'; params?: Partial<LogregParams> });

/**
 * Train a binary classifier. Deterministic: the same data, options and seed
 * give a byte-identical serialised model.
 */
export function train(data: TrainingData, options: TrainOptions = {}): Model {
  if (data.x.columns.length !== data.features.length) {
    throw modelError('model.bad_dataset', 'the matrix has a different number of columns than features');
  }
  if (data.y.length !== data.x.rows) throw modelError('model.bad_dataset', 'labels and rows differ in number');
  const seed = options.seed ?? 1;
  let positives = 0;
  for (let i = 0; i < data.y.length; i++) positives += data.y[i] === 1 ? 1 : 0;
  const common = {
    format: modelFormat,
    version: modelVersion,
    seed,
    features: data.features.map((f) => ({ name: f.name, kind: f.kind, categories: [...f.categories] })),
    target:
      data.target !== undefined
        ? { name: data.target, positive: data.positiveLabel ?? '1', negative: data.negativeLabel ?? '0' }
        : null,
    training: { rows: data.x.rows, positives },
    metadata: { ...(options.metadata ?? {}) },
    metrics: {},
  } as const;
  if (options.algorithm === 'logreg') {
    const params = { ...defaultLogregParams, ...options.params };
    return { ...common, algorithm: 'logreg', params, logreg: trainLogreg(data.features, data.x, data.y, params) };
  }
  const params = { ...defaultGbdtParams, ...options.params };
  const { forest } = trainGbdt(data.features, data.x, data.y, params, seed);
  return { ...common, algorithm: 'gbdt', params, forest };
}

const compiled = new WeakMap<GbdtModel, CompiledForest>();

/** The typed-array form of a GBDT model, built once per model object. */
export function compiledForestOf(model: GbdtModel): CompiledForest {
  let cf = compiled.get(model);
  if (!cf) {
    cf = compileForest(model.forest);
    compiled.set(model, cf);
  }
  return cf;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Log-odds of every row of `x` (columns in the order of `model.features`). */
export function rawScores(model: Model, x: Matrix): Float64Array {
  if (x.columns.length !== model.features.length) {
    throw modelError(
      'model.bad_dataset',
      `the model has ${model.features.length} features, the matrix ${x.columns.length} columns`,
    );
  }
  return model.algorithm === 'gbdt' ? forestRawScores(compiledForestOf(model), x) : logregRawScores(model.logreg, x);
}

/** Probability of the positive class for every row of `x`. */
export function score(model: Model, x: Matrix): Float64Array {
  const raw = rawScores(model, x);
  for (let i = 0; i < raw.length; i++) raw[i] = sigmoid(raw[i] as number);
  return raw;
}

/** Probability for records keyed by feature name (unseen categories and absent fields count as missing). */
export function scoreRecords(model: Model, records: readonly RawRecord[]): Float64Array {
  return score(model, encodeRecords(model.features, records));
}

/** Probability of one dense row (feature values in model order, categories as indices). */
export function scoreRow(model: Model, row: ArrayLike<number>): number {
  if (model.algorithm === 'gbdt') return sigmoid(forestRawScoreRow(compiledForestOf(model), row));
  const x: Matrix = { rows: 1, columns: model.features.map((_, f) => Float64Array.of(row[f] as number)) };
  return sigmoid(logregRawScores(model.logreg, x)[0] as number);
}

/**
 * Re-encode a data set's columns for a model, matching features by name and
 * categories by label (another CSV may order columns or categories differently).
 */
export function alignToModel(model: Model, data: Pick<Dataset, 'features' | 'x'>): Matrix {
  const byName = new Map(data.features.map((f, i) => [f.name, i]));
  const columns = model.features.map((mf: Feature) => {
    const i = byName.get(mf.name);
    if (i === undefined)
      throw modelError('model.unknown_column', `the data has no column "${mf.name}" the model needs`);
    const src = data.x.columns[i] as Float64Array;
    const df = data.features[i] as Feature;
    if (mf.kind === 'numeric') return src;
    const index = new Map(mf.categories.map((c, k) => [c, k]));
    const remap = df.categories.map((c) => index.get(c) ?? Number.NaN);
    return Float64Array.from(src, (v) => (!Number.isNaN(v) ? (remap[v] ?? Number.NaN) : Number.NaN));
  });
  return { rows: data.x.rows, columns };
}

/** A copy of the model with metrics (e.g. cross-validated AUC) recorded in it. */
export function withMetrics(model: Model, metrics: Record<string, number>): Model {
  return { ...model, metrics: { ...model.metrics, ...metrics } };
}

/** The model as JSON text; the same model always gives the same bytes. */
export function serialiseModel(model: Model): string {
  return JSON.stringify(model);
}

/** Parse and check a model written by `serialiseModel`. */
export function deserialiseModel(json: string): Model {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw modelError('model.bad_model', 'the model is not valid JSON');
  }
  const parsed = modelSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw modelError(
      'model.bad_model',
      `the model JSON is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  const model = parsed.data;
  if (model.algorithm === 'gbdt') checkForest(model);
  return model;
}

function checkForest(model: GbdtModel): void {
  const f = model.forest;
  const n = f.feature.length;
  const same = [f.threshold, f.left, f.right, f.defaultLeft, f.value, f.cover, f.gain].every((a) => a.length === n);
  const inRange = f.feature.every((j, i) => {
    if (j < 0) return true;
    const l = f.left[i] as number;
    const r = f.right[i] as number;
    return j < model.features.length && l > i && r > i && l < n && r < n;
  });
  if (!same || !inRange || f.categoryBins.length !== model.features.length || f.roots.some((r) => r < 0 || r >= n)) {
    throw modelError('model.bad_model', 'the model forest is inconsistent');
  }
}
