import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Flex, Form, Input, Select, TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type User } from '../adminApi';
import { adminErrorText, showOnField } from '../shared/errors';
import { useRoles } from '../shared/useRoles';
import { useUnits } from '../shared/useUnits';

type Values = {
  username: string;
  displayName: string;
  email?: string;
  unitId: string;
  roles?: string[];
  password: string;
};

const fields = ['username', 'displayName', 'email', 'unitId', 'roles', 'password'];

/** Create a user (roles go to maker-checker) or edit one's name, email and unit. */
export function UserFormDrawer({ user, onClose, onSaved }: { user?: User; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const units = useUnits();
  const roles = useRoles();
  const editing = !!user;
  // an error that names no field of the form shows above it
  const [topError, setTopError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const email = v.email?.trim() ? v.email.trim() : null;
      if (user) {
        await adminApi.updateUser(user.id, { displayName: v.displayName.trim(), email, unitId: v.unitId });
        return null;
      }
      return adminApi.createUser({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        email,
        unitId: v.unitId,
        roles: v.roles ?? [],
        password: v.password,
      });
    },
    onSuccess: (created) => {
      onSaved();
      onClose();
      if (!created) {
        message.success(t('admin.users.saved'));
      } else if (created.approvalId) {
        modal.success({
          title: t('admin.users.createdTitle', { name: created.user.username }),
          content: t('admin.users.createdPending'),
          okText: t('admin.common.ok'),
        });
      } else {
        message.success(t('admin.users.createdTitle', { name: created.user.username }));
      }
    },
    onError: (e) => setTopError(showOnField(form, t, e, fields) ? null : adminErrorText(t, e)),
  });

  return (
    <Drawer
      open
      size={520}
      title={editing ? t('admin.users.editTitle', { name: user.username }) : t('admin.users.create')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('admin.common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('admin.common.save')}
          </Button>
        </Flex>
      }
    >
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={user ? { displayName: user.displayName, email: user.email ?? '', unitId: user.unitId } : {}}
        onFinish={(v) => save.mutate(v)}
      >
        {!editing && (
          <Form.Item
            name="username"
            label={t('admin.users.username')}
            extra={t('admin.users.usernameHint')}
            rules={[
              { required: true, message: t('admin.users.usernameRequired') },
              { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, message: t('admin.users.usernameHint') },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('admin.users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('admin.users.displayNameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('admin.users.email')}
          rules={[{ type: 'email', message: t('admin.users.emailInvalid') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('admin.users.unit')}
          rules={[{ required: true, message: t('admin.users.unitRequired') }]}
        >
          <TreeSelect
            showSearch
            treeDefaultExpandAll
            treeData={units.tree}
            treeNodeFilterProp="title"
            aria-label={t('admin.users.unit')}
          />
        </Form.Item>
        {!editing && (
          <>
            <Form.Item name="roles" label={t('admin.users.roles')} extra={t('admin.users.rolesHint')}>
              <Select
                mode="multiple"
                aria-label={t('admin.users.roles')}
                options={roles.roles.map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` }))}
                optionFilterProp="label"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('admin.users.initialPassword')}
              extra={t('admin.users.passwordHint')}
              rules={[{ required: true, message: t('admin.users.passwordRequired') }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
      </Form>
    </Drawer>
  );
}
