/**
 * The components of the balanced RM scorecard (PERF-01..04) and the rules
 * their weights must follow. Pure: config.ts parses BANYAN_SCORECARD_WEIGHTS
 * with it, so a sales-only scorecard stops start-up with a clear message.
 */
export const scorecardComponents = [
  'sales',
  'service',
  'satisfaction',
  'complaints',
  'compliance',
  'retention',
] as const;
export type ScorecardComponent = (typeof scorecardComponents)[number];
export type ScorecardWeights = Record<ScorecardComponent, number>;

/** Error code of a weight set where sales is the only non-zero component (PERF-01 `SCORECARD_SALES_ONLY`). */
export const SCORECARD_SALES_ONLY = 'SCORECARD_SALES_ONLY';

/**
 * Check a weight set; returns the first problem in words (naming the component) or null.
 * PERF-01: sales may never be the only measure, and compliance and complaints
 * must both weigh; the sales cap (BANYAN_SCORECARD_MAX_SALES_WEIGHT) is the U-design option.
 */
export function weightsProblem(w: Partial<Record<string, number>>, maxSalesWeight = 100): string | null {
  for (const k of Object.keys(w)) {
    if (!(scorecardComponents as readonly string[]).includes(k))
      return `unknown component "${k}" (components: ${scorecardComponents.join(', ')})`;
  }
  for (const k of scorecardComponents) {
    const v = w[k];
    if (v === undefined) return `${k}: missing weight (give every component, 0 to leave one out)`;
    if (!Number.isInteger(v) || v < 0 || v > 100) return `${k}: weight must be a whole percentage 0..100`;
  }
  const total = scorecardComponents.reduce((s, k) => s + (w[k] ?? 0), 0);
  if (total !== 100) return `weights must sum to 100, got ${total}`;
  const nonZero = scorecardComponents.filter((k) => (w[k] ?? 0) > 0);
  if (nonZero.length === 1 && nonZero[0] === 'sales')
    return `${SCORECARD_SALES_ONLY}: sales cannot be the only scorecard component (PERF-01)`;
  if ((w.compliance ?? 0) === 0) return 'compliance: weight must be above 0 (PERF-01: sales conduct must count)';
  if ((w.complaints ?? 0) === 0) return 'complaints: weight must be above 0 (PERF-01, PERF-02: complaints must count)';
  if ((w.sales ?? 0) > maxSalesWeight)
    return `sales: weight ${w.sales} is above the cap of ${maxSalesWeight} (BANYAN_SCORECARD_MAX_SALES_WEIGHT, PERF-01)`;
  return null;
}

/** Parse `sales:30,service:20,...`; returns the weights or the problem in words. */
export function parseScorecardWeights(text: string): ScorecardWeights | string {
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([a-z_]+)\s*:\s*(\d{1,3})\s*$/.exec(part);
    if (!m) return `"${part}" must look like component:percent, e.g. sales:30`;
    const name = m[1] as string;
    if (name in out) return `${name}: given twice`;
    out[name] = Number(m[2]);
  }
  const problem = weightsProblem(out);
  return problem ?? (out as ScorecardWeights);
}
