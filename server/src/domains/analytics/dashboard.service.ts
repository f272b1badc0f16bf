import type { Actor } from '../../kernel/actor';
import { localDate } from '../../kernel/clock';
import { customerScope } from '../customers';
import type { AnalyticsDeps } from './analytics.deps';
import { reasonCounts } from './churn.repository';
import { addMonthsToDate } from './churn-features';
import {
  adherenceHeat,
  aumByTierAndUnit,
  churnDistribution,
  churnTrend,
  lifecycleFunnel,
} from './dashboard.repository';
import { type DashboardPanelName, dashboardPanel, portPanels } from './ports';
import { scorecardLeaderboard } from './scorecard.service';

type Cell = string | number | null;
export type Panel = {
  panel: string;
  status: 'ok' | 'no_data';
  note: string | null;
  data: { columns: string[]; rows: Cell[][] };
};

const ok = (panel: string, columns: string[], rows: Cell[][]): Panel => ({
  panel,
  status: rows.length ? 'ok' : 'no_data',
  note: rows.length ? null : 'no rows in your scope yet',
  data: { columns, rows },
});

function unitsOf(actor: Actor): readonly string[] | null {
  if (actor.scope.kind === 'all') return null;
  if (actor.scope.kind === 'units') return actor.scope.unitIds;
  return [];
}

const sourceOf: Record<DashboardPanelName, string> = {
  complaints_trend: 'complaints',
  campaign_lift: 'campaigns',
  survey_scores: 'surveys',
};

/**
 * The report dashboards for the actor's scope: AUM and customers by tier and
 * branch, lifecycle funnel, churn risk distribution and trend, churn reasons,
 * the service-consistency heat map, the scorecard leaderboard, and the panels
 * fed by other domains' ports (complaints trend, campaign lift, survey
 * scores), answered as `no_data` with a note until their domain is connected.
 */
export async function dashboards(deps: AnalyticsDeps, actor: Actor): Promise<{ panels: Panel[] }> {
  const scope = customerScope(actor);
  const now = deps.clock.now();
  const today = localDate(now, deps.config.timeZone);
  const [aum, funnel, dist, trend, reasons, heat, board] = await Promise.all([
    aumByTierAndUnit(deps.db, scope),
    lifecycleFunnel(deps.db, scope),
    churnDistribution(deps.db, scope),
    churnTrend(deps.db, unitsOf(actor), addMonthsToDate(today, -3)),
    reasonCounts(deps.db, scope, addMonthsToDate(today, -12)),
    adherenceHeat(deps.db, scope, now, deps.config.timeZone),
    scorecardLeaderboard(deps, actor),
  ]);
  const panels: Panel[] = [
    ok(
      'aum_by_tier_branch',
      ['unit', 'tier', 'customers', 'aum_yuan'],
      aum.map((r) => [r.unit, r.tier, r.customers, r.aum_yuan]),
    ),
    ok(
      'lifecycle_funnel',
      ['stage', 'customers'],
      funnel.map((r) => [r.stage, r.customers]),
    ),
    ok(
      'churn_distribution',
      ['band', 'customers', 'avg_score'],
      dist.map((r) => [r.band, r.customers, r.avg_score]),
    ),
    ok(
      'churn_trend',
      ['day', 'band', 'customers'],
      trend.map((r) => [r.day, r.band, r.customers]),
    ),
    ok(
      'churn_reasons',
      ['reason', 'customers'],
      reasons.map((r) => [r.reason, r.n]),
    ),
    ok(
      'service_heatmap',
      ['unit', 'tier', 'served', 'adherence_pct'],
      heat.map((r) => [r.unit, r.tier, r.served, r.served ? Math.round((1000 * r.within) / r.served) / 10 : null]),
    ),
    ok(
      'scorecard_leaderboard',
      [
        'month',
        'unit',
        'rm',
        'rank',
        'total',
        'service',
        'retention',
        'sales',
        'satisfaction',
        'complaints',
        'compliance',
      ],
      board.items.map((r) => [
        r.month,
        r.unitId,
        r.rmName ?? r.rmId,
        r.rankInUnit,
        r.total,
        r.components.service ?? null,
        r.components.retention ?? null,
        r.components.sales ?? null,
        r.components.satisfaction ?? null,
        r.components.complaints ?? null,
        r.components.compliance ?? null,
      ]),
    ),
  ];
  for (const name of portPanels) {
    const port = dashboardPanel(name);
    if (!port) {
      panels.push({
        panel: name,
        status: 'no_data',
        note: `the ${sourceOf[name]} domain is not connected yet`,
        data: { columns: [], rows: [] },
      });
      continue;
    }
    const data = await port.load(deps.db, { unitIds: unitsOf(actor) }, 12);
    panels.push({ panel: name, status: data.rows.length ? 'ok' : 'no_data', note: null, data });
  }
  return { panels };
}
