import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Segmented, Statistic } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../ui/charts/EChart';
import { type Aggregate, customerApi } from './api/customerApi';
import { errorText } from './apiErrors';
import { formatMoney, formatMoneyCompact, formatMonth, formatNumber } from './format';

/** The `count` months up to and including this month (YYYY-MM), oldest first. */
export function lastMonths(count: number, now: Date = new Date()): string[] {
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    out.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

/** Every month of the window, with zeros where the customer had no transactions. */
export function fillMonths(rows: readonly Aggregate[], months: readonly string[]): Aggregate[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.map((month) => byMonth.get(month) ?? { month, txCount: 0, inflow: 0, outflow: 0 });
}

const windows = [6, 12, 24] as const;

/** Monthly activity (GET /aggregates): inflow and outflow bars, transaction count line. */
export function ActivityChart({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [months, setMonths] = useState<(typeof windows)[number]>(12);
  const q = useQuery({
    queryKey: ['customer', customerId, 'aggregates', months],
    queryFn: () => customerApi.aggregates(customerId, months),
  });
  const data = useMemo(() => fillMonths(q.data ?? [], lastMonths(months)), [q.data, months]);
  const totals = data.reduce(
    (s, r) => ({ inflow: s.inflow + r.inflow, outflow: s.outflow + r.outflow, count: s.count + r.txCount }),
    { inflow: 0, outflow: 0, count: 0 },
  );

  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 64, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: data.map((r) => formatMonth(r.month, lng)) },
      yAxis: [
        { type: 'value', axisLabel: { formatter: (v: number) => formatMoneyCompact(v * 100, lng) } },
        { type: 'value', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('customers.activity.inflow'),
          type: 'bar',
          data: data.map((r) => r.inflow / 100),
          tooltip: { valueFormatter: (v: number) => formatMoney(Math.round(v * 100), lng) },
        },
        {
          name: t('customers.activity.outflow'),
          type: 'bar',
          data: data.map((r) => r.outflow / 100),
          tooltip: { valueFormatter: (v: number) => formatMoney(Math.round(v * 100), lng) },
        },
        {
          name: t('customers.activity.count'),
          type: 'line',
          yAxisIndex: 1,
          data: data.map((r) => r.txCount),
        },
      ],
    }),
    [data, t, lng],
  );

  return (
    <Card
      size="small"
      title={t('customers.activity.title', { count: months })}
      extra={
        <Segmented
          size="small"
          value={months}
          onChange={(v) => setMonths(v as (typeof windows)[number])}
          options={windows.map((w) => ({ value: w, label: t('customers.activity.months', { count: w }) }))}
        />
      }
    >
      {q.isError ? (
        <Alert type="error" showIcon title={errorText(t, q.error)} />
      ) : (
        <Flex vertical gap={8}>
          <Flex gap={32} wrap>
            <Statistic title={t('customers.activity.inflow')} value={formatMoney(totals.inflow, lng)} />
            <Statistic title={t('customers.activity.outflow')} value={formatMoney(totals.outflow, lng)} />
            <Statistic title={t('customers.activity.count')} value={formatNumber(totals.count, lng)} />
          </Flex>
          <EChart option={option} label={t('customers.activity.title', { count: months })} height={300} />
        </Flex>
      )}
    </Card>
  );
}
