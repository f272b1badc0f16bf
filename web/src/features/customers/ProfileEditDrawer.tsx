import { Alert, Button, DatePicker, Drawer, Flex, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { CustomerHeader, UpdateCustomerBody } from './api/customerApi';
import { errorText, fieldErrors } from './apiErrors';
import { useUpdateCustomer } from './useCustomer';

/** Income bands the archive uses (annual, CNY); a bank's own band typed in is kept as it is. */
const incomeBands = ['<50k', '50k-150k', '150k-300k', '300k-1m', '>1m'];

type Values = {
  name: string;
  gender?: 'male' | 'female' | 'other' | null;
  birthDate?: Dayjs | null;
  nationality?: string;
  occupation?: string;
  employer?: string;
  education?: string;
  incomeBand?: string;
  tags?: string[];
};

function valuesOf(h: CustomerHeader): Values {
  return {
    name: h.name,
    gender: (h.gender as Values['gender']) ?? null,
    birthDate: null,
    nationality: h.nationality,
    occupation: h.occupation ?? undefined,
    employer: h.employer ?? undefined,
    education: h.education ?? undefined,
    incomeBand: h.incomeBand ?? undefined,
    tags: h.tags,
  };
}

/** Only what changed, with the version read: the server refuses it if a colleague saved in between. */
export function changes(h: CustomerHeader, v: Values): UpdateCustomerBody | null {
  const body: Record<string, unknown> = {};
  const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);
  // the name arrives masked (DS-04); it is sent only when the user typed a new one
  if (v.name.trim() && v.name.trim() !== h.name) body.name = v.name.trim();
  if ((v.gender ?? null) !== (h.gender ?? null)) body.gender = v.gender ?? null;
  if (v.birthDate) body.birthDate = v.birthDate.format('YYYY-MM-DD');
  if (v.nationality && v.nationality !== h.nationality) body.nationality = v.nationality.trim().toUpperCase();
  for (const k of ['occupation', 'employer', 'education', 'incomeBand'] as const) {
    if (text(v[k]) !== (h[k] ?? null)) body[k] = text(v[k]);
  }
  const tags = v.tags ?? [];
  if (JSON.stringify(tags) !== JSON.stringify(h.tags)) body.tags = tags;
  if (Object.keys(body).length === 0) return null;
  return { ...body, version: h.version } as UpdateCustomerBody;
}

type Props = { header: CustomerHeader; open: boolean; onClose: () => void; onReload: () => void };

/** Edit the profile (PATCH with `version`); a colleague's change in between shows the conflict and a reload. */
export function ProfileEditDrawer({ header, open, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const update = useUpdateCustomer(header.id);
  const conflict = isApiError(update.error) && update.error.code === 'customer.version_conflict';

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the drawer opens or the customer reloads
  useEffect(() => {
    if (open) {
      form.setFieldsValue(valuesOf(header));
      update.reset();
    }
  }, [open, header.version]);

  const submit = (v: Values) => {
    const body = changes(header, v);
    if (!body) {
      onClose();
      return;
    }
    update.mutate(body, {
      onSuccess: onClose,
      onError: (e) =>
        form.setFields(
          fieldErrors(e)
            .filter((f) => f.field !== 'version')
            .map((f) => ({ name: f.field as keyof Values, errors: [f.message] })),
        ),
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={480}
      title={t('customers.profile.title')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('customers.cancel')}</Button>
          <Button type="primary" loading={update.isPending} disabled={conflict} onClick={() => form.submit()}>
            {t('customers.save')}
          </Button>
        </Flex>
      }
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          title={t('customers.profile.conflict')}
          action={
            <Button size="small" onClick={onReload}>
              {t('customers.profile.reload')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      ) : (
        update.error && <Alert type="error" showIcon title={errorText(t, update.error)} style={{ marginBottom: 16 }} />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label={t('customers.field.name')}
          extra={t('customers.profile.nameMasked')}
          rules={[{ required: true, whitespace: true, message: t('customers.validation.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="gender" label={t('customers.field.gender')}>
          <Select
            allowClear
            options={(['male', 'female', 'other'] as const).map((g) => ({
              value: g,
              label: t(`customers.gender.${g}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="birthDate" label={t('customers.field.birthDate')} extra={t('customers.profile.birthDateHint')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
        <Form.Item
          name="nationality"
          label={t('customers.field.nationality')}
          rules={[{ pattern: /^[A-Za-z]{2}$/, message: t('customers.validation.nationality') }]}
        >
          <Input maxLength={2} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="occupation" label={t('customers.field.occupation')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="employer" label={t('customers.field.employer')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="education" label={t('customers.field.education')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="incomeBand" label={t('customers.field.incomeBand')}>
          <Select allowClear options={incomeBands.map((b) => ({ value: b, label: b }))} />
        </Form.Item>
        <Form.Item name="tags" label={t('customers.field.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，']} maxCount={50} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
