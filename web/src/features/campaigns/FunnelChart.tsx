import { Descriptions, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../ui/charts/EChart';
import { type Funnel, funnelSteps } from './campaignApi';

/** A funnel step's name: the rule, prefixed with the channel for the contact rules. */
function labelOf(t: TFunction, s: { key: string; channel?: string }): string {
  return s.channel
    ? `${t(`campaigns.channel.${s.channel}`)} · ${t(`campaigns.funnel.${s.key}`)}`
    : t(`campaigns.funnel.${s.key}`);
}

/** The exclusion funnel (ECharts): what remains after each rule, and how many the rule removed. */
export function FunnelChart({ funnel }: { funnel: Funnel }) {
  const { t, i18n } = useTranslation();
  const steps = useMemo(() => funnelSteps(funnel), [funnel]);
  const nf = new Intl.NumberFormat(i18n.language);
  const stepLabel = (s: { key: string; channel?: string }) => labelOf(t, s);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => nf.format(v) },
      legend: { top: 0 },
      grid: { left: 140, right: 32, top: 32, bottom: 24 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: steps.map((s) => labelOf(t, s)),
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
      {/* the counts the chart draws, readable as text: how many each rule excluded */}
      <Descriptions size="small" column={2} data-testid="campaign-funnel-rules">
        {steps
          .filter((s) => s.key !== 'segment')
          .map((s) => (
            <Descriptions.Item key={`${s.channel ?? ''}:${s.key}`} label={stepLabel(s)}>
              {nf.format(s.excluded)}
            </Descriptions.Item>
          ))}
        {funnel.channels.map((c) => (
          <Descriptions.Item key={`${c.channel}:quiet`} label={stepLabel({ key: 'quietHours', channel: c.channel })}>
            {nf.format(c.quietHoursDeferred)}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Text data-testid="campaign-funnel-summary">
        {t('campaigns.funnel.target', { target: nf.format(funnel.target), control: nf.format(funnel.control) })}
      </Typography.Text>
      {quiet > 0 && (
        <Typography.Paragraph type="secondary">{t('campaigns.funnel.quiet', { count: quiet })}</Typography.Paragraph>
      )}
    </div>
  );
}
