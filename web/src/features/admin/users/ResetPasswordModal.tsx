import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { adminApi, type User } from '../adminApi';
import { adminErrorText, showOnField } from '../shared/errors';

/** Set a new password for a user; their sessions end at once (SEC-04). */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useMutation({
    mutationFn: (password: string) => adminApi.resetPassword(user.id, password),
    onSuccess: () => {
      message.success(t('admin.users.passwordReset', { name: user.username }));
      onClose();
    },
    onError: (e) => {
      if (!showOnField(form, t, e, ['password'])) message.error(adminErrorText(t, e));
    },
  });
  return (
    <Modal
      open
      title={t('admin.users.resetPasswordTitle', { name: user.username })}
      okText={t('admin.users.resetPassword')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('admin.users.resetPasswordWarning')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v.password)}>
        <Form.Item
          name="password"
          label={t('admin.users.newPassword')}
          extra={t('admin.users.passwordHint')}
          rules={[{ required: true, message: t('admin.users.passwordRequired') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
