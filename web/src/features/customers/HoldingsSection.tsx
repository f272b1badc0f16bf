import { Card, Col, Empty, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../ui/charts/EChart';
import type { Holding, Holdings } from './api/customerApi';
import { daysUntil, formatDate, formatMoney } from './format';
import { codeLabel } from './labels';

/** Days before a maturity date from which the balances table flags it. */
export const maturitySoonDays = 30;

type Props = { holdings: Holdings };

/** AUM by product type (donut), the balances table with maturity dates, and liabilities apart. */
export function HoldingsSection({ holdings }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const assets = holdings.items.filter((h) => h.side === 'asset');
  const liabilities = holdings.items.filter((h) => h.side === 'liability');
  const assetTypes = useMemo(
    () => holdings.byProductType.filter((b) => b.currency === 'CNY' && !isLiability(holdings, b.productType)),
    [holdings],
  );

  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', valueFormatter: (v: number) => formatMoney(Math.round(v * 100), lng) },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          name: t('customers.holdings.byType'),
          radius: ['45%', '70%'],
          center: ['50%', '45%'],
          avoidLabelOverlap: true,
          label: { formatter: '{b}\n{d}%' },
          data: assetTypes.map((b) => ({ name: codeLabel(t, 'productType', b.productType), value: b.balance / 100 })),
        },
      ],
    }),
    [assetTypes, t, lng],
  );

  const columns = (kind: 'asset' | 'liability'): ColumnsType<Holding> => [
    { title: t('customers.holdings.product'), dataIndex: 'productName' },
    {
      title: t('customers.holdings.type'),
      dataIndex: 'productType',
      render: (v: string) => codeLabel(t, 'productType', v),
    },
    { title: t('customers.holdings.account'), dataIndex: 'accountNo', render: (v: string | null) => v ?? '—' },
    {
      title: kind === 'asset' ? t('customers.holdings.balance') : t('customers.holdings.owed'),
      dataIndex: 'balance',
      align: 'right',
      render: (v: number, h) => formatMoney(v, lng, h.currency),
    },
    { title: t('customers.holdings.opened'), dataIndex: 'openedOn', render: (v: string | null) => formatDate(v, lng) },
    {
      title: t('customers.holdings.maturity'),
      dataIndex: 'maturityOn',
      render: (v: string | null, h) => {
        if (!v) return '—';
        const days = daysUntil(`${v}T23:59:59`);
        return (
          <Flex gap={4} align="center">
            {formatDate(v, lng)}
            {h.status === 'active' && days >= 0 && days <= maturitySoonDays && (
              <Tag color="orange">{t('customers.holdings.maturesSoon', { count: days })}</Tag>
            )}
          </Flex>
        );
      },
    },
    {
      title: t('customers.holdings.status'),
      dataIndex: 'status',
      render: (v: string) => <Tag color={v === 'active' ? 'green' : 'default'}>{codeLabel(t, 'holdingStatus', v)}</Tag>,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        {holdings.totals.length === 0 ? (
          <Col span={24}>
            <Statistic title={t('customers.header.aum')} value={formatMoney(0, lng)} />
          </Col>
        ) : (
          holdings.totals.map((x) => (
            <Col key={x.currency} xs={24} md={12}>
              <Card size="small">
                <Flex gap={32} wrap>
                  <Statistic
                    title={t('customers.holdings.aumIn', { currency: x.currency })}
                    value={formatMoney(x.aum, lng, x.currency)}
                  />
                  <Statistic
                    title={t('customers.holdings.liabilitiesIn', { currency: x.currency })}
                    value={formatMoney(x.liabilities, lng, x.currency)}
                  />
                </Flex>
              </Card>
            </Col>
          ))
        )}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('customers.holdings.byType')}>
            {assetTypes.length > 0 ? (
              <EChart option={option} label={t('customers.holdings.byType')} height={300} />
            ) : (
              <Empty description={t('customers.holdings.noAssets')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card size="small" title={t('customers.holdings.assets')}>
            <Table<Holding>
              rowKey="id"
              size="small"
              columns={columns('asset')}
              dataSource={assets}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('customers.holdings.noAssets') }}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('customers.holdings.liabilities')}>
        {liabilities.length === 0 ? (
          <Typography.Text type="secondary">{t('customers.holdings.noLiabilities')}</Typography.Text>
        ) : (
          <Table<Holding>
            rowKey="id"
            size="small"
            columns={columns('liability')}
            dataSource={liabilities}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        )}
      </Card>
    </Flex>
  );
}

function isLiability(h: Holdings, productType: string): boolean {
  return h.items.some((i) => i.productType === productType && i.side === 'liability');
}
