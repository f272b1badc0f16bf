import { localDate, MS } from '../../kernel/clock';
import { emitEvents } from '../../kernel/events/events';
import { recordAudit } from '../audit';
import type { AnalyticsDeps } from './analytics.deps';
import type { RiskBand, StoredReason } from './analytics.tables';
import {
  dropInactiveScores,
  latestModel,
  previousBands,
  type ScoreWrite,
  snapshotBands,
  writeScores,
} from './churn.repository';
import { featureBatch } from './churn-features.repository';
import { bandOf, churnFeatureSet, reasonsFor, suggestedActions, toMatrix, toRecords } from './churn-model';
import { deserialiseModel, rowOf, score } from './model';
import { registeredChurnSignals } from './ports';

export type ScoringResult = {
  modelId: string | null;
  modelVersion: number | null;
  scored: number;
  bands: Record<RiskBand, number>;
  tasksRequested: number;
  dropped: number;
  ms: number;
};

const bandRank: Record<RiskBand, number> = { low: 0, medium: 1, high: 2 };

/**
 * The nightly churn scoring of every active customer with the latest churn
 * model: keyset batches of BANYAN_CHURN_SCORING_BATCH customers, one feature
 * query, scoring in memory, one upsert per batch. Reasons (PI-13) are
 * computed for the medium and high bands, the customers an RM acts on; a
 * low-band score stores none. Retention playbook: a customer whose band rises
 * into a playbook band gets one `task.requested` event (engagement makes the
 * task), written in the batch's transaction with the scores.
 */
export async function scoreAllCustomers(deps: AnalyticsDeps): Promise<ScoringResult> {
  const started = Date.now();
  const bands: Record<RiskBand, number> = { high: 0, medium: 0, low: 0 };
  const stored = await latestModel(deps.db, 'churn');
  if (!stored) return { modelId: null, modelVersion: null, scored: 0, bands, tasksRequested: 0, dropped: 0, ms: 0 };
  const model = deserialiseModel(stored.model);
  const signals = registeredChurnSignals();
  const labels = Object.fromEntries(churnFeatureSet(signals).map((f) => [f.name, { zh: f.zh, en: f.en }]));
  const now = deps.clock.now();
  const today = localDate(now, deps.config.timeZone);
  const playbook = new Map(deps.config.churnPlaybook.map((p) => [p.band, p]));
  const limit = deps.config.churnScoringBatch;
  let after = '';
  let scored = 0;
  let tasksRequested = 0;
  // The next batch's features are read while this one is scored and written
  // (keyset: its start is this batch's last id), so reading overlaps writing.
  const read = (from: string) => featureBatch(deps.db, { asOf: today, after: from, limit, active: true });
  let pending: Promise<Awaited<ReturnType<typeof read>>> | null = read(after);
  while (pending) {
    const rows = await pending;
    pending = null;
    if (rows.length === 0) break;
    after = rows.at(-1)?.id ?? after;
    if (rows.length === limit) {
      pending = read(after);
      // handled here so a failing write below does not leave an unhandled rejection; awaited above
      pending.catch(() => undefined);
    }
    const values = await Promise.all(
      signals.map((s) =>
        s.load(
          deps.db,
          rows.map((r) => r.id),
          today,
        ),
      ),
    );
    const x = toMatrix(model.features, toRecords(rows, signals, values));
    const p = score(model, x);
    const writes: ScoreWrite[] = rows.map((r, i) => {
      const s = p[i] as number;
      const band = bandOf(s, deps.config.churnRiskBands);
      bands[band]++;
      const reasons: StoredReason[] = band === 'low' ? [] : reasonsFor(model, rowOf(x, i), labels);
      return { customerId: r.id, score: Math.round(s * 1e6) / 1e6, band, reasons };
    });
    tasksRequested += await deps.db.transaction(async (tx) => {
      const before =
        playbook.size > 0
          ? await previousBands(
              tx,
              writes.map((w) => w.customerId),
            )
          : new Map();
      await writeScores(tx, stored.id, now, writes);
      const events = writes
        .filter((w) => {
          const step = playbook.get(w.band as 'high' | 'medium');
          if (!step) return false;
          const prev = before.get(w.customerId) as RiskBand | undefined;
          return prev === undefined || bandRank[prev] < bandRank[w.band];
        })
        .map((w) => {
          const step = playbook.get(w.band as 'high' | 'medium');
          const actions = suggestedActions(w.reasons);
          return {
            type: 'task.requested',
            aggregateType: 'churn_score',
            aggregateId: w.customerId,
            customerId: w.customerId,
            actorId: 'system',
            payload: {
              kind: 'churn_retention',
              title: w.band === 'high' ? '流失高风险客户挽留：尽快联系客户' : '流失风险上升：安排关怀联系',
              description: [
                `流失风险评分 ${(w.score * 100).toFixed(1)}%（模型 v${stored.version}）`,
                ...w.reasons.map((r) => `原因：${r.zh}`),
                ...actions.map((a) => `建议：${a}`),
              ].join('\n'),
              dueAt: new Date(now.getTime() + (step?.days ?? 7) * MS.day).toISOString(),
              priority: step?.priority ?? 'normal',
              source: { domain: 'analytics', type: 'churn_risk', id: stored.id },
            },
          };
        });
      await emitEvents(tx, deps.clock, events);
      return events.length;
    });
    scored += rows.length;
  }
  const dropped = await deps.db.transaction(async (tx) => {
    const n = await dropInactiveScores(tx);
    await snapshotBands(tx, today);
    await recordAudit(tx, deps.clock, {
      actorId: 'system',
      channel: 'job',
      action: 'analytics.churn_scored',
      subjectType: 'analytics_model',
      subjectId: stored.id,
      changes: { scored, ...bands, tasksRequested, dropped: n },
    });
    return n;
  });
  return {
    modelId: stored.id,
    modelVersion: stored.version,
    scored,
    bands,
    tasksRequested,
    dropped,
    ms: Date.now() - started,
  };
}
