import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import { LogInteractionForm } from '../LogInteractionForm';
import { keys, workbenchApi } from '../workbenchApi';

/**
 * The interactions section of the customer 360 page: the log form and the
 * customer's interactions, newest first (keyset pages). For the 360 page owner to plug in.
 */
export function CustomerInteractions({ customerId, showForm = true }: { customerId: string; showForm?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useInfiniteQuery({
    queryKey: keys.interactions(customerId),
    queryFn: ({ pageParam }) => workbenchApi.interactions(customerId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card title={t('workbench.customerPage.interactions')}>
      {showForm && <LogInteractionForm customerId={customerId} />}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.empty')} />
      ) : (
        <List
          data-testid="interaction-list"
          size="small"
          dataSource={items}
          renderItem={(i) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Tag color="blue">{t(`workbench.log.channels.${i.channel}`)}</Tag>
                    <span>{t(`workbench.log.purposes.${i.purpose}`)}</span>
                    <Tag>{t(`workbench.log.outcomes.${i.outcome}`)}</Tag>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={0}>
                    <Typography.Text type="secondary">
                      {f.dateTime(i.occurredAt)} · {i.staffName ?? i.staffId} ·{' '}
                      {t(`workbench.log.directions.${i.direction}`)}
                    </Typography.Text>
                    {i.notes && <span>{i.notes}</span>}
                    {i.nextAction && (
                      <span>
                        {t('workbench.log.nextAction')}: {i.nextAction}{' '}
                        {i.nextActionAt ? `(${f.dateTime(i.nextActionAt)})` : ''}
                      </span>
                    )}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('workbench.customerPage.more')}
        </Button>
      )}
    </Card>
  );
}
