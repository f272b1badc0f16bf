import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../ui/charts/EChart';
import { campaignApi } from './campaignApi';

const pct = (v: number, lng: string) =>
  new Intl.NumberFormat(lng, { style: 'percent', maximumFractionDigits: 1 }).format(v);

/** Campaign results: response and conversion of target vs control, and the lift with its 95% CI. */
export function ResultsPanel({ campaignId }: { campaignId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const q = useQuery({ queryKey: ['campaign', campaignId, 'results'], queryFn: () => campaignApi.results(campaignId) });
  const r = q.data;
  const option = useMemo(
    () =>
      r && {
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => pct(v, lng) },
        legend: { top: 0 },
        grid: { left: 48, right: 24, top: 32, bottom: 24 },
        xAxis: { type: 'category', data: [t('campaigns.results.response'), t('campaigns.results.conversion')] },
        yAxis: { type: 'value', axisLabel: { formatter: (v: number) => pct(v, lng) } },
        series: [
          { name: t('campaigns.results.target'), type: 'bar', data: [r.target.responseRate, r.target.conversionRate] },
          {
            name: t('campaigns.results.control'),
            type: 'bar',
            data: [r.control.responseRate, r.control.conversionRate],
          },
        ],
      },
    [r, t, lng],
  );
  if (q.error) return <Alert type="error" title={String((q.error as Error).message)} />;
  if (!r || !option) return null;
  const ci = (l: typeof r.responseLift) =>
    l ? `${pct(l.estimate, lng)} [${pct(l.low, lng)}, ${pct(l.high, lng)}]` : t('campaigns.results.noLift');
  return (
    <div data-testid="campaign-results">
      <Typography.Title level={5}>{t('campaigns.results.title')}</Typography.Title>
      <Typography.Text type="secondary">
        {t('campaigns.results.window', {
          from: new Date(r.window.from).toLocaleDateString(lng),
          to: new Date(r.window.to).toLocaleDateString(lng),
        })}
      </Typography.Text>
      <EChart option={option} height={240} label={t('campaigns.results.title')} />
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={`${t('campaigns.results.response')} · ${t('campaigns.results.lift')}`}>
          {ci(r.responseLift)}
        </Descriptions.Item>
        <Descriptions.Item label={`${t('campaigns.results.conversion')} · ${t('campaigns.results.lift')}`}>
          {r.salesAttributed ? ci(r.conversionLift) : t('campaigns.results.noSales')}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
