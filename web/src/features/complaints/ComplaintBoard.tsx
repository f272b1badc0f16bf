import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Segmented, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type BoardQuery, type ComplaintItem, categories, complaintsApi, keys } from './complaintsApi';
import { clockColor, useFormat } from './format';

/** The complaints board for handlers and branch managers: soonest due first, keyset pages. */
export function ComplaintBoard() {
  const { t } = useTranslation();
  const f = useFormat();
  const [view, setView] = useState<'mine' | 'scope' | 'escalated'>('scope');
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [category, setCategory] = useState<string | undefined>();
  const query = { view, status, ...(category ? { category } : {}), limit: 50 } as BoardQuery;
  const board = useInfiniteQuery({
    queryKey: keys.board(query),
    queryFn: ({ pageParam }) => complaintsApi.board({ ...query, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = board.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card
      title={t('complaints.board.title')}
      extra={
        <Space wrap>
          <Segmented
            value={view}
            onChange={(v) => setView(v as typeof view)}
            options={(['mine', 'scope', 'escalated'] as const).map((v) => ({
              value: v,
              label: t(`complaints.board.views.${v}`),
            }))}
          />
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={[
              { value: 'open', label: t('complaints.board.open') },
              { value: 'all', label: t('complaints.board.all') },
            ]}
          />
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('complaints.board.columns.category')}
            value={category}
            onChange={setCategory}
            options={categories.map((c) => ({ value: c, label: t(`complaints.categories.${c}`) }))}
          />
        </Space>
      }
    >
      <Table<ComplaintItem>
        data-testid="complaint-board"
        rowKey="id"
        size="small"
        loading={board.isLoading}
        pagination={false}
        dataSource={items}
        locale={{ emptyText: t('complaints.board.empty') }}
        columns={[
          {
            title: t('complaints.board.columns.reference'),
            dataIndex: 'reference',
            render: (v: string, r) => <Link to={`/complaints/${r.id}`}>{v}</Link>,
          },
          {
            title: t('complaints.board.columns.customer'),
            render: (_, r) => r.customerName ?? r.complainantName ?? t('complaints.anonymous'),
          },
          { title: t('complaints.board.columns.category'), render: (_, r) => t(`complaints.categories.${r.category}`) },
          { title: t('complaints.board.columns.channel'), render: (_, r) => t(`complaints.channels.${r.channel}`) },
          {
            title: t('complaints.board.columns.status'),
            render: (_, r) => <Tag>{t(`complaints.statuses.${r.status}`)}</Tag>,
          },
          { title: t('complaints.board.columns.due'), render: (_, r) => f.date(r.dueDate) },
          {
            title: t('complaints.board.columns.clock'),
            render: (_, r) => <Tag color={clockColor[r.clockState]}>{t(`complaints.clock.${r.clockState}`)}</Tag>,
          },
          { title: t('complaints.board.columns.handler'), render: (_, r) => r.handlerName ?? '—' },
          { title: t('complaints.board.columns.unit'), dataIndex: 'unitName' },
        ]}
      />
      {board.hasNextPage && (
        <Button block onClick={() => board.fetchNextPage()} loading={board.isFetchingNextPage}>
          {t('complaints.board.more')}
        </Button>
      )}
    </Card>
  );
}
