import type { Actor } from '../../kernel/actor';
import { startOfLocalDay } from '../../kernel/clock';
import { recordAudit } from '../audit';
import type { AnalyticsDeps } from './analytics.deps';
import { analyticsError } from './analytics.errors';
import { addMonthsToDate, monthOf } from './churn-features';
import { scorecardSource } from './ports';
import {
  latestMonth,
  leaderboard,
  replaceMonth,
  retentionMeasures,
  rmBooks,
  rmTrend,
  type ScorecardRow,
  serviceMeasures,
  staffNames,
} from './scorecard.repository';
import {
  type ScorecardComponent,
  type ScorecardWeights,
  scorecardComponents,
  weightsProblem,
} from './scorecard-weights';

const round1 = (v: number) => Math.round(v * 10) / 10;
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** The configured weights, checked again with the sales cap (PERF-01); throws naming the problem. */
export function checkedWeights(deps: AnalyticsDeps): ScorecardWeights {
  const problem = weightsProblem(deps.config.scorecardWeights, deps.config.scorecardMaxSalesWeight);
  if (problem)
    throw analyticsError('analytics.invalid_weights', `BANYAN_SCORECARD_WEIGHTS: ${problem}`, { field: 'weights' });
  return deps.config.scorecardWeights;
}

/**
 * The weighted total over the components that have data, and the weight
 * they cover: a component without data ("no data", null) is left out, never
 * scored as 0 or 100.
 */
export function weightedTotal(
  scores: Partial<Record<ScorecardComponent, number | null>>,
  weights: ScorecardWeights,
): { total: number; coverage: number } {
  let sum = 0;
  let cover = 0;
  for (const c of scorecardComponents) {
    const s = scores[c];
    if (s === null || s === undefined || weights[c] === 0) continue;
    sum += s * weights[c];
    cover += weights[c];
  }
  return { total: cover > 0 ? round1(sum / cover) : 0, coverage: cover };
}

/**
 * The monthly snapshot of every RM's balanced scorecard (PERF-01..04) for
 * `month` (YYYY-MM, default the previous month): service (contact-standard
 * adherence at month end, follow-ups done on time) and retention (leavers
 * vs expected from churn scores) from this domain's tables; sales,
 * satisfaction, complaints and compliance from their domains' ports, or no
 * data. PERF-04: no component counts switches or redemptions. Ranked within
 * the RM's unit by total.
 */
export async function snapshotScorecards(deps: AnalyticsDeps, month?: string): Promise<{ month: string; rms: number }> {
  const weights = checkedWeights(deps);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: deps.config.timeZone }).format(deps.clock.now());
  const m = month ?? monthOf(today, -1);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m))
    throw analyticsError('analytics.invalid_input', 'month: must be YYYY-MM', { field: 'month' });
  const fromDay = `${m}-01`;
  const toDay = addMonthsToDate(fromDay, 1);
  const from = startOfLocalDay(fromDay, deps.config.timeZone);
  const at = startOfLocalDay(toDay, deps.config.timeZone);
  const books = await rmBooks(deps.db);
  const rmIds = books.map((b) => b.rm_id);
  const service = new Map(
    (await serviceMeasures(deps.db, { at, from, timeZone: deps.config.timeZone })).map((r) => [r.rm_id, r]),
  );
  const retention = new Map(
    (await retentionMeasures(deps.db, { fromDay, toDay, horizonMonths: deps.config.churnHorizonMonths })).map((r) => [
      r.rm_id,
      r,
    ]),
  );
  const ported = new Map<ScorecardComponent, Map<string, { score: number; measures: Record<string, number> }>>();
  for (const c of scorecardComponents) {
    const port = scorecardSource(c);
    if (port) ported.set(c, await port.measure(deps.db, rmIds, m));
  }
  const now = deps.clock.now();
  const rows: ScorecardRow[] = books.map((b) => {
    const components: Record<string, number | null> = {};
    const measures: Record<string, number | null> = {};
    const s = service.get(b.rm_id);
    const parts: number[] = [];
    if (s && s.served > 0) parts.push(s.within / s.served);
    if (s && s.due > 0) parts.push(s.done_on_time / s.due);
    measures.contactAdherence = s && s.served > 0 ? round1((100 * s.within) / s.served) : null;
    measures.followUpsDue = s?.due ?? 0;
    measures.followUpsOnTime = s?.done_on_time ?? 0;
    components.service = parts.length ? round1((100 * parts.reduce((a, v) => a + v, 0)) / parts.length) : null;
    const r = retention.get(b.rm_id);
    measures.book = r?.book ?? b.customers;
    measures.left = r?.left ?? 0;
    measures.expectedLeavers = r?.expected === null || r?.expected === undefined ? null : round1(r.expected);
    // as many leavers as expected scores 50; none 100; twice as many or more 0
    components.retention =
      r?.expected === null || r?.expected === undefined
        ? null
        : round1(100 * clamp01(1 - r.left / (2 * Math.max(r.expected, 0.5))));
    for (const c of ['sales', 'satisfaction', 'complaints', 'compliance'] as const) {
      const got = ported.get(c)?.get(b.rm_id);
      components[c] = got ? round1(got.score) : null;
      if (got) for (const [k, v] of Object.entries(got.measures)) measures[`${c}.${k}`] = v;
    }
    const { total, coverage } = weightedTotal(components, weights);
    measures.weightCovered = coverage;
    return {
      month: m,
      rmId: b.rm_id,
      unitId: b.unit_id,
      components,
      measures,
      weights,
      total,
      rankInUnit: 0,
      unitSize: 0,
      createdAt: now,
    };
  });
  const byUnit = new Map<string, ScorecardRow[]>();
  for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  for (const list of byUnit.values()) {
    list.sort((a, b) => b.total - a.total || a.rmId.localeCompare(b.rmId));
    list.forEach((r, i) => {
      r.rankInUnit = i + 1;
      r.unitSize = list.length;
    });
  }
  await deps.db.transaction(async (tx) => {
    await replaceMonth(tx, m, rows);
    await recordAudit(tx, deps.clock, {
      actorId: 'system',
      channel: 'job',
      action: 'analytics.scorecards_snapshot',
      subjectType: 'rm_scorecard',
      subjectId: m,
      changes: { rms: rows.length, weights },
    });
  });
  return { month: m, rms: rows.length };
}

/** Units an actor's scorecard view covers: all (null), their units, or only themselves (an RM). */
function scorecardScope(actor: Actor): { unitIds: readonly string[] | null; rmIds?: readonly string[] } {
  switch (actor.scope.kind) {
    case 'all':
      return { unitIds: null };
    case 'units':
      return { unitIds: actor.scope.unitIds };
    case 'book':
      return { unitIds: null, rmIds: [actor.userId] };
    default:
      return { unitIds: [], rmIds: [] };
  }
}

export async function scorecardLeaderboard(deps: AnalyticsDeps, actor: Actor, month?: string) {
  const m = month ?? (await latestMonth(deps.db));
  if (!m) return { month: null, weights: deps.config.scorecardWeights, items: [] };
  const s = scorecardScope(actor);
  const rows = await leaderboard(deps.db, m, s.unitIds, s.rmIds);
  const names = await staffNames(
    deps.db,
    rows.map((r) => r.rmId),
  );
  return { month: m, weights: deps.config.scorecardWeights, items: rows.map((r) => viewOf(r, names)) };
}

export async function scorecardTrend(deps: AnalyticsDeps, actor: Actor, rmId: string, months = 12) {
  const rows = await rmTrend(deps.db, rmId, months);
  const s = scorecardScope(actor);
  const visible = rows.filter((r) =>
    s.rmIds ? s.rmIds.includes(r.rmId) : s.unitIds ? s.unitIds.includes(r.unitId) : true,
  );
  if (rows.length > 0 && visible.length === 0)
    throw analyticsError('analytics.invalid_input', 'rmId: not in your scope', { field: 'rmId' });
  const names = await staffNames(deps.db, [rmId]);
  return { rmId, items: visible.reverse().map((r) => viewOf(r, names)) };
}

function viewOf(r: ScorecardRow, names: ReadonlyMap<string, string>) {
  return {
    month: r.month,
    rmId: r.rmId,
    rmName: names.get(r.rmId) ?? null,
    unitId: r.unitId,
    components: r.components,
    measures: r.measures,
    total: r.total,
    rankInUnit: r.rankInUnit,
    unitSize: r.unitSize,
  };
}
