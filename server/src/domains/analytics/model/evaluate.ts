import path from 'node:path';
import { crossValidate, type FoldResult } from './cv';
import { buildDataset, readCsvFile } from './dataset';
import type { GbdtParams } from './gbdt';
import type { LogregParams } from './logreg';
import { type BinaryMetrics, meanMetrics } from './metrics';
import type { Algorithm } from './model';
import { modelError } from './model.errors';
import { type PresetName, presets } from './presets';

export type EvaluateOptions = {
  preset?: PresetName;
  /** CSV file; with a preset, defaults to the preset's file under `dataRoot`. */
  csv?: string;
  dataRoot?: string;
  target?: string;
  positive?: string;
  /** Columns to drop; with a preset, added to the preset's. */
  drop?: string[];
  delimiter?: string;
  folds?: number;
  seeds?: number[];
  model?: Algorithm;
  params?: Partial<GbdtParams> | Partial<LogregParams>;
};

export type SeedResult = { seed: number; mean: BinaryMetrics; folds: FoldResult[]; trainSeconds: number };

export type EvaluateResult = {
  file: string;
  rows: number;
  positives: number;
  target: string;
  positiveLabel: string;
  features: string[];
  dropped: string[];
  model: Algorithm;
  params: Partial<GbdtParams> | Partial<LogregParams>;
  folds: number;
  seeds: SeedResult[];
  /** Mean over seeds of each seed's mean over folds. */
  mean: BinaryMetrics;
  trainSeconds: number;
};

/** Cross-validate a model on a CSV or a preset, once per seed (`banyan analytics evaluate`). */
export function evaluate(options: EvaluateOptions): EvaluateResult {
  const preset = options.preset ? presets[options.preset] : undefined;
  const file = options.csv ?? (preset ? path.join(options.dataRoot ?? '.', preset.file) : undefined);
  if (!file) throw modelError('model.bad_option', 'name a CSV file or a preset', { option: 'csv' });
  const target = options.target ?? preset?.target;
  if (!target) throw modelError('model.bad_option', 'name the target column', { option: 'target' });
  const folds = options.folds ?? 5;
  if (!Number.isInteger(folds) || folds < 2) {
    throw modelError('model.bad_option', `folds must be a whole number >= 2, got ${folds}`, { option: 'folds' });
  }
  const seeds = options.seeds ?? [1];
  if (seeds.length === 0) throw modelError('model.bad_option', 'give at least one seed', { option: 'seeds' });
  const algorithm = options.model ?? 'gbdt';
  // A preset's fixed hyper-parameters are for its GBDT; explicit params win.
  const params = { ...(algorithm === 'gbdt' ? preset?.params : {}), ...options.params };
  const drop = [...(preset?.drop ?? []), ...(options.drop ?? [])];

  const table = readCsvFile(file, { delimiter: options.delimiter ?? preset?.delimiter });
  const positive = options.positive ?? (target === preset?.target ? preset.positive : undefined);
  const data = buildDataset(table, { target, positive, drop });
  const dropped = table.header.filter((h) => h !== target && !data.features.some((f) => f.name === h));

  const perSeed: SeedResult[] = seeds.map((seed) => {
    const cv = crossValidate(data, {
      folds,
      seed,
      train: { algorithm, params } as Parameters<typeof crossValidate>[1]['train'],
    });
    return { seed, mean: cv.mean, folds: cv.folds, trainSeconds: cv.trainSeconds };
  });
  let positives = 0;
  for (const v of data.y) positives += v;
  return {
    file,
    rows: data.x.rows,
    positives,
    target,
    positiveLabel: data.positiveLabel,
    features: data.features.map((f) => f.name),
    dropped,
    model: algorithm,
    params,
    folds,
    seeds: perSeed,
    mean: meanMetrics(perSeed.map((s) => s.mean)),
    trainSeconds: perSeed.reduce((s, r) => s + r.trainSeconds, 0),
  };
}

const f4 = (v: number) => v.toFixed(4);

/** The evaluation as printed by the CLI: per-seed means, the mean AUC over seeds, training time. */
export function formatEvaluation(r: EvaluateResult): string[] {
  const models = r.seeds.length * r.folds;
  const params = Object.entries(r.params).map(([k, v]) => `${k}=${v}`);
  return [
    `data: ${r.file}`,
    `  ${r.rows} rows, ${r.positives} positive (${r.target} = ${r.positiveLabel}, ${((100 * r.positives) / r.rows).toFixed(2)} %)`,
    `  ${r.features.length} features: ${r.features.join(', ')}`,
    `  dropped: ${r.dropped.length > 0 ? r.dropped.join(', ') : '(none)'}`,
    `model: ${r.model}${params.length > 0 ? ` (${params.join(', ')})` : ' (defaults)'}, ${r.folds}-fold stratified CV`,
    ...r.seeds.map(
      (s) =>
        `seed ${s.seed}: AUC ${f4(s.mean.auc)}  accuracy ${f4(s.mean.accuracy)}  F1 ${f4(s.mean.f1)}  lift@top10% ${s.mean.liftTopDecile.toFixed(2)}  (folds AUC ${s.folds.map((f) => f4(f.auc)).join(' ')}; train ${s.trainSeconds.toFixed(1)} s)`,
    ),
    `mean AUC over seeds ${r.seeds.map((s) => s.seed).join(',')}: ${f4(r.mean.auc)}  (accuracy ${f4(r.mean.accuracy)}, F1 ${f4(r.mean.f1)}, lift@top10% ${r.mean.liftTopDecile.toFixed(2)})`,
    `training time: ${r.trainSeconds.toFixed(1)} s for ${models} models (${(r.trainSeconds / models).toFixed(2)} s per model, ~${Math.round((r.rows * (r.folds - 1)) / r.folds)} rows each)`,
  ];
}
