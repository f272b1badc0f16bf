import { useQuery } from '@tanstack/react-query';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { TaskList } from '../TaskList';
import { keys, workbenchApi } from '../workbenchApi';

/** The tasks and follow-up visits section of the customer 360 page, with the complete action. */
export function CustomerTasks({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const tasks = useQuery({ queryKey: keys.tasks(customerId), queryFn: () => workbenchApi.customerTasks(customerId) });
  return (
    <Card title={t('workbench.customerPage.tasks')} data-testid="customer-tasks">
      <TaskList tasks={tasks.data?.items ?? []} showCustomer={false} />
    </Card>
  );
}
