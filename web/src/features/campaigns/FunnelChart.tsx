import { Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Funnel, funnelSteps } from './campaignApi';
import { EChart } from '../../ui/charts/EChart';

/** The exclusion funnel (ECharts): what remains after each rule, and how many the rule removed. */
export function FunnelChart({ funnel }: { funnel: Funnel }) {
  const { t, i18n } = useTranslation();
  const steps = useMemo(() => funnelSteps(funnel), [funnel]);
  const nf = new Intl.NumberFormat(i18n.language);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => nf.format(v) },
      legend: { top: 0 },
      grid: { left: 140, right: 32, top: 32, bottom: 24 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: steps.map((s) =>
          s.channel
            ? `${t(`campaigns.channel.${s.channel}`)} · ${t(`campaigns.funnel.${s.key}`)}`
            : t(`campaigns.funnel.${s.key}`),
        ),
      },
      xAxis: { type: 'value' },
      series: [
        { name: t('campaigns.funnel.remaining'), type: 'bar', stack: 'f', data: steps.map((s) => s.remaining) },
        { name: t('campaigns.funnel.excluded'), type: 'bar', stack: 'f', data: steps.map((s) => s.excluded) },
      ],
    }),
    [steps, t, nf],
  );
  const quiet = funnel.channels.reduce((n, c) => n + c.quietHoursDeferred, 0);
  return (
    <div data-testid="campaign-funnel">
      <Typography.Title level={5}>{t('campaigns.funnel.title')}</Typography.Title>
      <EChart option={option} height={Math.max(220, steps.length * 30 + 60)} label={t('campaigns.funnel.title')} />
      <Typography.Text data-testid="campaign-funnel-summary">
        {t('campaigns.funnel.target', { target: nf.format(funnel.target), control: nf.format(funnel.control) })}
      </Typography.Text>
      {quiet > 0 && (
        <Typography.Paragraph type="secondary">{t('campaigns.funnel.quiet', { count: quiet })}</Typography.Paragraph>
      )}
    </div>
  );
}
