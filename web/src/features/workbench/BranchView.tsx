import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EChart } from '../../ui/charts/EChart';
import { useFormat } from './format';
import { keys, type BranchView as View, workbenchApi } from './workbenchApi';

const windows = [30, 90, 180] as const;

/** The heat map: RMs down, metrics across, 0-100 (grey where there is nothing to measure). */
type HeatMapData = { metrics: string[]; rms: View['heatmap']['rms']; cells: (number | null)[][] };

function HeatMap({ heatmap }: { heatmap: HeatMapData }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { position: 'top' },
      grid: { left: 140, right: 24, top: 16, bottom: 90 },
      xAxis: {
        type: 'category',
        data: heatmap.metrics.map((m) => t(`workbench.branch.metrics.${m}`)),
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category',
        data: heatmap.rms.map((r) => `${r.rmName} · ${r.unitName}`),
        splitArea: { show: true },
      },
      visualMap: {
        min: 0,
        max: 100,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 10,
        inRange: { color: ['#f5222d', '#faad14', '#52c41a'] },
      },
      series: [
        {
          type: 'heatmap',
          name: t('workbench.branch.heatmap'),
          data: heatmap.cells.map(([x, y, v]) => [y, x, v ?? '-']),
          label: { show: true },
        },
      ],
    }),
    [heatmap, t],
  );
  return (
    <EChart
      option={option}
      height={Math.max(240, 60 + heatmap.rms.length * 28)}
      label={t('workbench.branch.heatmap')}
    />
  );
}

/** Service consistency across RMs and sub-branches (GET /api/workbench/branch). */
export function BranchView() {
  const { t } = useTranslation();
  const f = useFormat();
  const [days, setDays] = useState<number>(90);
  const q = useQuery({ queryKey: keys.branch(days), queryFn: () => workbenchApi.branch(days) });
  const v = q.data;
  const metric = (m: string) => t(`workbench.branch.metrics.${m}`);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space align="baseline">
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('workbench.branch.title')}
          </Typography.Title>
          <Link to="/workbench">{t('workbench.nav.mine')}</Link>
        </Space>
        <Segmented
          value={days}
          onChange={(d) => setDays(Number(d))}
          options={windows.map((d) => ({ value: d, label: t('workbench.branch.days', { days: d }) }))}
        />
      </Space>
      {q.error && <Alert type="error" showIcon message={q.error.message} />}
      {v && (
        <>
          <Row gutter={[16, 16]}>
            {v.spread.map((s) => (
              <Col xs={24} md={8} key={s.metric}>
                <Card>
                  <Statistic
                    title={`${metric(s.metric)} · ${t('workbench.branch.spread')}`}
                    value={f.percent(s.spread)}
                  />
                  <Typography.Text type="secondary">
                    {t('workbench.branch.best')} {f.percent(s.best)} · {t('workbench.branch.worst')}{' '}
                    {f.percent(s.worst)}
                  </Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
          <Card title={t('workbench.branch.heatmap')}>
            <HeatMap heatmap={v.heatmap} />
          </Card>
          <Card title={t('workbench.branch.units')}>
            <Table
              size="small"
              rowKey="unitId"
              pagination={false}
              dataSource={v.units}
              columns={[
                { title: t('workbench.branch.unit'), dataIndex: 'unitName' },
                { title: t('workbench.branch.rmCount'), dataIndex: 'rmCount' },
                { title: t('workbench.branch.customers'), dataIndex: 'customers', render: (n: number) => f.number(n) },
                ...(['contactAdherence', 'taskOnTimeRate', 'followUpCompletion'] as const).map((m) => ({
                  title: metric(m),
                  dataIndex: m,
                  render: (x: number | null) => f.percent(x),
                })),
              ]}
            />
          </Card>
          <Card title={t('workbench.branch.rms')}>
            <Table
              size="small"
              rowKey="rmId"
              dataSource={v.rms}
              columns={[
                { title: t('workbench.branch.rm'), dataIndex: 'rmName' },
                { title: t('workbench.branch.unit'), dataIndex: 'unitName' },
                { title: t('workbench.branch.customers'), dataIndex: 'customers', render: (n: number) => f.number(n) },
                ...(['contactAdherence', 'taskOnTimeRate', 'followUpCompletion'] as const).map((m) => ({
                  title: metric(m),
                  dataIndex: m,
                  render: (x: number | null) => f.percent(x),
                })),
                { title: t('workbench.branch.openOverdue'), dataIndex: 'openOverdue' },
                {
                  title: '',
                  dataIndex: 'rmId',
                  render: (id: string) => (
                    <Link to={`/workbench/branch/rms/${id}?days=${days}`}>{t('workbench.branch.drill')}</Link>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
