import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../workbench/format';
import { keys, type MessageStatus, marketingApi } from './marketingApi';

const statusColor: Record<string, string> = {
  queued: 'default',
  deferred: 'gold',
  sending: 'blue',
  sent: 'cyan',
  delivered: 'green',
  failed: 'red',
  suppressed: 'volcano',
};
const statuses: (MessageStatus | 'all')[] = ['all', 'queued', 'deferred', 'sent', 'delivered', 'failed', 'suppressed'];

/** The message log with delivery status and suppression reasons, and the suppression list (why a customer was not contacted). */
export function MessageLogPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState<MessageStatus | 'all'>('all');
  const log = useQuery({
    queryKey: keys.messages(status),
    queryFn: () => marketingApi.messages(status === 'all' ? {} : { status }),
  });
  const sup = useQuery({ queryKey: keys.suppressions, queryFn: () => marketingApi.suppressions() });
  return (
    <Card title={t('marketing.log.title')}>
      <Tabs
        items={[
          {
            key: 'messages',
            label: t('marketing.log.messages'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Segmented
                  value={status}
                  onChange={(v) => setStatus(v as MessageStatus | 'all')}
                  options={statuses.map((s) => ({ value: s, label: t(`marketing.messageStatus.${s}`) }))}
                />
                <Table
                  rowKey="id"
                  size="small"
                  loading={log.isLoading}
                  dataSource={log.data?.items ?? []}
                  columns={[
                    { title: t('marketing.log.created'), dataIndex: 'createdAt', render: (v: string) => f.dateTime(v) },
                    { title: t('marketing.log.customer'), dataIndex: 'customerName' },
                    {
                      title: t('marketing.templates.channel'),
                      dataIndex: 'channel',
                      render: (v: string) => t(`marketing.channels.${v}`),
                    },
                    {
                      title: t('marketing.templates.kind'),
                      dataIndex: 'kind',
                      render: (v: string) => t(`marketing.kinds.${v}`),
                    },
                    { title: t('marketing.log.content'), dataIndex: 'content', ellipsis: true },
                    {
                      title: t('marketing.templates.status'),
                      dataIndex: 'status',
                      render: (v: string, r) => (
                        <Space size={4}>
                          <Tag color={statusColor[v]}>{t(`marketing.messageStatus.${v}`)}</Tag>
                          {r.suppressionReason && <Tag>{t(`marketing.reasons.${r.suppressionReason}`)}</Tag>}
                        </Space>
                      ),
                    },
                    { title: t('marketing.log.attempts'), dataIndex: 'attempts' },
                    { title: t('marketing.log.error'), dataIndex: 'lastError', ellipsis: true },
                  ]}
                />
              </Space>
            ),
          },
          {
            key: 'suppressions',
            label: t('marketing.log.suppressions'),
            children: (
              <Table
                rowKey="id"
                size="small"
                loading={sup.isLoading}
                dataSource={sup.data?.items ?? []}
                columns={[
                  { title: t('marketing.log.when'), dataIndex: 'occurredAt', render: (v: string) => f.dateTime(v) },
                  { title: t('marketing.log.customerId'), dataIndex: 'customerId' },
                  {
                    title: t('marketing.templates.channel'),
                    dataIndex: 'channel',
                    render: (v: string) => t(`marketing.channels.${v}`),
                  },
                  {
                    title: t('marketing.log.reason'),
                    dataIndex: 'reason',
                    render: (v: string) => <Tag color="volcano">{t(`marketing.reasons.${v}`)}</Tag>,
                  },
                  {
                    title: t('marketing.log.deferredUntil'),
                    dataIndex: 'deferredUntil',
                    render: (v: string | null) => f.dateTime(v),
                  },
                  { title: t('marketing.log.source'), dataIndex: 'sourceType' },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
