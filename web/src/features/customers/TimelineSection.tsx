import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from './apiErrors';
import { formatDateTime } from './format';
import { knownType, timelineLabel, timelineSummary } from './timelineLabels';
import { useTimeline } from './useCustomer';

/** Everything that happened with the customer, from every domain, newest first, a page at a time. */
export function TimelineSection({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const q = useTimeline(customerId);
  const entries = q.data?.pages.flatMap((p) => p.items) ?? [];

  if (q.isPending) return <Skeleton active />;
  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <Button
          size="small"
          icon={<ReloadOutlined aria-hidden />}
          loading={q.isRefetching && !q.isFetchingNextPage}
          onClick={() => void q.refetch()}
        >
          {t('customers.timeline.refresh')}
        </Button>
      </Flex>
      {q.isError && <Alert type="error" showIcon title={errorText(t, q.error)} />}
      {entries.length === 0 && !q.isError ? (
        <Empty description={t('customers.timeline.empty')} />
      ) : (
        <Timeline
          items={entries.map((e) => {
            const summary = timelineSummary(t, e);
            return {
              key: e.id,
              color: knownType(t, e.type) ? 'blue' : 'gray',
              content: (
                <Flex vertical gap={2} data-event-type={e.type}>
                  <Flex gap={8} wrap align="baseline">
                    <Typography.Text strong>{timelineLabel(t, e.type)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(e.occurredAt, i18n.language)}
                    </Typography.Text>
                  </Flex>
                  {summary && <Typography.Text type="secondary">{summary}</Typography.Text>}
                </Flex>
              ),
            };
          })}
        />
      )}
      {q.hasNextPage && (
        <Flex justify="center">
          <Button loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
            {t('customers.timeline.loadMore')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
