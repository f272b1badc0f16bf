import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Steps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { productApi } from '../products/api/productApi';
import { segmentsApi } from '../segments/segmentsApi';
import { approvedMarketingTemplates, type Campaign, type CampaignBody, campaignApi } from './campaignApi';
import { FunnelChart } from './FunnelChart';

const objectives = ['acquisition', 'cross_sell', 'retention', 'activation', 'awareness'] as const;
const channels = ['sms', 'email', 'wechat', 'app'] as const;
type Channel = (typeof channels)[number];
type Values = {
  name: string;
  objective: (typeof objectives)[number];
  productId?: string;
  segmentId: string;
  channels: Channel[];
  scheduledAt: Dayjs;
  holdoutPercent: number;
  incentive: 'none' | 'points' | 'gift';
} & Partial<Record<`tpl_${Channel}`, string>>;

/** The campaign wizard: objective and product, segment and channels, content and schedule; then the audience funnel. */
export function CampaignWizard({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [made, setMade] = useState<Campaign | null>(null);
  const templates = useQuery({
    queryKey: ['campaigns', 'templates'],
    queryFn: approvedMarketingTemplates,
    enabled: open,
  });
  // what the marketer picks from: the segments they may see and the products on sale
  const segments = useQuery({ queryKey: ['campaigns', 'segments'], queryFn: segmentsApi.list, enabled: open });
  const products = useQuery({
    queryKey: ['campaigns', 'products'],
    queryFn: () => productApi.list({ status: 'on_sale' }),
    enabled: open,
  });
  const chosen = (Form.useWatch('channels', form) ?? []) as Channel[];

  const create = useMutation({
    mutationFn: async (v: Values) => {
      const body: CampaignBody = {
        name: v.name,
        objective: v.objective,
        productId: v.productId || null,
        segmentId: v.segmentId,
        channels: v.channels,
        templates: Object.fromEntries(v.channels.map((c) => [c, v[`tpl_${c}`] ?? ''])),
        incentive: v.incentive,
        scheduledAt: v.scheduledAt.toISOString(),
        holdoutPercent: v.holdoutPercent,
        rankByPropensity: false,
      };
      const c = await campaignApi.create(body);
      return campaignApi.buildAudience(c.id);
    },
    onSuccess: (c) => {
      setMade(c);
      void qc.invalidateQueries({ queryKey: ['campaigns'] });
    },
  });
  const submit = useMutation({
    mutationFn: (id: string) => campaignApi.submit(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['campaigns'] });
      close();
    },
  });
  const close = () => {
    form.resetFields();
    setStep(0);
    setMade(null);
    create.reset();
    onClose();
  };
  const fieldsOf = [['name', 'objective', 'productId', 'incentive'], ['segmentId', 'channels'], []];
  const next = async () => {
    await form.validateFields(fieldsOf[step] as (keyof Values)[]);
    setStep(step + 1);
  };
  const tplOptions = (c: Channel) =>
    (templates.data?.items ?? [])
      .filter((x) => x.channel === c)
      .map((x) => ({ value: x.id, label: `${x.name} (${x.code})` }));

  return (
    <Modal open={open} onCancel={close} title={t('campaigns.wizard.title')} width={760} footer={null} destroyOnHidden>
      <Steps
        current={made ? 3 : step}
        items={[
          { title: t('campaigns.wizard.basics') },
          { title: t('campaigns.wizard.audience') },
          { title: t('campaigns.wizard.content') },
          { title: t('campaigns.funnel.title') },
        ]}
      />
      {made?.funnel ? (
        <Flex vertical gap={12} style={{ marginTop: 16 }}>
          <FunnelChart funnel={made.funnel} />
          <Flex justify="end">
            <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate(made.id)}>
              {t('campaigns.wizard.submit')}
            </Button>
          </Flex>
        </Flex>
      ) : (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 16 }}
          initialValues={{
            objective: 'cross_sell',
            incentive: 'none',
            holdoutPercent: 10,
            channels: ['sms'],
            scheduledAt: dayjs().add(1, 'day'),
          }}
          onFinish={(v) => create.mutate(v)}
        >
          <div hidden={step !== 0}>
            <Form.Item name="name" label={t('campaigns.wizard.name')} rules={[{ required: true }]}>
              <Input data-testid="campaign-name" />
            </Form.Item>
            <Form.Item name="objective" label={t('campaigns.list.objective')}>
              <Select options={objectives.map((o) => ({ value: o, label: t(`campaigns.objective.${o}`) }))} />
            </Form.Item>
            <Form.Item name="productId" label={t('campaigns.wizard.productId')}>
              <Select
                data-testid="campaign-product"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={products.isLoading}
                options={(products.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
              />
            </Form.Item>
            <Form.Item name="incentive" label={t('campaigns.wizard.incentive')}>
              <Select
                options={(['none', 'points', 'gift'] as const).map((o) => ({
                  value: o,
                  label: t(`campaigns.incentive.${o}`),
                }))}
              />
            </Form.Item>
          </div>
          <div hidden={step !== 1}>
            <Form.Item name="segmentId" label={t('campaigns.wizard.segmentId')} rules={[{ required: true }]}>
              <Select
                data-testid="campaign-segment"
                showSearch={{ optionFilterProp: 'label' }}
                loading={segments.isLoading}
                options={(segments.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              />
            </Form.Item>
            <Form.Item name="channels" label={t('campaigns.wizard.channels')} rules={[{ required: true }]}>
              <Select
                mode="multiple"
                options={channels.map((c) => ({ value: c, label: t(`campaigns.channel.${c}`) }))}
              />
            </Form.Item>
          </div>
          <div hidden={step !== 2}>
            {chosen.map((c) => (
              <Form.Item
                key={c}
                name={`tpl_${c}`}
                label={t('campaigns.wizard.template', { channel: t(`campaigns.channel.${c}`) })}
                rules={[{ required: step === 2 }]}
              >
                <Select data-testid={`campaign-template-${c}`} options={tplOptions(c)} loading={templates.isLoading} />
              </Form.Item>
            ))}
            <Form.Item name="scheduledAt" label={t('campaigns.wizard.scheduledAt')} rules={[{ required: true }]}>
              <DatePicker showTime />
            </Form.Item>
            <Form.Item name="holdoutPercent" label={t('campaigns.wizard.holdoutPercent')}>
              <InputNumber min={0} max={50} />
            </Form.Item>
          </div>
          {create.error && <Alert type="error" showIcon title={(create.error as Error).message} />}
          <Flex justify="space-between" style={{ marginTop: 16 }}>
            <Button disabled={step === 0} onClick={() => setStep(step - 1)}>
              {t('campaigns.wizard.back')}
            </Button>
            {step < 2 ? (
              <Button type="primary" onClick={() => void next()} data-testid="campaign-next">
                {t('campaigns.wizard.next')}
              </Button>
            ) : (
              <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="campaign-build">
                {t('campaigns.wizard.build')}
              </Button>
            )}
          </Flex>
        </Form>
      )}
    </Modal>
  );
}
