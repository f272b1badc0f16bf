import { useQuery } from '@tanstack/react-query';
import { Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../ui/charts/EChart';
import { segmentKeys, segmentsApi } from './segmentsApi';

// the funnel's order: acquisition to value, then decline and recovery
const funnelOrder = ['prospect', 'new', 'growing', 'loyal', 'at_risk', 'dormant', 'churned', 'won_back'];

/** The lifecycle funnel of the customers in the user's scope (ECharts funnel). */
export function LifecycleFunnel() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: segmentKeys.distribution, queryFn: segmentsApi.distribution });
  const option = useMemo(() => {
    const stages = [...(q.data?.stages ?? [])].sort(
      (a, b) => funnelOrder.indexOf(a.stage) - funnelOrder.indexOf(b.stage),
    );
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          label: { show: true, position: 'inside', formatter: '{b} {c}' },
          data: stages.map((s) => ({
            name: t(`segments.values.${s.stage}`, { defaultValue: s.stage }),
            value: s.customers,
          })),
        },
      ],
    };
  }, [q.data, t]);
  if (q.isError || q.data?.stages.every((s) => s.customers === 0)) return <Empty />;
  return <EChart option={option} height={300} label={t('segments.funnel')} />;
}
