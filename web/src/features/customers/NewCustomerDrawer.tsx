import { Alert, Button, Drawer, Flex, Form, Input, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateCustomerBody, CustomerHeader } from './api/customerApi';
import { errorText, fieldErrors } from './apiErrors';
import { useCreateCustomer } from './useCustomers';
import { type IdType, idNumberProblem, mobileProblem } from './validation';

const personIdTypes: IdType[] = ['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'residence_permit'];
const formFields = ['kind', 'name', 'idType', 'idNumber', 'mobile', 'email', 'address', 'occupation', 'tags'] as const;

type Values = {
  kind: 'individual' | 'organisation';
  name: string;
  idType: IdType;
  idNumber: string;
  mobile?: string;
  email?: string;
  address?: string;
  occupation?: string;
  tags?: string[];
};

/** Today as YYYY-MM-DD in the browser's zone (bounds the birth date an ID number carries). */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function body(v: Values): CreateCustomerBody {
  const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  return {
    kind: v.kind,
    name: v.name.trim(),
    idType: v.idType,
    idNumber: v.idNumber.trim(),
    mobile: opt(v.mobile),
    email: opt(v.email),
    address: opt(v.address),
    occupation: opt(v.occupation),
    tags: v.tags && v.tags.length > 0 ? v.tags : undefined,
  };
}

type Props = { open: boolean; onClose: () => void; onCreated: (c: CustomerHeader) => void };

/**
 * Register a customer (POST /api/customers). The same checks as the server run
 * before submitting (ID checksum, mobile), and the server's own field errors
 * (`error.details.field`) appear under the field they name.
 */
export function NewCustomerDrawer({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateCustomer();
  const [general, setGeneral] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'individual';

  useEffect(() => {
    if (!open) return;
    // an organisation is identified by its credit code, a person never is
    if (kind === 'organisation') form.setFieldValue('idType', 'uscc');
    else if (form.getFieldValue('idType') === 'uscc') form.setFieldValue('idType', 'resident_id');
  }, [open, kind, form]);

  const submit = (values: Values) => {
    setGeneral(null);
    create.mutate(body(values), {
      onSuccess: (created) => {
        form.resetFields();
        onClose();
        onCreated(created);
      },
      onError: (error) => {
        const errors = fieldErrors(error);
        const known = errors.filter((e) => (formFields as readonly string[]).includes(e.field));
        form.setFields(
          known.map((e) => ({
            name: e.field as (typeof formFields)[number],
            errors: [t('customers.new.serverFieldError', { message: e.message })],
          })),
        );
        setGeneral(errorText(t, error));
      },
    });
  };

  const idRule = {
    validator: async (_: unknown, value: string | undefined) => {
      if (!value?.trim()) return;
      const problem = idNumberProblem(form.getFieldValue('idType') as IdType, value, localToday());
      if (problem) throw new Error(t(`customers.validation.id.${problem}`));
    },
  };
  const mobileRule = {
    validator: async (_: unknown, value: string | undefined) => {
      if (!value?.trim()) return;
      const problem = mobileProblem(value);
      if (problem) throw new Error(t(`customers.validation.mobile.${problem}`));
    },
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={520}
      title={t('customers.new.title')}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('customers.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('customers.new.submit')}
          </Button>
        </Flex>
      }
    >
      {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'individual', idType: 'resident_id' }}
        onFinish={submit}
        onValuesChange={() => setGeneral(null)}
      >
        <Form.Item name="kind" label={t('customers.field.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'individual', label: t('customers.kind.individual') },
              { value: 'organisation', label: t('customers.kind.organisation') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={kind === 'organisation' ? t('customers.field.orgName') : t('customers.field.name')}
          rules={[{ required: true, whitespace: true, message: t('customers.validation.required') }, { max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="idType" label={t('customers.field.idType')} rules={[{ required: true }]}>
          <Select
            options={(kind === 'organisation' ? (['uscc'] as IdType[]) : personIdTypes).map((v) => ({
              value: v,
              label: t(`customers.idType.${v}`),
            }))}
            onChange={() => void form.validateFields(['idNumber']).catch(() => undefined)}
          />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('customers.field.idNumber')}
          validateFirst
          rules={[{ required: true, whitespace: true, message: t('customers.validation.required') }, idRule]}
        >
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="mobile" label={t('customers.field.mobile')} rules={[mobileRule]}>
          <Input maxLength={30} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('customers.field.email')}
          rules={[{ type: 'email', message: t('customers.validation.email') }]}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="address" label={t('customers.field.address')}>
          <Input maxLength={300} autoComplete="off" />
        </Form.Item>
        <Form.Item name="occupation" label={t('customers.field.occupation')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="tags" label={t('customers.field.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，']} maxCount={50} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
