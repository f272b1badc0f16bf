import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Customer360Section } from '../customers/customer360Sections';
import { complaintsApi, keys } from './complaintsApi';
import { clockColor, useFormat } from './format';

/** The customer's complaints and survey links on the 360 page (links shown for the RM to send). */
function CustomerComplaints({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: keys.customer(customerId), queryFn: () => complaintsApi.customer(customerId) });
  const surveys = useQuery({
    queryKey: keys.surveys(customerId),
    queryFn: () => complaintsApi.surveys(customerId),
    retry: false,
  });
  const invite = useMutation({
    mutationFn: () => complaintsApi.invite(customerId, 'csat_v1'),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.surveys(customerId) }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={t('complaints.section.title')}
        extra={<Link to={`/complaints/new?customerId=${customerId}`}>{t('complaints.section.new')}</Link>}
      >
        <List
          data-testid="customer-complaints"
          size="small"
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('complaints.board.empty') }}
          renderItem={(c) => (
            <List.Item>
              <Space wrap>
                <Link to={`/complaints/${c.id}`}>{c.reference}</Link>
                <span>{t(`complaints.categories.${c.category}`)}</span>
                <Tag>{t(`complaints.statuses.${c.status}`)}</Tag>
                <Tag color={clockColor[c.clockState]}>{t(`complaints.clock.${c.clockState}`)}</Tag>
                <Typography.Text type="secondary">{f.date(c.dueDate)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {surveys.isSuccess && (
        <Card
          title={t('complaints.section.surveys')}
          extra={
            <Button onClick={() => invite.mutate()} loading={invite.isPending}>
              {t('complaints.section.invite')}
            </Button>
          }
        >
          <List
            data-testid="customer-surveys"
            size="small"
            dataSource={surveys.data.items}
            renderItem={(s) => (
              <List.Item
                actions={
                  s.link
                    ? [
                        <Button
                          key="copy"
                          size="small"
                          onClick={async () => {
                            await navigator.clipboard?.writeText(s.link ?? '');
                            message.success(t('complaints.section.copied'));
                          }}
                        >
                          {t('complaints.section.copy')}
                        </Button>,
                      ]
                    : []
                }
              >
                <Space wrap>
                  <Tag>{t(`complaints.section.triggers.${s.trigger}`)}</Tag>
                  <span>{s.templateName}</span>
                  <Tag color={s.state === 'open' ? 'blue' : s.low ? 'red' : 'default'}>
                    {t(`complaints.section.states.${s.state}`)}
                  </Tag>
                  {s.score !== null && <strong>{s.score}</strong>}
                  {s.link && (
                    <Typography.Text copyable={{ text: s.link }} code data-testid="survey-link">
                      {s.link}
                    </Typography.Text>
                  )}
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
  key: 'complaints',
  order: 100,
  label: (t) => t('customers.sections.complaints'),
  permission: 'complaints:read',
  render: ({ customerId }) => <CustomerComplaints customerId={customerId} />,
};
