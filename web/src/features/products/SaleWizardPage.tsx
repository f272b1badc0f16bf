import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Result,
  Select,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { type Disclosure, type ProposeBody, productApi, type Sale } from './api/productApi';
import { yuan } from './format';

type Reason = { code: string; severity: string; message: string };

function Reasons({ reasons }: { reasons: readonly Reason[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <Flex vertical gap={4}>
      {reasons.map((r) => (
        <Alert
          key={r.code}
          type={r.severity === 'block' ? 'error' : 'warning'}
          showIcon
          title={t(`products.gate.${r.code}`, { defaultValue: r.message })}
        />
      ))}
    </Flex>
  );
}

function errorReasons(e: unknown): Reason[] {
  if (isApiError(e) && Array.isArray(e.details?.reasons)) return e.details.reasons as Reason[];
  return [];
}

/**
 * The sale wizard: propose (the suitability gate answers) -> disclosure of the
 * fee schedule in force -> the customer's acknowledgement -> record (re-check,
 * dual recording, cooling-off). Each step calls its API; the server enforces the order.
 */
export function SaleWizardPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const [form, setForm] = useState<ProposeBody>({
    customerId: params.get('customerId') ?? '',
    productId: params.get('productId') ?? '',
    amount: 1_000_000,
    channel: 'branch',
  });
  const [sale, setSale] = useState<Sale | null>(null);
  const [disclosure, setDisclosure] = useState<Disclosure | null>(null);
  const [acked, setAcked] = useState(false);
  const [senior, setSenior] = useState(false);
  const [recording, setRecording] = useState('');
  const catalogue = useQuery({ queryKey: ['products', {}], queryFn: () => productApi.list({ status: 'on_sale' }) });
  const propose = useMutation({ mutationFn: () => productApi.propose(form), onSuccess: setSale });
  const disclose = useMutation({
    mutationFn: () => productApi.disclose(sale?.id ?? ''),
    onSuccess: (d) => {
      setDisclosure(d);
      setSale(d.sale);
    },
  });
  const ack = useMutation({
    mutationFn: () =>
      productApi.acknowledge(sale?.id ?? '', {
        feeScheduleVersion: disclosure?.feeSchedule.version ?? 0,
        channel: form.channel,
        seniorWarningConfirmed: senior,
      }),
    onSuccess: setSale,
  });
  const record = useMutation({
    mutationFn: () => productApi.record(sale?.id ?? '', recording ? { dualRecordingRef: recording } : {}),
    onSuccess: setSale,
  });
  const step = !sale
    ? 0
    : sale.status === 'proposed' || !disclosure
      ? 1
      : sale.status === 'disclosed'
        ? 2
        : sale.status === 'acknowledged'
          ? 3
          : 4;
  const failure = [propose, disclose, ack, record].find((m) => m.isError)?.error;
  const warnings = sale?.suitability.reasons.filter((r) => r.severity === 'warning') ?? [];

  return (
    <Flex vertical gap={16}>
      <Link to="/products">{t('products.back')}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('products.sell.title')}
      </Typography.Title>
      <Steps
        current={step}
        items={['propose', 'disclose', 'acknowledge', 'record', 'done'].map((k) => ({
          title: t(`products.sell.steps.${k}`),
        }))}
      />
      {failure ? (
        <Flex vertical gap={4}>
          <Alert type="error" showIcon title={isApiError(failure) ? failure.message : String(failure)} />
          <Reasons reasons={errorReasons(failure)} />
        </Flex>
      ) : null}
      {step === 0 ? (
        <Card>
          <Flex vertical gap={12} style={{ maxWidth: 520 }}>
            <Input
              aria-label={t('products.sell.customerId')}
              placeholder={t('products.sell.customerId')}
              value={form.customerId}
              onChange={(e) => setForm({ ...form, customerId: e.target.value.trim() })}
            />
            <Select
              showSearch
              aria-label={t('products.sell.product')}
              placeholder={t('products.sell.product')}
              value={form.productId || undefined}
              optionFilterProp="label"
              options={(catalogue.data?.items ?? []).map((p) => ({
                value: p.id,
                label: `${p.name}（${p.code}${p.effectiveRiskLevel ? ` · ${p.effectiveRiskLevel}` : ''}）`,
              }))}
              onChange={(productId: string) => setForm({ ...form, productId })}
            />
            <InputNumber<number>
              aria-label={t('products.sell.amount')}
              addonBefore="¥"
              min={0.01}
              style={{ width: '100%' }}
              value={form.amount / 100}
              onChange={(v) => setForm({ ...form, amount: Math.round((v ?? 0) * 100) })}
            />
            <Select
              aria-label={t('products.sell.channel')}
              value={form.channel}
              options={(['branch', 'online_banking', 'mobile_banking', 'telephone'] as const).map((c) => ({
                value: c,
                label: t(`products.channel.${c}`),
              }))}
              onChange={(channel: ProposeBody['channel']) => setForm({ ...form, channel })}
            />
            <Button
              type="primary"
              disabled={!form.customerId || !form.productId}
              loading={propose.isPending}
              onClick={() => propose.mutate()}
            >
              {t('products.sell.propose')}
            </Button>
          </Flex>
        </Card>
      ) : null}
      {step === 1 && sale ? (
        <Card>
          <Flex vertical gap={12}>
            <Typography.Text>
              {sale.productName} · {yuan(sale.amount, i18n.language)}
            </Typography.Text>
            <Reasons reasons={warnings} />
            <Button type="primary" loading={disclose.isPending} onClick={() => disclose.mutate()}>
              {t('products.sell.showDisclosure')}
            </Button>
          </Flex>
        </Card>
      ) : null}
      {step === 2 && disclosure ? (
        <Card title={t('products.sell.disclosureTitle', { version: disclosure.feeSchedule.version })}>
          <Descriptions size="small" column={1}>
            {disclosure.keyTerms.map((k) => (
              <Descriptions.Item key={k.label} label={k.label}>
                {k.value}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Typography.Paragraph>{disclosure.feeSchedule.summary}</Typography.Paragraph>
          <Table
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={disclosure.feeSchedule.items}
            columns={[
              { title: t('products.fee.name'), dataIndex: 'name' },
              { title: t('products.fee.explanation'), dataIndex: 'explanation' },
            ]}
          />
          <Flex vertical gap={8} style={{ marginTop: 12 }}>
            <Reasons reasons={disclosure.warnings} />
            <Checkbox checked={acked} onChange={(e) => setAcked(e.target.checked)}>
              {t('products.sell.ackLabel', { version: disclosure.feeSchedule.version })}
            </Checkbox>
            {disclosure.warnings.length > 0 ? (
              <Checkbox checked={senior} onChange={(e) => setSenior(e.target.checked)}>
                {t('products.sell.seniorLabel')}
              </Checkbox>
            ) : null}
            <Button type="primary" disabled={!acked} loading={ack.isPending} onClick={() => ack.mutate()}>
              {t('products.sell.acknowledge')}
            </Button>
          </Flex>
        </Card>
      ) : null}
      {step === 3 && sale ? (
        <Card>
          <Flex vertical gap={12} style={{ maxWidth: 520 }}>
            {sale.dualRecordingRequired ? (
              <Input
                aria-label={t('products.sell.recording')}
                placeholder={t('products.sell.recording')}
                value={recording}
                onChange={(e) => setRecording(e.target.value)}
              />
            ) : null}
            <Button type="primary" loading={record.isPending} onClick={() => record.mutate()}>
              {t('products.sell.record')}
            </Button>
          </Flex>
        </Card>
      ) : null}
      {step === 4 && sale ? (
        <Result
          status={sale.status === 'pending_approval' ? 'info' : 'success'}
          title={t(`products.saleStatus.${sale.status}`)}
          subTitle={
            sale.coolingOffUntil
              ? t('products.sell.coolingOff', { until: new Date(sale.coolingOffUntil).toLocaleString(i18n.language) })
              : undefined
          }
          extra={<Tag>{sale.id}</Tag>}
        />
      ) : null}
    </Flex>
  );
}
