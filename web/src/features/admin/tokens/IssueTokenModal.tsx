import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, type CreatedToken } from '../adminApi';
import { adminErrorText, showOnField } from '../shared/errors';
import { StaffSelect } from '../shared/StaffSelect';
import { useRoles } from '../shared/useRoles';

type Values = { ownerId: string; name: string; permissions: string[]; expiresInDays: number };

const searchUsers = async (q: string | undefined) =>
  (await adminApi.users({ limit: 20, status: 'active', ...(q ? { q } : {}) })).items;

/** Issue an integration token: its permissions are a subset of the owner's, with an expiry. */
export function IssueTokenModal({ onClose, onIssued }: { onClose: () => void; onIssued: (t: CreatedToken) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [topError, setTopError] = useState<string | null>(null);
  const roles = useRoles();
  const ownerId = Form.useWatch('ownerId', form);
  const owner = useQuery({
    queryKey: ownerId ? adminKeys.user(ownerId) : ['admin', 'users', 'none'],
    queryFn: () => adminApi.user(ownerId as string),
    enabled: !!ownerId,
  });
  const catalogue = useQuery({ queryKey: adminKeys.permissions, queryFn: adminApi.permissions, staleTime: 300_000 });
  // a token can carry only permissions its owner holds through their roles
  const ownerPermissions = new Set((owner.data?.roles ?? []).flatMap((c) => roles.byCode.get(c)?.permissions ?? []));
  const issue = useMutation({
    mutationFn: (v: Values) => adminApi.createToken({ ...v, name: v.name.trim() }),
    onSuccess: onIssued,
    onError: (e) =>
      setTopError(
        showOnField(form, t, e, ['ownerId', 'name', 'permissions', 'expiresInDays']) ? null : adminErrorText(t, e),
      ),
  });
  return (
    <Modal
      open
      width={600}
      title={t('admin.tokens.issue')}
      okText={t('admin.tokens.issueSubmit')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={issue.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ expiresInDays: 90, permissions: [] }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('ownerId' in changed) form.setFieldsValue({ permissions: [] });
        }}
        onFinish={(v) => issue.mutate(v)}
      >
        <Form.Item
          name="ownerId"
          label={t('admin.tokens.owner')}
          extra={t('admin.tokens.ownerHint')}
          rules={[{ required: true, message: t('admin.tokens.ownerRequired') }]}
        >
          <StaffSelect source="admin-users-active" search={searchUsers} ariaLabel={t('admin.tokens.owner')} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('admin.tokens.name')}
          rules={[{ required: true, whitespace: true, message: t('admin.tokens.nameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('admin.tokens.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('admin.tokens.permissions')}
          rules={[{ required: true, message: t('admin.tokens.permissionsRequired') }]}
        >
          <Select
            mode="multiple"
            disabled={!ownerId}
            aria-label={t('admin.tokens.permissions')}
            optionFilterProp="label"
            options={(catalogue.data ?? [])
              .filter((p) => ownerPermissions.has(p.name))
              .map((p) => ({
                value: p.name,
                label: `${t(`admin.permissions.${p.name.replace(':', '_')}`, { defaultValue: p.description })}（${p.name}）`,
              }))}
          />
        </Form.Item>
        <Form.Item
          name="expiresInDays"
          label={t('admin.tokens.expiresInDays')}
          rules={[{ required: true, message: t('admin.tokens.expiresRequired') }]}
        >
          <InputNumber min={1} max={3650} precision={0} suffix={t('admin.tokens.days')} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
