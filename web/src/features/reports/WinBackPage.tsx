import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReportFormat } from './format';
import { type LeftPage, reportKeys, reportsApi } from './reportsApi';

type Item = LeftPage['items'][number];

/** The win-back list (挽回名单): customers who left, with the reason, newest first; or those won back. */
export function WinBackPage() {
  const { t } = useTranslation();
  const f = useReportFormat();
  const [wonBack, setWonBack] = useState(false);
  const q = useInfiniteQuery({
    queryKey: reportKeys.left(wonBack),
    queryFn: ({ pageParam }) =>
      reportsApi.left({ wonBack: wonBack ? 'true' : 'false', cursor: pageParam || undefined, limit: 50 }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('reports.winBack.title')}</Typography.Title>
      <Segmented<string>
        value={wonBack ? 'won' : 'left'}
        onChange={(v) => setWonBack(v === 'won')}
        options={[
          { value: 'left', label: t('reports.winBack.left') },
          { value: 'won', label: t('reports.winBack.won') },
        ]}
      />
      {q.isError && <Alert type="error" showIcon message={t('reports.loadFailed')} />}
      <Table<Item>
        data-testid="win-back-list"
        rowKey="id"
        loading={q.isPending}
        pagination={false}
        dataSource={items}
        locale={{ emptyText: t('reports.winBack.empty') }}
        columns={[
          {
            title: t('reports.columns.customer'),
            dataIndex: 'name',
            render: (_, e) => <Link to={`/customers/${e.customerId}?tab=churn`}>{e.name}</Link>,
          },
          { title: t('reports.columns.tier'), dataIndex: 'tier', render: (v: string) => t(`reports.tiers.${v}`) },
          { title: t('reports.columns.leftOn'), dataIndex: 'leftOn', render: (v: string) => f.date(v) },
          {
            title: t('reports.columns.reason'),
            dataIndex: 'reason',
            render: (v: string) => t(`reports.leaveReasons.${v}`),
          },
          {
            title: t('reports.columns.scoreAtExit'),
            dataIndex: 'scoreAtExit',
            render: (v: number | null) => (v === null ? '—' : f.percent(v * 100)),
          },
          ...(wonBack
            ? [{ title: t('reports.columns.wonBackOn'), dataIndex: 'wonBackOn', render: (v: string) => f.date(v) }]
            : []),
          { title: t('reports.columns.notes'), dataIndex: 'notes', render: (v: string | null) => v ?? '' },
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
