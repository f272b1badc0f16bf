import path from 'node:path';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { recordAudit } from '../audit';
import { ageOn, customers, holdings } from '../customers';
import type { AnalyticsDeps } from './analytics.deps';
import { analyticsError } from './analytics.errors';
import { insertModel, latestModel, type ModelRow } from './churn.repository';
import {
  auc,
  buildDataset,
  deserialiseModel,
  encodeRecords,
  liftAt,
  presets,
  type RawRecord,
  readCsvFile,
  score,
  selectRows,
  serialiseModel,
  stratifiedFolds,
  train,
  withMetrics,
} from './model';

/**
 * Response propensity for campaigns, trained on UCI bank-marketing style
 * campaign history. Only the columns a CRM knows about a customer are kept:
 * call-execution details (contact, month, day_of_week, campaign), the
 * macro-economic context (identical for every customer of one campaign, so
 * it cannot rank an audience) and the leaky `duration` are dropped.
 */
export const propensityDrop = [
  'duration',
  'contact',
  'month',
  'day_of_week',
  'campaign',
  'emp.var.rate',
  'cons.price.idx',
  'cons.conf.idx',
  'euribor3m',
  'nr.employed',
];

/** Train on the bank-marketing file (80% by stratified split; AUC and lift on the other 20%), store a version. */
export async function trainPropensityModel(
  deps: AnalyticsDeps,
  actorId: string,
  opts: { dataRoot: string; maxRows?: number; seed?: number },
): Promise<ModelRow> {
  const preset = presets['bank-marketing'];
  const file = path.join(opts.dataRoot, preset.file);
  const table = readCsvFile(file, { delimiter: preset.delimiter });
  // an even sample (every k-th row): the file is in time order and its first months are unlike the rest
  if (opts.maxRows && table.rows.length > opts.maxRows) {
    const k = table.rows.length / opts.maxRows;
    table.rows = Array.from({ length: opts.maxRows }, (_, i) => table.rows[Math.floor(i * k)] as string[]);
  }
  const data = buildDataset(table, { target: preset.target, positive: preset.positive, drop: propensityDrop });
  const seed = opts.seed ?? 1;
  const folds = stratifiedFolds(data.y, 5, seed);
  const tr: number[] = [];
  const te: number[] = [];
  folds.forEach((f, i) => {
    (f === 0 ? te : tr).push(i);
  });
  const pick = (idx: number[]) => ({
    features: data.features,
    x: selectRows(data.x, idx),
    y: Uint8Array.from(idx.map((i) => data.y[i] as number)),
  });
  const trainSet = pick(tr);
  const testSet = pick(te);
  const model0 = train(
    { ...trainSet, target: 'y', positiveLabel: 'yes', negativeLabel: 'no' },
    { algorithm: 'gbdt', params: preset.params, seed, metadata: { kind: 'propensity', source: preset.file } },
  );
  const s = score(model0, testSet.x);
  const metrics = {
    holdoutAuc: Math.round(auc(testSet.y, s) * 10_000) / 10_000,
    holdoutLift10: Math.round(liftAt(testSet.y, s, 0.1) * 100) / 100,
    holdoutRows: te.length,
  };
  const model = withMetrics(model0, metrics);
  const positives = trainSet.y.reduce((a, v) => a + v, 0);
  return deps.db.transaction(async (tx) => {
    const row = await insertModel(tx, {
      id: newId('model'),
      kind: 'propensity',
      algorithm: 'gbdt',
      model: serialiseModel(model),
      features: model.features.map((f) => f.name),
      metrics,
      windowFrom: '2008-05-01',
      windowTo: '2010-11-30',
      rows: tr.length,
      positives,
      trainedBy: actorId,
      trainedAt: deps.clock.now(),
    });
    await recordAudit(tx, deps.clock, {
      actorId,
      channel: actorId === 'system' ? 'system' : 'cli',
      action: 'analytics.model_trained',
      subjectType: 'analytics_model',
      subjectId: row.id,
      changes: { kind: 'propensity', version: row.version, ...metrics },
    });
    return row;
  });
}

const jobByOccupation: Record<string, string> = {
  企业职员: 'admin.',
  企业管理人员: 'management',
  工程师: 'technician',
  IT技术人员: 'technician',
  教师: 'services',
  医生: 'management',
  护士: 'services',
  公务员: 'admin.',
  个体工商户: 'self-employed',
  自由职业: 'self-employed',
  销售人员: 'services',
  金融从业人员: 'management',
  律师: 'management',
  会计: 'admin.',
  司机: 'blue-collar',
  服务业人员: 'services',
  工人: 'blue-collar',
  农民: 'blue-collar',
  无业: 'unemployed',
  学生: 'student',
  退休: 'retired',
};
const educationLevels: Record<string, string> = {
  初中及以下: 'basic.9y',
  '高中/中专': 'high.school',
  大专: 'professional.course',
  本科: 'university.degree',
  硕士: 'university.degree',
  博士: 'university.degree',
};

/** A customer as the propensity model's record: what the CRM knows, the rest missing. */
export function propensityRecord(
  c: { birthDate: string | null; occupation: string | null; education: string | null },
  loans: { mortgage: boolean; personal: boolean },
  today: string,
): RawRecord {
  return {
    age: c.birthDate ? ageOn(c.birthDate, today) : null,
    job: c.occupation ? (jobByOccupation[c.occupation] ?? null) : null,
    education: c.education ? (educationLevels[c.education] ?? null) : null,
    housing: loans.mortgage ? 'yes' : 'no',
    loan: loans.personal ? 'yes' : 'no',
  };
}

/**
 * Rank an audience by response propensity, highest first: the function the
 * campaign wizard calls. Ranking only orders; suitability and consent rules
 * still apply to the ranked audience afterwards (the caller's job).
 */
export async function rankAudience(
  deps: { db: DbOrTx; clock: Pick<AnalyticsDeps['clock'], 'now'>; config: Pick<AnalyticsDeps['config'], 'timeZone'> },
  customerIds: readonly string[],
  db: DbOrTx = deps.db,
): Promise<{ customerId: string; score: number }[]> {
  const stored = await latestModel(db, 'propensity');
  if (!stored)
    throw analyticsError(
      'analytics.no_model',
      'No propensity model yet: run `banyan analytics train --kind propensity`',
    );
  const model = deserialiseModel(stored.model);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: deps.config.timeZone }).format(deps.clock.now());
  const out: { customerId: string; score: number }[] = [];
  for (let i = 0; i < customerIds.length; i += 5000) {
    const ids = customerIds.slice(i, i + 5000) as string[];
    const rows = await db
      .select({
        id: customers.id,
        birthDate: customers.birthDate,
        occupation: customers.occupation,
        education: customers.education,
      })
      .from(customers)
      .where(inArray(customers.id, ids));
    const loans = await db
      .select({ customerId: holdings.customerId, productName: holdings.productName, productType: holdings.productType })
      .from(holdings)
      .where(inArray(holdings.customerId, ids));
    const byCustomer = new Map<string, { mortgage: boolean; personal: boolean }>();
    for (const h of loans) {
      if (h.productType !== 'loan') continue;
      const l = byCustomer.get(h.customerId) ?? { mortgage: false, personal: false };
      if (/房|住房|按揭/.test(h.productName)) l.mortgage = true;
      else l.personal = true;
      byCustomer.set(h.customerId, l);
    }
    const recs = rows.map((r) =>
      propensityRecord(r, byCustomer.get(r.id) ?? { mortgage: false, personal: false }, today),
    );
    const p = score(model, encodeRecords(model.features, recs));
    rows.forEach((r, k) => {
      out.push({ customerId: r.id, score: Math.round((p[k] as number) * 1e6) / 1e6 });
    });
  }
  return out.sort((a, b) => b.score - a.score || a.customerId.localeCompare(b.customerId));
}
