import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer360Section } from '../customers/customer360Sections';
import { bandColor, useReportFormat } from './format';
import { reasonText, reportKeys, reportsApi } from './reportsApi';

/**
 * The churn section of the customer 360 page: risk band and score, the
 * reasons in words (PI-13), the retention playbook's tasks for this
 * customer, and the leaving / win-back history.
 */
function CustomerChurn({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const f = useReportFormat();
  const churn = useQuery({
    queryKey: reportKeys.churn(customerId),
    queryFn: () => reportsApi.customerChurn(customerId),
  });
  const tasks = useQuery({
    queryKey: reportKeys.tasks(customerId),
    queryFn: () => reportsApi.customerTasks(customerId),
    retry: false,
  });
  if (churn.isPending) return null;
  if (churn.isError) return <Alert type="error" showIcon message={t('reports.loadFailed')} />;
  const s = churn.data.score;
  const playbook = (tasks.data?.items ?? []).filter((x) => x.kind === 'churn_retention');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="customer-churn">
      <Card title={t('reports.churn.title')}>
        {s ? (
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('reports.churn.band')}>
              <Tag color={bandColor[s.band]} data-testid="churn-band">
                {t(`reports.bands.${s.band}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('reports.churn.score')}>{f.percent(s.score * 100)}</Descriptions.Item>
            <Descriptions.Item label={t('reports.churn.scoredAt')}>
              {f.date(s.scoredAt.slice(0, 10))} · {t('reports.churn.model', { version: s.modelVersion })}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Empty description={t('reports.churn.notScored')} />
        )}
        {s && (
          <>
            <Typography.Title level={5}>{t('reports.churn.reasons')}</Typography.Title>
            <List
              data-testid="churn-reasons"
              size="small"
              dataSource={s.reasons}
              locale={{ emptyText: t('reports.churn.noReasons') }}
              renderItem={(r) => (
                <List.Item>
                  {reasonText(r, i18n.language)}
                  <Typography.Text type="secondary"> ({t('reports.churn.value', { value: r.value })})</Typography.Text>
                </List.Item>
              )}
            />
          </>
        )}
      </Card>
      {tasks.isSuccess && (
        <Card title={t('reports.churn.playbook')}>
          <List
            data-testid="churn-playbook"
            size="small"
            dataSource={playbook}
            locale={{ emptyText: t('reports.churn.noTasks') }}
            renderItem={(task) => (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <Space>
                    <Typography.Text strong>{task.title}</Typography.Text>
                    <Tag>{t(`reports.taskStatuses.${task.status}`, { defaultValue: task.status })}</Tag>
                    <Typography.Text type="secondary">
                      {t('reports.churn.due', { date: f.date(task.dueAt.slice(0, 10)) })}
                    </Typography.Text>
                  </Space>
                  {(task.description ?? '')
                    .split('\n')
                    .filter((l) => l.startsWith('建议：'))
                    .map((l) => (
                      <Typography.Text key={l}>{l}</Typography.Text>
                    ))}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      {churn.data.events.length > 0 && (
        <Card title={t('reports.churn.events')}>
          <List
            size="small"
            dataSource={churn.data.events}
            renderItem={(e) => (
              <List.Item>
                <Space wrap>
                  <span>{t('reports.churn.leftOn', { date: f.date(e.leftOn) })}</span>
                  <Tag>{t(`reports.leaveReasons.${e.reason}`)}</Tag>
                  {e.wonBackOn && <Tag color="green">{t('reports.churn.wonBack', { date: f.date(e.wonBackOn) })}</Tag>}
                  {e.notes && <Typography.Text type="secondary">{e.notes}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}

export const customer360Section: Customer360Section = {
  key: 'churn',
  order: 130,
  label: (t) => t('customers.sections.churn'),
  permission: 'customers:read',
  render: ({ customerId }) => <CustomerChurn customerId={customerId} />,
};
