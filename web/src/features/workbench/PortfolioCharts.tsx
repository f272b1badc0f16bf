import { Col, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../ui/charts/EChart';
import { useFormat } from './format';
import type { Workbench } from './workbenchApi';

const tierOrder = ['private_banking', 'wealth', 'vip', 'mass'];

/** Customers and AUM by tier: a pie of customer counts and a bar of AUM. */
export function PortfolioCharts({ portfolio }: { portfolio: Workbench['portfolio'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rows = useMemo(
    () => [...portfolio.byTier].sort((a, b) => tierOrder.indexOf(a.tier) - tierOrder.indexOf(b.tier)),
    [portfolio.byTier],
  );
  const pie = useMemo(() => {
    const name = (tier: string) => t(`workbench.tier.${tier}`, { defaultValue: tier });
    return {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: rows.map((r) => ({ name: name(r.tier), value: r.customers })),
        },
      ],
    };
  }, [rows, t]);
  const bar = useMemo(() => {
    const name = (tier: string) => t(`workbench.tier.${tier}`, { defaultValue: tier });
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 80, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: rows.map((r) => name(r.tier)) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name: t('workbench.portfolio.aum'), data: rows.map((r) => Math.round(r.aum / 100)) }],
    };
  }, [rows, t]);
  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Statistic title={t('workbench.portfolio.customers')} value={f.number(portfolio.customers)} />
        </Col>
        <Col span={12}>
          <Statistic title={t('workbench.portfolio.aum')} value={f.money(portfolio.aum)} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <EChart option={pie} label={t('workbench.portfolio.customers')} />
        </Col>
        <Col xs={24} md={12}>
          <EChart option={bar} label={t('workbench.portfolio.aum')} />
        </Col>
      </Row>
    </>
  );
}
