import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Segmented, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../ui/charts/EChart';
import { complaintsApi, type Dimension, keys, type SummaryRow, type SurveyResult } from './complaintsApi';
import { useFormat } from './format';

/** Complaint volumes and on-time rate by dimension, the trend, the regulator CSV, and survey results. */
export function ComplaintReports() {
  const { t } = useTranslation();
  const f = useFormat();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const [dimension, setDimension] = useState<Dimension>('unit');
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const summary = useQuery({
    queryKey: keys.reports('summary', from, to, dimension),
    queryFn: () => complaintsApi.summary(from, to, dimension),
  });
  const trend = useQuery({ queryKey: keys.reports('trend', from, to), queryFn: () => complaintsApi.trend(from, to) });
  const surveys = useQuery({
    queryKey: keys.reports('surveys', from, to),
    queryFn: () => complaintsApi.surveyResults(from, to, 'unit'),
  });
  const name = (r: SummaryRow) =>
    dimension === 'category'
      ? t(`complaints.categories.${r.key}`)
      : dimension === 'channel'
        ? t(`complaints.channels.${r.key}`)
        : (r.name ?? (r.key || '—'));
  const trendOption = useMemo(() => {
    const items = trend.data?.items ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('complaints.reports.received'), t('complaints.reports.onTime')] },
      xAxis: { type: 'category', data: items.map((i) => i.period) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('complaints.reports.received'), type: 'bar', data: items.map((i) => i.received) },
        { name: t('complaints.reports.onTime'), type: 'line', data: items.map((i) => i.onTime) },
      ],
    };
  }, [trend.data, t]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `name` changes only with dimension and t
  const barOption = useMemo(() => {
    const items = summary.data?.items ?? [];
    return {
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: items.map(name), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: t('complaints.reports.columns.total'), type: 'bar', data: items.map((i) => i.total) }],
    };
  }, [summary.data, dimension, t]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={t('complaints.reports.title')}
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              value={range}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
              allowClear={false}
            />
            <Segmented
              value={dimension}
              onChange={(v) => setDimension(v as Dimension)}
              options={(['category', 'product', 'channel', 'unit', 'rm'] as const).map((d) => ({
                value: d,
                label: t(`complaints.reports.dimensions.${d}`),
              }))}
            />
            <Button href={`/api/complaints/reports/regulator.csv?from=${from}&to=${to}`}>
              {t('complaints.reports.export')}
            </Button>
          </Space>
        }
      >
        <EChart option={barOption} label={t('complaints.reports.title')} height={240} />
        <Table<SummaryRow>
          data-testid="complaint-summary"
          rowKey="key"
          size="small"
          pagination={false}
          loading={summary.isLoading}
          dataSource={summary.data?.items ?? []}
          columns={[
            { title: t('complaints.reports.columns.key'), render: (_, r) => name(r) },
            { title: t('complaints.reports.columns.total'), dataIndex: 'total' },
            { title: t('complaints.reports.columns.decided'), dataIndex: 'decided' },
            { title: t('complaints.reports.columns.onTimeRate'), render: (_, r) => f.percent(r.onTimeRate) },
            { title: t('complaints.reports.columns.overdueOpen'), dataIndex: 'overdueOpen' },
            { title: t('complaints.reports.columns.upheld'), dataIndex: 'upheld' },
          ]}
        />
      </Card>
      <Card title={t('complaints.reports.trend')}>
        <EChart option={trendOption} label={t('complaints.reports.trend')} />
      </Card>
      <Card title={t('complaints.reports.surveys')}>
        <Table<SurveyResult>
          data-testid="survey-results"
          rowKey={(r) => `${r.groupId}-${r.period}-${r.kind}`}
          size="small"
          pagination={false}
          dataSource={surveys.data?.items ?? []}
          columns={[
            { title: t('complaints.reports.surveyColumns.group'), render: (_, r) => r.groupName ?? r.groupId ?? '—' },
            { title: t('complaints.reports.surveyColumns.period'), dataIndex: 'period' },
            { title: t('complaints.reports.surveyColumns.kind'), render: (_, r) => r.kind.toUpperCase() },
            { title: t('complaints.reports.surveyColumns.responses'), dataIndex: 'responses' },
            { title: t('complaints.reports.surveyColumns.average'), render: (_, r) => r.averageScore ?? '—' },
            { title: t('complaints.reports.surveyColumns.nps'), render: (_, r) => r.nps ?? '—' },
            { title: t('complaints.reports.surveyColumns.low'), dataIndex: 'lowScores' },
          ]}
        />
      </Card>
    </Space>
  );
}
