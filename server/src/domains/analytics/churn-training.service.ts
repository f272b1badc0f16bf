import { localDate } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { recordAudit } from '../audit';
import type { AnalyticsDeps } from './analytics.deps';
import { analyticsError } from './analytics.errors';
import { insertModel, type ModelRow } from './churn.repository';
import { addMonthsToDate } from './churn-features';
import { countCustomers, type FeatureRow, featureBatch } from './churn-features.repository';
import { churnFeatureSet, type LabelledFeature, toMatrix, toRecords } from './churn-model';
import { auc, type GbdtParams, liftAt, type Model, score, serialiseModel, train, withMetrics } from './model';
import { type ChurnSignalPort, registeredChurnSignals } from './ports';

/** Fixed in advance (not tuned on the validation window): small leaf-wise trees, as for the public presets. */
export const churnParams: Partial<GbdtParams> = {
  nEstimators: 200,
  learningRate: 0.05,
  maxLeaves: 8,
  maxDepth: 4,
  subsample: 0.8,
  colsample: 0.8,
};

export type Snapshot = { asOf: string; rows: FeatureRow[]; records: ReturnType<typeof toRecords>; y: Uint8Array };

/** The training population as of `asOf` with churn labels over the horizon after it, read in keyset batches. */
export async function labelledSnapshot(
  deps: AnalyticsDeps,
  db: DbOrTx,
  asOf: string,
  signals: readonly ChurnSignalPort[],
  batch = 5000,
): Promise<Snapshot> {
  const total = await countCustomers(db);
  const sampleMod = Math.max(1, Math.ceil(total / deps.config.churnTrainingMaxRows));
  const label = {
    horizonMonths: deps.config.churnHorizonMonths,
    rules: deps.config.churnRules,
    aumDropPercent: deps.config.churnAumDropPercent,
  };
  const rows: FeatureRow[] = [];
  let after = '';
  for (;;) {
    const got = await featureBatch(db, { asOf, after, limit: batch, active: false, sampleMod, label });
    rows.push(...got.filter((r) => r.inPopulation));
    if (got.length < batch) break;
    after = got.at(-1)?.id ?? after;
  }
  const values = await Promise.all(
    signals.map((s) =>
      s.load(
        db,
        rows.map((r) => r.id),
        asOf,
      ),
    ),
  );
  const records = toRecords(rows, signals, values);
  return { asOf, rows, records, y: Uint8Array.from(rows.map((r) => (r.churned ? 1 : 0))) };
}

function trainOn(
  features: LabelledFeature[],
  s: Snapshot,
  seed: number,
  metadata: Record<string, string | number>,
): Model {
  const minLeaf = Math.max(5, Math.min(50, Math.floor(s.rows.length / 40)));
  return train(
    { features, x: toMatrix(features, s.records), y: s.y, target: 'churned', positiveLabel: '1', negativeLabel: '0' },
    { algorithm: 'gbdt', params: { ...churnParams, minSamplesLeaf: minLeaf }, seed, metadata },
  );
}

function positives(y: Uint8Array): number {
  let n = 0;
  for (const v of y) n += v;
  return n;
}

/**
 * Train the churn model on the bank's own history with a time-ordered split:
 * features as of T-2H labelled over (T-2H, T-H] train the candidate, which is
 * validated on features as of T-H labelled over (T-H, T] (later customers and
 * later outcomes: nothing from the future leaks into training). The stored
 * model is then refit on the latest labelled window (T-H) with the same
 * parameters, and stored as a new version with its window, the validation
 * metrics and the feature list.
 */
export async function trainChurnModel(
  deps: AnalyticsDeps,
  actorId: string,
  opts: { seed?: number } = {},
): Promise<ModelRow> {
  const seed = opts.seed ?? 1;
  const today = localDate(deps.clock.now(), deps.config.timeZone);
  const h = deps.config.churnHorizonMonths;
  const validAsOf = addMonthsToDate(today, -h);
  const trainAsOf = addMonthsToDate(today, -2 * h);
  const signals = registeredChurnSignals();
  const features = churnFeatureSet(signals);
  const trainSet = await labelledSnapshot(deps, deps.db, trainAsOf, signals);
  const validSet = await labelledSnapshot(deps, deps.db, validAsOf, signals);
  for (const [name, s] of [
    ['training', trainSet],
    ['validation', validSet],
  ] as const) {
    const p = positives(s.y);
    if (p < 5 || s.rows.length - p < 5)
      throw analyticsError(
        'analytics.training_data',
        `${name} window as of ${s.asOf}: ${s.rows.length} customers, ${p} churned; at least 5 of each are needed`,
        { window: name, asOf: s.asOf, rows: s.rows.length, positives: p },
      );
  }
  const candidate = trainOn(features, trainSet, seed, {});
  const validScores = score(candidate, toMatrix(features, validSet.records));
  const metrics = {
    validationAuc: Math.round(auc(validSet.y, validScores) * 10_000) / 10_000,
    validationLift10: Math.round(liftAt(validSet.y, validScores, 0.1) * 100) / 100,
    validationRows: validSet.rows.length,
    validationPositives: positives(validSet.y),
    candidateRows: trainSet.rows.length,
  };
  const model = withMetrics(
    trainOn(features, validSet, seed, {
      kind: 'churn',
      windowFrom: validAsOf,
      windowTo: today,
      rules: deps.config.churnRules.join(','),
      aumDropPercent: deps.config.churnAumDropPercent,
      horizonMonths: h,
    }),
    metrics,
  );
  return deps.db.transaction(async (tx) => {
    const row = await insertModel(tx, {
      id: newId('model'),
      kind: 'churn',
      algorithm: 'gbdt',
      model: serialiseModel(model),
      features: features.map((f) => f.name),
      metrics,
      windowFrom: validAsOf,
      windowTo: today,
      rows: validSet.rows.length,
      positives: positives(validSet.y),
      trainedBy: actorId,
      trainedAt: deps.clock.now(),
    });
    await recordAudit(tx, deps.clock, {
      actorId,
      channel: actorId === 'system' ? 'system' : 'cli',
      action: 'analytics.model_trained',
      subjectType: 'analytics_model',
      subjectId: row.id,
      changes: { kind: 'churn', version: row.version, ...metrics },
    });
    return row;
  });
}
