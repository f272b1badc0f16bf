import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth/useCurrentUser';
import { useFormat } from '../workbench/format';
import { type ConsentInput, consentChannels, keys, marketingApi, purposes, sources } from './marketingApi';

const statusColor: Record<string, string> = { granted: 'green', withdrawn: 'red', refused: 'orange', none: 'default' };

type Act = {
  purpose: ConsentInput['purpose'];
  channel: ConsentInput['channels'][number];
  action: ConsentInput['action'];
};

/**
 * The consent panel of the customer 360 page: every purpose x channel (absent
 * means no consent, MKT-05), one-click grant, withdrawal or refusal with its
 * source, evidence and notice version (PI-03, PI-04), the MKT-07 ask flag,
 * do-not-disturb, and the history.
 */
export function ConsentPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const canWrite = user.permissions.includes('consent:write');
  const matrix = useQuery({ queryKey: keys.consents(customerId), queryFn: () => marketingApi.consents(customerId) });
  const history = useQuery({ queryKey: keys.history(customerId), queryFn: () => marketingApi.history(customerId) });
  const [act, setAct] = useState<Act | null>(null);
  const [form] = Form.useForm();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: keys.consents(customerId) });
    void qc.invalidateQueries({ queryKey: keys.history(customerId) });
  };
  const record = useMutation({
    mutationFn: (body: ConsentInput) => marketingApi.recordConsent(customerId, body),
    onSuccess: () => {
      setAct(null);
      refresh();
      void message.success(t('marketing.consent.saved'));
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const dnd = useMutation({
    mutationFn: (on: boolean) =>
      on
        ? marketingApi.setDnd(customerId, t('marketing.consent.dndDefaultReason'), null)
        : marketingApi.clearDnd(customerId),
    onSuccess: refresh,
    onError: (e: Error) => void message.error(e.message),
  });
  const cells = matrix.data?.cells ?? [];
  const rows = purposes.map((p) => ({
    purpose: p,
    ...Object.fromEntries(cells.filter((c) => c.purpose === p).map((c) => [c.channel, c.status])),
  }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="consent-panel">
      <Card
        title={t('marketing.consent.title')}
        extra={
          <Space>
            <span>{t('marketing.consent.dnd')}</span>
            <Switch
              checked={!!matrix.data?.dnd}
              disabled={!canWrite}
              loading={dnd.isPending}
              onChange={(v) => dnd.mutate(v)}
              aria-label={t('marketing.consent.dnd')}
            />
          </Space>
        }
      >
        {matrix.data?.dnd && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('marketing.consent.dndOn', { reason: matrix.data.dnd.reason })}
          />
        )}
        <Table
          size="small"
          rowKey="purpose"
          pagination={false}
          loading={matrix.isLoading}
          dataSource={rows}
          columns={[
            {
              title: t('marketing.consent.purpose'),
              dataIndex: 'purpose',
              render: (p: string) => (
                <Space direction="vertical" size={0}>
                  <span>{t(`marketing.purposes.${p}`)}</span>
                  {matrix.data && !matrix.data.canAsk[p] && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('marketing.consent.cooldown', { date: f.date(matrix.data.askAgainAfter[p]) })}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            ...consentChannels.map((ch) => ({
              title: t(`marketing.channels.${ch}`),
              dataIndex: ch,
              render: (status: string, row: { purpose: string }) => (
                <Space direction="vertical" size={2}>
                  <Tag color={statusColor[status]}>{t(`marketing.consentStatus.${status ?? 'none'}`)}</Tag>
                  {canWrite && (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => {
                        form.resetFields();
                        setAct({
                          purpose: row.purpose as Act['purpose'],
                          channel: ch,
                          action: status === 'granted' ? 'withdraw' : 'grant',
                        });
                      }}
                    >
                      {status === 'granted' ? t('marketing.consent.withdraw') : t('marketing.consent.grant')}
                    </Button>
                  )}
                </Space>
              ),
            })),
          ]}
        />
      </Card>
      <Card title={t('marketing.consent.history')}>
        <Table
          size="small"
          rowKey="id"
          loading={history.isLoading}
          dataSource={history.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('marketing.consent.when'), dataIndex: 'occurredAt', render: (v: string) => f.dateTime(v) },
            {
              title: t('marketing.consent.purpose'),
              dataIndex: 'purpose',
              render: (v: string) => t(`marketing.purposes.${v}`),
            },
            {
              title: t('marketing.consent.channel'),
              dataIndex: 'channel',
              render: (v: string) => t(`marketing.channels.${v}`),
            },
            {
              title: t('marketing.consent.action'),
              dataIndex: 'action',
              render: (v: string) => t(`marketing.actions.${v}`),
            },
            {
              title: t('marketing.consent.source'),
              dataIndex: 'source',
              render: (v: string) => t(`marketing.sources.${v}`),
            },
            { title: t('marketing.consent.evidence'), dataIndex: 'evidence' },
            { title: t('marketing.consent.notice'), dataIndex: 'noticeVersion' },
          ]}
        />
      </Card>
      <Modal
        open={act !== null}
        title={
          act
            ? `${t(`marketing.actions.${act.action}`)} · ${t(`marketing.purposes.${act.purpose}`)} · ${t(`marketing.channels.${act.channel}`)}`
            : ''
        }
        onCancel={() => setAct(null)}
        okText={t('marketing.consent.confirm')}
        confirmLoading={record.isPending}
        onOk={() =>
          form.validateFields().then((v) => {
            if (!act) return;
            record.mutate({
              purpose: act.purpose,
              channels: [act.channel],
              action: v.action,
              source: v.source,
              evidence: v.evidence ?? '',
              noticeVersion: v.noticeVersion,
              occurredAt: new Date().toISOString(),
              customerInitiated: v.customerInitiated ?? false,
            });
          })
        }
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ action: act?.action, source: 'counter', noticeVersion: 'v1', customerInitiated: false }}
          key={act ? `${act.purpose}-${act.channel}-${act.action}` : 'none'}
        >
          <Form.Item name="action" label={t('marketing.consent.action')} rules={[{ required: true }]}>
            <Select
              options={(['grant', 'withdraw', 'refuse'] as const).map((a) => ({
                value: a,
                label: t(`marketing.actions.${a}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="source" label={t('marketing.consent.source')} rules={[{ required: true }]}>
            <Select options={sources.map((s) => ({ value: s, label: t(`marketing.sources.${s}`) }))} />
          </Form.Item>
          <Form.Item
            name="evidence"
            label={t('marketing.consent.evidence')}
            dependencies={['action']}
            rules={[
              ({ getFieldValue }) => ({
                required: getFieldValue('action') === 'grant',
                message: t('marketing.consent.evidenceRequired'),
              }),
            ]}
          >
            <Input maxLength={500} placeholder={t('marketing.consent.evidenceHint')} />
          </Form.Item>
          <Form.Item name="noticeVersion" label={t('marketing.consent.notice')} rules={[{ required: true }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="customerInitiated" label={t('marketing.consent.customerInitiated')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
