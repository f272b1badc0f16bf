import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { adminApi, type User } from '../adminApi';
import { adminErrorText } from '../shared/errors';
import { useRoles } from '../shared/useRoles';

type Values = { roles: string[]; reason: string };

/** Request a role grant: it becomes a maker-checker request another administrator approves (AUD-03). */
export function GrantRolesModal({
  user,
  onClose,
  onRequested,
}: {
  user: User;
  onClose: () => void;
  onRequested: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const roles = useRoles();
  const grant = useMutation({
    mutationFn: (v: Values) => adminApi.grantRoles(user.id, v.roles, v.reason.trim()),
    onSuccess: () => {
      message.success(t('admin.users.grantRequested'));
      onRequested();
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('admin.users.grantTitle', { name: user.username })}
      okText={t('admin.users.grantSubmit')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={grant.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('admin.users.grantHint')} style={{ marginBottom: 16 }} />
      {grant.error && (
        <Alert type="error" showIcon title={adminErrorText(t, grant.error)} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => grant.mutate(v)}>
        <Form.Item
          name="roles"
          label={t('admin.users.roles')}
          rules={[{ required: true, message: t('admin.users.rolesRequired') }]}
        >
          <Select
            mode="multiple"
            aria-label={t('admin.users.roles')}
            optionFilterProp="label"
            options={roles.roles
              .filter((r) => !user.roles.includes(r.code))
              .map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('admin.users.grantReason')}
          rules={[{ required: true, whitespace: true, message: t('admin.users.grantReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
