import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, DatePicker, Form, Input, message, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { channels, type LogInteractionInput, outcomes, purposes, workbenchApi } from './workbenchApi';

type Values = {
  customerId?: string;
  channel: LogInteractionInput['channel'];
  direction: 'inbound' | 'outbound';
  purpose: LogInteractionInput['purpose'];
  outcome: LogInteractionInput['outcome'];
  notes?: string;
  nextAction?: string;
  nextActionAt?: Dayjs;
  createTask?: boolean;
};

/** Pick a customer in scope by name, pinyin or customer number (the server searches within scope). */
function CustomerPicker({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['workbench-customer-search', q],
    queryFn: () => workbenchApi.searchCustomers(q),
    enabled: q.trim().length > 0,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={t('workbench.log.customerPlaceholder')}
      loading={found.isFetching}
      options={(found.data ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${c.customerNo}` }))}
      notFoundContent={null}
    />
  );
}

/**
 * Log a call, visit, meeting, email, SMS, WeChat or counter service; with a
 * fixed customer (the customer page) or a customer picker (quick log).
 */
export function LogInteractionForm({
  customerId,
  onLogged,
}: {
  customerId?: string;
  onLogged?: (customerId: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [lastCustomer, setLastCustomer] = useState<string | null>(null);
  const log = useMutation({
    mutationFn: (v: Values) => {
      const id = customerId ?? v.customerId ?? '';
      return workbenchApi
        .logInteraction(id, {
          channel: v.channel,
          direction: v.direction,
          purpose: v.purpose,
          outcome: v.outcome,
          ...(v.notes ? { notes: v.notes } : {}),
          ...(v.nextAction ? { nextAction: v.nextAction } : {}),
          ...(v.nextActionAt ? { nextActionAt: v.nextActionAt.toISOString() } : {}),
          createTask: Boolean(v.createTask),
        })
        .then((r) => ({ r, id }));
    },
    onSuccess: ({ id }) => {
      void message.success(t('workbench.log.saved'));
      form.resetFields();
      setLastCustomer(id);
      for (const key of [
        ['workbench'],
        ['customer-interactions', id],
        ['customer-tasks', id],
        ['customer-timeline', id],
      ]) {
        void qc.invalidateQueries({ queryKey: key });
      }
      onLogged?.(id);
    },
  });
  const label = (group: string) => (v: string) => ({ value: v, label: t(`workbench.log.${group}.${v}`) });
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ channel: 'call', direction: 'outbound', purpose: 'service', outcome: 'completed' }}
      onFinish={(v) => log.mutate(v)}
    >
      {log.error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={t(`errors.${(log.error as { code?: string }).code}`, { defaultValue: log.error.message })}
        />
      )}
      {!customerId && (
        <Form.Item
          name="customerId"
          label={t('workbench.log.customer')}
          rules={[{ required: true, message: t('workbench.log.customerRequired') }]}
        >
          <CustomerPicker />
        </Form.Item>
      )}
      <Space wrap align="start">
        <Form.Item name="channel" label={t('workbench.log.channel')}>
          <Select style={{ width: 140 }} options={channels.map(label('channels'))} />
        </Form.Item>
        <Form.Item name="purpose" label={t('workbench.log.purpose')}>
          <Select style={{ width: 140 }} options={purposes.map(label('purposes'))} />
        </Form.Item>
        <Form.Item name="outcome" label={t('workbench.log.outcome')}>
          <Select style={{ width: 140 }} options={outcomes.map(label('outcomes'))} />
        </Form.Item>
        <Form.Item name="direction" label={t('workbench.log.direction')}>
          <Radio.Group options={(['outbound', 'inbound'] as const).map(label('directions'))} />
        </Form.Item>
      </Space>
      <Form.Item name="notes" label={t('workbench.log.notes')}>
        <Input.TextArea rows={2} maxLength={4000} placeholder={t('workbench.log.notesPlaceholder')} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="nextAction" label={t('workbench.log.nextAction')}>
          <Input style={{ width: 240 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="nextActionAt" label={t('workbench.log.nextActionAt')}>
          <DatePicker showTime />
        </Form.Item>
        <Form.Item name="createTask" valuePropName="checked" label=" ">
          <Checkbox>{t('workbench.log.createTask')}</Checkbox>
        </Form.Item>
      </Space>
      <Space>
        <Button type="primary" htmlType="submit" loading={log.isPending}>
          {t('workbench.log.submit')}
        </Button>
        {!customerId && lastCustomer && (
          <Link to={`/workbench/customers/${lastCustomer}/log`}>{t('workbench.log.open')}</Link>
        )}
      </Space>
    </Form>
  );
}
