import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import { keys, workbenchApi } from '../workbenchApi';

/**
 * The newest entries of the customer timeline (a projection the server fills
 * by event dispatch): polled, so entries made by a write appear within seconds.
 */
export function CustomerTimelineCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const tl = useQuery({
    queryKey: keys.timeline(customerId),
    queryFn: () => workbenchApi.timeline(customerId),
    refetchInterval: 3000,
  });
  const items = tl.data?.items ?? [];
  return (
    <Card title={t('workbench.customerPage.timeline')} data-testid="customer-timeline">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.empty')} />
      ) : (
        <Timeline
          items={items.map((e) => ({
            key: e.id,
            children: `${f.dateTime(e.occurredAt)} ${t(`workbench.timelineTypes.${e.type}`, { defaultValue: e.type })}`,
          }))}
        />
      )}
    </Card>
  );
}
