import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Product, type ProductListQuery, productApi } from './api/productApi';
import { pct, riskColor, yuan } from './format';

const types = ['demand_deposit', 'time_deposit', 'wealth', 'fund', 'insurance', 'loan', 'credit_card'] as const;

/** The product catalogue: every product with its effective risk level (SUIT-01), terms and status. */
export function CataloguePage() {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState<ProductListQuery>({});
  const list = useQuery({ queryKey: ['products', query], queryFn: () => productApi.list(query) });
  const rate = (p: Product) =>
    p.annualisedRateBps !== null
      ? `${t('products.apr')} ${pct(p.annualisedRateBps, i18n.language)}`
      : p.interestRateBps !== null
        ? pct(p.interestRateBps, i18n.language)
        : p.returnBps !== null
          ? `${t(`products.returnKind.${p.returnKind}`)} ${pct(p.returnBps, i18n.language)}`
          : '—';
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('products.catalogue.title')}
        </Typography.Title>
        <Flex gap={8}>
          <Link to="/products/sell">
            <Button type="primary">{t('products.sell.start')}</Button>
          </Link>
          <a href="/api/public/price-list.html" target="_blank" rel="noreferrer">
            <Button>{t('products.catalogue.priceList')}</Button>
          </a>
        </Flex>
      </Flex>
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            style={{ width: 260 }}
            placeholder={t('products.catalogue.search')}
            aria-label={t('products.catalogue.search')}
            onSearch={(q) => setQuery((v) => ({ ...v, q: q || undefined }))}
          />
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('products.catalogue.type')}
            aria-label={t('products.catalogue.type')}
            options={types.map((x) => ({ value: x, label: t(`products.type.${x}`) }))}
            onChange={(type) => setQuery((v) => ({ ...v, type }))}
          />
        </Flex>
        {list.isError ? <Alert type="error" title={t('products.loadFailed')} /> : null}
        <Table<Product>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            {
              title: t('products.fields.name'),
              dataIndex: 'name',
              render: (_, p) => (
                <Link to={`/products/${p.id}`}>
                  {p.name} <Typography.Text type="secondary">{p.code}</Typography.Text>
                </Link>
              ),
            },
            { title: t('products.fields.type'), dataIndex: 'type', render: (v: string) => t(`products.type.${v}`) },
            {
              title: t('products.fields.risk'),
              dataIndex: 'effectiveRiskLevel',
              render: (v: string | null) => (v ? <Tag color={riskColor[v]}>{v}</Tag> : t('products.notRated')),
            },
            { title: t('products.fields.min'), dataIndex: 'minAmount', render: (v: number) => yuan(v, i18n.language) },
            { title: t('products.fields.rate'), key: 'rate', render: (_, p) => rate(p) },
            {
              title: t('products.fields.term'),
              dataIndex: 'termDays',
              render: (v: number | null) => (v ? t('products.days', { n: v }) : '—'),
            },
            {
              title: t('products.fields.status'),
              dataIndex: 'status',
              render: (v: string) => t(`products.status.${v}`),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
