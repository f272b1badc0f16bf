import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { categories, channels, complaintsApi, type RegisterInput, severities } from './complaintsApi';
import { yuanToFen } from './format';

type Values = {
  customerId?: string;
  complainantName?: string;
  complainantContact?: string;
  channel: RegisterInput['channel'];
  category: RegisterInput['category'];
  productCode?: string;
  staffInvolved?: string;
  severity: RegisterInput['severity'];
  amount?: string;
  desiredRemedy?: string;
  description: string;
  profile: 'CN' | 'UK';
};

/** The intake form: any channel; a customer, or an anonymous or unmatched complainant. */
export function ComplaintForm() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const register = useMutation({
    mutationFn: (v: Values) => {
      const amountMinor = yuanToFen(v.amount);
      const body: RegisterInput = {
        channel: v.channel,
        category: v.category,
        severity: v.severity,
        description: v.description,
        profile: v.profile,
        currency: 'CNY',
        staffInvolved: (v.staffInvolved ?? '').split(/[,，\s]+/).filter(Boolean),
        ...(v.customerId ? { customerId: v.customerId.trim() } : {}),
        ...(v.complainantName ? { complainantName: v.complainantName } : {}),
        ...(v.complainantContact ? { complainantContact: v.complainantContact } : {}),
        ...(v.productCode ? { productCode: v.productCode } : {}),
        ...(amountMinor !== undefined ? { amountMinor } : {}),
        ...(v.desiredRemedy ? { desiredRemedy: v.desiredRemedy } : {}),
      };
      return complaintsApi.register(body);
    },
    onSuccess: async (c) => {
      await qc.invalidateQueries({ queryKey: ['complaints'] });
      navigate(`/complaints/${c.id}`);
    },
    onError: (e) => {
      const field = isApiError(e) ? (e.details.field as string | undefined) : undefined;
      if (field) form.setFields([{ name: field.split('.')[0] as keyof Values, errors: [e.message] }]);
    },
  });
  return (
    <Card title={t('complaints.form.title')}>
      {register.isError && (
        <Alert type="error" showIcon message={(register.error as Error).message} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{
          channel: 'counter',
          severity: 'medium',
          profile: 'CN',
          customerId: params.get('customerId') ?? undefined,
        }}
        onFinish={(v) => register.mutate(v)}
      >
        <Form.Item
          name="customerId"
          label={t('complaints.form.customerId')}
          extra={t('complaints.form.customerIdHelp')}
        >
          <Input data-testid="complaint-customer" />
        </Form.Item>
        <Form.Item name="complainantName" label={t('complaints.form.complainantName')}>
          <Input />
        </Form.Item>
        <Form.Item name="complainantContact" label={t('complaints.form.complainantContact')}>
          <Input />
        </Form.Item>
        <Form.Item name="channel" label={t('complaints.form.channel')} rules={[{ required: true }]}>
          <Select options={channels.map((c) => ({ value: c, label: t(`complaints.channels.${c}`) }))} />
        </Form.Item>
        <Form.Item name="category" label={t('complaints.form.category')} rules={[{ required: true }]}>
          <Select
            data-testid="complaint-category"
            options={categories.map((c) => ({ value: c, label: t(`complaints.categories.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="severity" label={t('complaints.form.severity')}>
          <Select options={severities.map((c) => ({ value: c, label: t(`complaints.severities.${c}`) }))} />
        </Form.Item>
        <Form.Item name="productCode" label={t('complaints.form.productCode')}>
          <Input />
        </Form.Item>
        <Form.Item name="staffInvolved" label={t('complaints.form.staffInvolved')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('complaints.form.amount')}
          rules={[
            { validator: async (_, v) => (Number.isNaN(yuanToFen(v)) ? Promise.reject(new Error('0.00')) : undefined) },
          ]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="desiredRemedy" label={t('complaints.form.desiredRemedy')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="description" label={t('complaints.form.description')} rules={[{ required: true }]}>
          <Input.TextArea rows={4} data-testid="complaint-description" />
        </Form.Item>
        <Form.Item name="profile" label={t('complaints.form.profile')}>
          <Select
            options={[
              { value: 'CN', label: 'CN（15/30/60 日）' },
              { value: 'UK', label: 'UK (8 weeks)' },
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={register.isPending} data-testid="complaint-submit">
          {t('complaints.form.submit')}
        </Button>
      </Form>
    </Card>
  );
}
