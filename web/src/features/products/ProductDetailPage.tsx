import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { disclosureUrl, type FeeSchedule, productApi } from './api/productApi';
import { pct, riskColor, yuan } from './format';

type FeeItem = FeeSchedule['items'][number];

/** One product: key information (FEE-04), the fee schedule in force with plain-language explanations, and its history. */
export function ProductDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['product', id], queryFn: () => productApi.get(id) });
  if (q.isLoading) return <Skeleton active />;
  if (q.isError || !q.data) return <Alert type="error" title={t('products.loadFailed')} />;
  const p = q.data;
  const day = (s: string) => new Date(s).toLocaleDateString(i18n.language);
  const charge = (f: FeeItem) =>
    f.kind === 'rate' ? pct(f.rateBps, i18n.language) : yuan(f.amount ?? 0, i18n.language);
  return (
    <Flex vertical gap={16}>
      <Link to="/products">{t('products.back')}</Link>
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {p.name} <Typography.Text type="secondary">{p.code}</Typography.Text>
        </Typography.Title>
        <Flex gap={8}>
          <a href={disclosureUrl(p.id)} target="_blank" rel="noreferrer">
            <Button>{t('products.detail.disclosure')}</Button>
          </a>
          <a href={disclosureUrl(p.id, true)} target="_blank" rel="noreferrer">
            <Button>{t('products.detail.pdf')}</Button>
          </a>
          <Link to={`/products/sell?productId=${encodeURIComponent(p.id)}`}>
            <Button type="primary">{t('products.sell.start')}</Button>
          </Link>
        </Flex>
      </Flex>
      <Card title={t('products.detail.keyInfo')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('products.fields.type')}>
            {t(`products.type.${p.type}`)}
            {p.offering === 'private' ? ` · ${t('products.private')}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('products.fields.issuer')}>{p.issuer}</Descriptions.Item>
          <Descriptions.Item label={t('products.fields.risk')}>
            {p.effectiveRiskLevel ? (
              <>
                <Tag color={riskColor[p.effectiveRiskLevel]}>{p.effectiveRiskLevel}</Tag>
                {t('products.detail.riskBasis', {
                  issuer: p.issuerRiskLevel ?? '—',
                  bank: p.distributorRiskLevel ?? '—',
                })}
              </>
            ) : (
              t('products.notRated')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('products.fields.min')}>{yuan(p.minAmount, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('products.fields.term')}>
            {p.termDays ? t('products.days', { n: p.termDays }) : '—'}
          </Descriptions.Item>
          {p.annualisedRateBps !== null ? (
            <Descriptions.Item label={t('products.apr')}>{pct(p.annualisedRateBps, i18n.language)}</Descriptions.Item>
          ) : null}
          {p.interestRateBps !== null ? (
            <Descriptions.Item label={t('products.fields.rate')}>
              {pct(p.interestRateBps, i18n.language)}
            </Descriptions.Item>
          ) : null}
          {p.returnBps !== null ? (
            <Descriptions.Item label={t(`products.returnKind.${p.returnKind}`)}>
              {pct(p.returnBps, i18n.language)} {t('products.detail.notPromise')}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('products.fields.channels')}>
            {p.channels.map((c) => t(`products.channel.${c}`)).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('products.fields.coolingOff')}>
            {p.coolingOffHours > 0 ? t('products.hours', { n: p.coolingOffHours }) : t('products.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('products.fields.dualRecording')}>
            {p.dualRecordingRequired ? t('products.yes') : t('products.no')}
          </Descriptions.Item>
          <Descriptions.Item label={t('products.fields.target')}>{p.targetCustomers}</Descriptions.Item>
          <Descriptions.Item label={t('products.fields.keyRisks')} span={2}>
            {p.keyRisks}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={
          p.feeScheduleInForce
            ? t('products.detail.feesInForce', {
                version: p.feeScheduleInForce.version,
                from: day(p.feeScheduleInForce.effectiveFrom),
              })
            : t('products.detail.noFees')
        }
      >
        {p.feeScheduleInForce ? (
          <>
            <Typography.Paragraph>{p.feeScheduleInForce.summary}</Typography.Paragraph>
            <Table<FeeItem>
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={p.feeScheduleInForce.items}
              columns={[
                { title: t('products.fee.name'), dataIndex: 'name' },
                { title: t('products.fee.charge'), key: 'charge', render: (_, f) => charge(f) },
                { title: t('products.fee.basis'), dataIndex: 'basis' },
                { title: t('products.fee.when'), dataIndex: 'chargedWhen' },
                { title: t('products.fee.explanation'), dataIndex: 'explanation' },
              ]}
            />
          </>
        ) : null}
      </Card>
      <Card title={t('products.detail.history')}>
        <Table<FeeSchedule>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={p.feeSchedules}
          columns={[
            { title: t('products.fee.version'), dataIndex: 'version' },
            { title: t('products.fee.effectiveFrom'), dataIndex: 'effectiveFrom', render: (v: string) => day(v) },
            { title: t('products.fee.publishedAt'), dataIndex: 'publishedAt', render: (v: string) => day(v) },
            {
              title: t('products.fee.state'),
              dataIndex: 'state',
              render: (v: string, f) => (
                <>
                  <Tag color={v === 'in_force' ? 'green' : v === 'scheduled' ? 'blue' : 'default'}>
                    {t(`products.fee.states.${v}`)}
                  </Tag>
                  {f.isIncrease ? <Tag color="orange">{t('products.fee.increase')}</Tag> : null}
                </>
              ),
            },
            { title: t('products.fee.summary'), dataIndex: 'summary' },
          ]}
        />
      </Card>
    </Flex>
  );
}
