import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Row, Spin, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from './ChartCard';
import * as charts from './chartOptions';
import type { Table } from './csv';
import { type Panel, reportKeys, reportsApi } from './reportsApi';

type ChartDef = {
  /** the chart's key (title, file name) */
  key: string;
  panel: string;
  build: (t: Table, label: charts.Label) => EChartsCoreOption;
};

/** The dashboards in page order; one panel can feed two charts (AUM and customers by tier and branch). */
export const chartDefs: readonly ChartDef[] = [
  { key: 'aum_by_tier_branch', panel: 'aum_by_tier_branch', build: (t, l) => charts.byTierAndBranch(t, 'aum_yuan', l) },
  {
    key: 'customers_by_tier_branch',
    panel: 'aum_by_tier_branch',
    build: (t, l) => charts.byTierAndBranch(t, 'customers', l),
  },
  { key: 'lifecycle_funnel', panel: 'lifecycle_funnel', build: charts.lifecycleFunnel },
  { key: 'churn_distribution', panel: 'churn_distribution', build: charts.churnDistribution },
  { key: 'churn_trend', panel: 'churn_trend', build: charts.churnTrend },
  { key: 'churn_reasons', panel: 'churn_reasons', build: charts.churnReasons },
  { key: 'complaints_trend', panel: 'complaints_trend', build: charts.complaintsTrend },
  { key: 'campaign_lift', panel: 'campaign_lift', build: charts.campaignLift },
  { key: 'survey_scores', panel: 'survey_scores', build: charts.surveyScores },
  { key: 'service_heatmap', panel: 'service_heatmap', build: charts.serviceHeatmap },
  { key: 'scorecard_leaderboard', panel: 'scorecard_leaderboard', build: charts.leaderboard },
];

/** The report dashboards (ECharts), each exportable as PNG and CSV, for the user's data scope. */
export function DashboardsView() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: reportKeys.dashboards, queryFn: reportsApi.dashboards });
  const label: charts.Label = (group, key) => t(`reports.${group}.${key}`, { defaultValue: key });
  const byName = useMemo(() => new Map((q.data?.panels ?? []).map((p) => [p.panel, p])), [q.data]);
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon message={t('reports.loadFailed')} />;
  return (
    <>
      <Typography.Title level={3}>{t('reports.dashboards.title')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {chartDefs.map((d) => {
          const panel = byName.get(d.panel) as Panel | undefined;
          const table: Table = panel?.data ?? { columns: [], rows: [] };
          const ok = panel?.status === 'ok' && table.rows.length > 0;
          return (
            <Col key={d.key} xs={24} xl={12}>
              <ChartCard
                name={d.key}
                title={t(`reports.charts.${d.key}`)}
                table={table}
                option={ok ? d.build(table, label) : null}
                emptyText={panel?.note ?? t('reports.noData')}
              />
            </Col>
          );
        })}
      </Row>
    </>
  );
}
