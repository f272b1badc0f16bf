import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { bandColor, useReportFormat } from './format';
import { reasonText, reportKeys, reportsApi, type Warning } from './reportsApi';

type Band = 'risky' | 'high' | 'medium';

/**
 * The churn early-warning list (流失预警): scored customers at risk in the
 * user's scope, highest score first (an RM sees their own book), each with
 * the reasons in words (PI-13) and a link to the customer's churn section.
 */
export function EarlyWarningPage() {
  const { t, i18n } = useTranslation();
  const f = useReportFormat();
  const [band, setBand] = useState<Band>('risky');
  const q = useInfiniteQuery({
    queryKey: reportKeys.warnings(band, undefined),
    queryFn: ({ pageParam }) => reportsApi.warnings({ band, cursor: pageParam || undefined, limit: 50 }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('reports.warnings.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('reports.warnings.intro')}</Typography.Paragraph>
      <Segmented<Band>
        value={band}
        onChange={setBand}
        options={[
          { value: 'risky', label: t('reports.warnings.risky') },
          { value: 'high', label: t('reports.bands.high') },
          { value: 'medium', label: t('reports.bands.medium') },
        ]}
      />
      {q.isError && <Alert type="error" showIcon message={t('reports.loadFailed')} />}
      <Table<Warning>
        data-testid="warning-list"
        rowKey="customerId"
        loading={q.isPending}
        pagination={false}
        dataSource={items}
        locale={{ emptyText: t('reports.warnings.empty') }}
        columns={[
          {
            title: t('reports.columns.customer'),
            dataIndex: 'name',
            render: (_, w) => <Link to={`/customers/${w.customerId}?tab=churn`}>{w.name}</Link>,
          },
          { title: t('reports.columns.tier'), dataIndex: 'tier', render: (v: string) => t(`reports.tiers.${v}`) },
          { title: t('reports.columns.aum'), dataIndex: 'aum', align: 'right', render: (v: number) => f.money(v) },
          { title: t('reports.columns.rm'), dataIndex: 'rmName', render: (v: string | null) => v ?? '—' },
          {
            title: t('reports.columns.risk'),
            dataIndex: 'score',
            render: (_, w) => (
              <Space>
                <Tag color={bandColor[w.band]}>{t(`reports.bands.${w.band}`)}</Tag>
                <span>{f.percent(w.score * 100)}</span>
              </Space>
            ),
          },
          {
            title: t('reports.columns.reasons'),
            dataIndex: 'reasons',
            render: (_, w) => (
              <Space direction="vertical" size={0}>
                {w.reasons.map((r) => (
                  <span key={r.feature}>{reasonText(r, i18n.language)}</span>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {q.hasNextPage && (
        <Button onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
          {t('reports.more')}
        </Button>
      )}
    </Space>
  );
}
