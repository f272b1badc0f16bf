import type { EChartsCoreOption } from 'echarts/core';
import type { Table } from './csv';

/**
 * ECharts options for each dashboard panel, from the panel's table (the same
 * table the CSV export writes). Pure functions of the data and a label
 * function, so they are unit-tested without a browser.
 */
export type Label = (group: string, key: string) => string;

type Cell = string | number | null;
const num = (v: Cell) => (typeof v === 'number' ? v : v === null ? null : Number(v));
const col = (t: Table, name: string) => t.columns.indexOf(name);
const distinct = (t: Table, i: number) => [...new Set(t.rows.map((r) => String(r[i])))];

/** Rows of (x, series, value) into one series per `series` value over the distinct x values. */
function pivot(t: Table, x: string, series: string, value: string, order?: readonly string[]) {
  const xi = col(t, x);
  const si = col(t, series);
  const vi = col(t, value);
  const xs = distinct(t, xi);
  const ss = distinct(t, si).sort((a, b) => rank(order, a) - rank(order, b));
  const cell = new Map(t.rows.map((r) => [`${r[xi]}\u0000${r[si]}`, num(r[vi] ?? null)]));
  return { xs, ss, value: (xv: string, sv: string) => cell.get(`${xv}\u0000${sv}`) ?? 0 };
}
function rank(order: readonly string[] | undefined, v: string) {
  const i = order?.indexOf(v) ?? -1;
  return i < 0 ? 999 : i;
}

const tooltip = { trigger: 'axis' as const };
const legend = { top: 0, type: 'scroll' as const };
const grid = { left: 56, right: 24, top: 40, bottom: 32, containLabel: true };

export const tierOrder = ['private_banking', 'wealth', 'vip', 'mass'] as const;
export const stageOrder = ['prospect', 'new', 'growing', 'loyal', 'at_risk', 'dormant', 'churned', 'won_back'];
export const bandOrder = ['high', 'medium', 'low'] as const;
const bandColor: Record<string, string> = { high: '#cf1322', medium: '#fa8c16', low: '#52c41a' };

/** Stacked bars by branch, one series per tier, of `value` (aum_yuan or customers). */
export function byTierAndBranch(t: Table, value: 'aum_yuan' | 'customers', label: Label): EChartsCoreOption {
  const p = pivot(t, 'unit', 'tier', value, tierOrder);
  return {
    tooltip,
    legend,
    grid,
    xAxis: { type: 'category', data: p.xs },
    yAxis: { type: 'value' },
    series: p.ss.map((s) => ({
      name: label('tiers', s),
      type: 'bar',
      stack: 'tier',
      data: p.xs.map((x) => p.value(x, s)),
    })),
  };
}

export function lifecycleFunnel(t: Table, label: Label): EChartsCoreOption {
  const si = col(t, 'stage');
  const ci = col(t, 'customers');
  const rows = [...t.rows].sort((a, b) => rank(stageOrder, String(a[si])) - rank(stageOrder, String(b[si])));
  return {
    tooltip: { trigger: 'item' },
    series: [
      {
        name: label('charts', 'lifecycle_funnel'),
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        label: { show: true, position: 'inside' },
        data: rows.map((r) => ({ name: label('stages', String(r[si])), value: num(r[ci] ?? null) })),
      },
    ],
  };
}

export function churnDistribution(t: Table, label: Label): EChartsCoreOption {
  const bi = col(t, 'band');
  const ci = col(t, 'customers');
  const rows = [...t.rows].sort((a, b) => rank(bandOrder, String(a[bi])) - rank(bandOrder, String(b[bi])));
  return {
    tooltip: { trigger: 'item' },
    legend,
    series: [
      {
        name: label('charts', 'churn_distribution'),
        type: 'pie',
        radius: ['40%', '70%'],
        data: rows.map((r) => ({
          name: label('bands', String(r[bi])),
          value: num(r[ci] ?? null),
          itemStyle: { color: bandColor[String(r[bi])] },
        })),
      },
    ],
  };
}

export function churnTrend(t: Table, label: Label): EChartsCoreOption {
  const p = pivot(t, 'day', 'band', 'customers', bandOrder);
  return {
    tooltip,
    legend,
    grid,
    xAxis: { type: 'category', data: p.xs },
    yAxis: { type: 'value' },
    series: p.ss.map((s) => ({
      name: label('bands', s),
      type: 'line',
      itemStyle: { color: bandColor[s] },
      data: p.xs.map((x) => p.value(x, s)),
    })),
  };
}

export function churnReasons(t: Table, label: Label): EChartsCoreOption {
  const ri = col(t, 'reason');
  const ci = col(t, 'customers');
  const rows = [...t.rows].sort((a, b) => (num(a[ci] ?? null) ?? 0) - (num(b[ci] ?? null) ?? 0));
  return {
    tooltip,
    grid,
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map((r) => String(r[ri])) },
    series: [{ name: label('charts', 'churn_reasons'), type: 'bar', data: rows.map((r) => num(r[ci] ?? null)) }],
  };
}

/** Complaints received per month (bars) and the on-time rate of decisions (line, right axis). */
export function complaintsTrend(t: Table, label: Label): EChartsCoreOption {
  const m = col(t, 'month');
  return {
    tooltip,
    legend,
    grid,
    xAxis: { type: 'category', data: t.rows.map((r) => String(r[m])) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: label('series', 'received'), type: 'bar', data: t.rows.map((r) => num(r[col(t, 'received')] ?? null)) },
      { name: label('series', 'decided'), type: 'bar', data: t.rows.map((r) => num(r[col(t, 'decided')] ?? null)) },
      {
        name: label('series', 'on_time_rate_pct'),
        type: 'line',
        yAxisIndex: 1,
        connectNulls: true,
        data: t.rows.map((r) => num(r[col(t, 'on_time_rate_pct')] ?? null)),
      },
    ],
  };
}

/** Response rate of target vs control per campaign (grouped bars) and the lift in points. */
export function campaignLift(t: Table, label: Label): EChartsCoreOption {
  const names = t.rows.map((r) => String(r[col(t, 'campaign')]));
  const s = (c: string, type: 'bar' | 'line') => ({
    name: label('series', c),
    type,
    data: t.rows.map((r) => num(r[col(t, c)] ?? null)),
  });
  return {
    tooltip,
    legend,
    grid,
    xAxis: { type: 'category', data: names },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [s('target_response_pct', 'bar'), s('control_response_pct', 'bar'), s('lift_pct_points', 'line')],
  };
}

/** Mean survey score (0-100) per month, one line per survey kind (CSAT, NPS). */
export function surveyScores(t: Table, label: Label): EChartsCoreOption {
  const p = pivot(t, 'month', 'kind', 'mean_score_pct');
  return {
    tooltip,
    legend,
    grid,
    xAxis: { type: 'category', data: p.xs },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: p.ss.map((s) => ({ name: label('surveyKinds', s), type: 'line', data: p.xs.map((x) => p.value(x, s)) })),
  };
}

/** Contact-standard adherence (%) by branch × tier. */
export function serviceHeatmap(t: Table, label: Label): EChartsCoreOption {
  const ui = col(t, 'unit');
  const ti = col(t, 'tier');
  const ai = col(t, 'adherence_pct');
  const units = distinct(t, ui);
  const tiers = distinct(t, ti).sort((a, b) => rank(tierOrder, a) - rank(tierOrder, b));
  return {
    tooltip: { position: 'top' },
    grid: { ...grid, bottom: 64 },
    xAxis: { type: 'category', data: units, splitArea: { show: true } },
    yAxis: { type: 'category', data: tiers.map((x) => label('tiers', x)), splitArea: { show: true } },
    visualMap: { min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
    series: [
      {
        name: label('charts', 'service_heatmap'),
        type: 'heatmap',
        label: { show: true },
        data: t.rows.map((r) => [
          units.indexOf(String(r[ui])),
          tiers.indexOf(String(r[ti])),
          num(r[ai] ?? null) ?? '-',
        ]),
      },
    ],
  };
}

/** RMs by total score (horizontal bars, best at the top). */
export function leaderboard(t: Table, label: Label): EChartsCoreOption {
  const ri = col(t, 'rm');
  const si = col(t, 'total');
  const rows = [...t.rows].sort((a, b) => (num(a[si] ?? null) ?? 0) - (num(b[si] ?? null) ?? 0));
  return {
    tooltip,
    grid,
    xAxis: { type: 'value', min: 0, max: 100 },
    yAxis: { type: 'category', data: rows.map((r) => String(r[ri])) },
    series: [{ name: label('series', 'total'), type: 'bar', data: rows.map((r) => num(r[si] ?? null)) }],
  };
}
