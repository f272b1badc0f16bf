import type { RiskBand, StoredReason } from './analytics.tables';
import { baseChurnFeatures } from './churn-features';
import type { FeatureRow } from './churn-features.repository';
import { encodeRecords, explainRow, type Feature, type Matrix, type Model, type RawRecord } from './model';
import type { ChurnSignalPort } from './ports';

/** Pure pieces of churn scoring: rows to a matrix, bands, reasons in words, playbook actions. */

export type LabelledFeature = Feature & { zh: string; en: string };

/** The model's features: the CRM features, then each registered signal port's. */
export function churnFeatureSet(signals: readonly ChurnSignalPort[]): LabelledFeature[] {
  return [...baseChurnFeatures, ...signals.flatMap((s) => s.features)];
}

/** Feature rows (plus port values by customer) as records keyed by feature name. */
export function toRecords(
  rows: readonly FeatureRow[],
  signals: readonly ChurnSignalPort[],
  signalValues: readonly Map<string, (number | string | null)[]>[],
): RawRecord[] {
  return rows.map((r) => {
    const rec: RawRecord = {};
    for (const f of baseChurnFeatures) rec[f.name] = (r as unknown as Record<string, number | string | null>)[f.name];
    signals.forEach((s, i) => {
      const vals = signalValues[i]?.get(r.id);
      s.features.forEach((f, j) => {
        rec[f.name] = vals?.[j] ?? null;
      });
    });
    return rec;
  });
}

export function toMatrix(features: readonly Feature[], records: readonly RawRecord[]): Matrix {
  return encodeRecords(features, records);
}

export function bandOf(score: number, bands: { high: number; medium: number }): RiskBand {
  if (score >= bands.high) return 'high';
  if (score >= bands.medium) return 'medium';
  return 'low';
}

const outcome = { zh: '流失风险', en: 'churn risk' };

/**
 * PI-13: the reasons stored with a score are the features that push it up,
 * each kept only if removing it lowers the score (the model kit's rule), in
 * both languages.
 */
export function reasonsFor(
  model: Model,
  row: ArrayLike<number>,
  labels: Record<string, { zh: string; en: string }>,
  top = 3,
): StoredReason[] {
  const e = explainRow(model, row, { top, labels, outcome, direction: 'up' });
  return e.reasons.map((r) => ({
    feature: r.feature,
    value: r.value === null ? '' : String(r.value),
    impact: Math.round(r.impact * 10_000) / 10_000,
    zh: r.text.zh,
    en: r.text.en,
  }));
}

/** Suggested retention actions by the feature behind the top reason (the playbook's content). */
const actionsByFeature: Record<string, string> = {
  aum_yuan: '复核客户资产配置，提供与其资产规模匹配的产品与服务',
  aum_change_3m_pct: '了解资金流向（他行转入、消费或投资），提供有竞争力的存款或理财方案',
  net_flow_volatility_pct: '了解近期大额资金进出原因，提示资金规划服务',
  tx_3m: '了解账户使用情况，推荐手机银行、代发代扣等便捷服务',
  tx_change_pct: '交易明显减少：致电了解是否改用他行账户，提供优惠',
  months_since_tx: '账户久未交易：联系客户激活账户，核实是否仍在使用',
  days_since_contact: '久未联系：安排电话或面访，了解近况与需求',
  contacts_6m: '联系偏少：按服务标准安排定期联系',
  products: '持有产品少：根据需求与风险承受能力推荐适合的产品',
  products_opened_6m: '了解新开产品后的使用体验',
  products_closed_6m: '近期关闭产品：了解关闭原因，针对性挽留',
  maturing_3m: '产品即将到期：到期前联系客户，提供续作或替代方案',
  tenure_months: '新关系客户：加强首年陪伴式服务',
  age: '结合客户人生阶段（退休、子女教育等）提供规划建议',
  rm_changes_12m: '客户经理近期更换：新客户经理主动拜访，做好交接与介绍',
  tier: '按客户层级的服务标准提供相应权益',
  kind: '按客户类型安排对口服务',
};

export function suggestedActions(reasons: readonly StoredReason[]): string[] {
  const out = reasons.map((r) => actionsByFeature[r.feature] ?? '回访客户，了解需求与不满，记录并跟进');
  if (out.length === 0) out.push('回访客户，了解需求与不满，记录并跟进');
  return [...new Set(out)];
}
