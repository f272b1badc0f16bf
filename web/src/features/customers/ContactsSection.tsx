import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth/useCurrentUser';
import type { Contact } from './api/customerApi';
import { errorText, fieldErrors } from './apiErrors';
import { codeLabel } from './labels';
import { MaskedValue } from './MaskedValue';
import { useContactMutations } from './useCustomer';
import { mobileProblem } from './validation';

const kinds = ['mobile', 'phone', 'email', 'address', 'wechat'] as const;
type Kind = (typeof kinds)[number];
type Values = { kind: Kind; value?: string; label?: string; isPrimary?: boolean; verified?: boolean };

type Props = { customerId: string; contacts: Contact[] };

/** Contact points (masked): list, add, set primary, edit, remove. */
export function ContactsSection({ customerId, contacts }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const canWrite = user.permissions.includes('customers:write');
  const m = useContactMutations(customerId);
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const failed = (e: unknown) => message.error(errorText(t, e));
  const saving = m.add.isPending || m.update.isPending;
  const saveError = editing === 'new' ? m.add.error : m.update.error;

  const open = (c: Contact | 'new') => {
    m.add.reset();
    m.update.reset();
    form.resetFields();
    if (c !== 'new') form.setFieldsValue({ kind: c.kind, label: c.label ?? undefined, verified: c.verified });
    setEditing(c);
  };
  const close = () => setEditing(null);

  const save = (v: Values) => {
    const onError = (e: unknown) =>
      form.setFields(fieldErrors(e).map((f) => ({ name: f.field as keyof Values, errors: [f.message] })));
    if (editing === 'new') {
      m.add.mutate(
        {
          kind: v.kind,
          value: (v.value ?? '').trim(),
          label: v.label?.trim() || null,
          isPrimary: !!v.isPrimary,
          verified: !!v.verified,
        },
        { onSuccess: close, onError },
      );
    } else if (editing) {
      const body = {
        ...(v.value?.trim() ? { value: v.value.trim() } : {}),
        label: v.label?.trim() || null,
        verified: !!v.verified,
      };
      m.update.mutate({ contactId: editing.id, body }, { onSuccess: close, onError });
    }
  };

  const valueRule = {
    validator: async (_: unknown, value: string | undefined) => {
      const k = editing === 'new' ? kind : editing?.kind;
      if (k === 'mobile' && value?.trim()) {
        const p = mobileProblem(value);
        if (p) throw new Error(t(`customers.validation.mobile.${p}`));
      }
      if (k === 'email' && value?.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())) {
        throw new Error(t('customers.validation.email'));
      }
    },
  };

  const columns: ColumnsType<Contact> = [
    { title: t('customers.contacts.kind'), dataIndex: 'kind', render: (v: string) => codeLabel(t, 'contactKind', v) },
    {
      title: t('customers.contacts.value'),
      dataIndex: 'value',
      render: (v: string, c) => (
        <MaskedValue
          customerId={customerId}
          field="contact"
          targetId={c.id}
          value={v}
          label={codeLabel(t, 'contactKind', c.kind)}
        />
      ),
    },
    { title: t('customers.contacts.label'), dataIndex: 'label', render: (v: string | null) => v ?? '—' },
    {
      title: t('customers.contacts.flags'),
      key: 'flags',
      render: (_: unknown, c) => (
        <Flex gap={4}>
          {c.isPrimary && <Tag color="blue">{t('customers.contacts.primary')}</Tag>}
          <Tag color={c.verified ? 'green' : 'default'}>
            {c.verified ? t('customers.contacts.verified') : t('customers.contacts.unverified')}
          </Tag>
        </Flex>
      ),
    },
    ...(canWrite
      ? [
          {
            title: t('customers.actions'),
            key: 'actions',
            render: (_: unknown, c: Contact) => (
              <Flex gap={4} wrap>
                {!c.isPrimary && (
                  <Button
                    size="small"
                    onClick={() => m.update.mutate({ contactId: c.id, body: { isPrimary: true } }, { onError: failed })}
                  >
                    {t('customers.contacts.setPrimary')}
                  </Button>
                )}
                <Button size="small" onClick={() => open(c)}>
                  {t('customers.edit')}
                </Button>
                <Popconfirm
                  title={t('customers.contacts.removeConfirm')}
                  okText={t('customers.contacts.remove')}
                  cancelText={t('customers.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => m.remove.mutateAsync(c.id).catch(failed)}
                >
                  <Button size="small" danger>
                    {t('customers.contacts.remove')}
                  </Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      {canWrite && (
        <Flex justify="flex-end">
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => open('new')}>
            {t('customers.contacts.add')}
          </Button>
        </Flex>
      )}
      <Table<Contact>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={contacts}
        pagination={false}
        locale={{ emptyText: t('customers.contacts.none') }}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('customers.contacts.add') : t('customers.contacts.editTitle')}
        okText={t('customers.save')}
        cancelText={t('customers.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={close}
        destroyOnHidden
      >
        {saveError && <Alert type="error" showIcon title={errorText(t, saveError)} style={{ marginBottom: 12 }} />}
        <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'mobile' }} onFinish={save}>
          <Form.Item name="kind" label={t('customers.contacts.kind')}>
            <Select
              disabled={editing !== 'new'}
              options={kinds.map((k) => ({ value: k, label: codeLabel(t, 'contactKind', k) }))}
            />
          </Form.Item>
          <Form.Item
            name="value"
            label={editing === 'new' ? t('customers.contacts.value') : t('customers.contacts.newValue')}
            rules={[
              ...(editing === 'new'
                ? [{ required: true, whitespace: true, message: t('customers.validation.required') }]
                : []),
              valueRule,
            ]}
          >
            <Input maxLength={300} autoComplete="off" />
          </Form.Item>
          <Form.Item name="label" label={t('customers.contacts.label')}>
            <Input maxLength={50} />
          </Form.Item>
          {editing === 'new' && (
            <Form.Item name="isPrimary" valuePropName="checked">
              <Checkbox>{t('customers.contacts.makePrimary')}</Checkbox>
            </Form.Item>
          )}
          <Form.Item name="verified" valuePropName="checked">
            <Checkbox>{t('customers.contacts.markVerified')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
