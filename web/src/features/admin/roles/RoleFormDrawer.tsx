import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Drawer, Flex, Form, Input, Radio, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, type Permission, type Role } from '../adminApi';
import { adminErrorText, showOnField } from '../shared/errors';
import { allowedFor, forbiddenClass, groupPermissions, permissionClasses } from './permissionGroups';

type Kind = Role['kind'];
type Scope = Role['dataScope'];
type Values = {
  code: string;
  name: string;
  description?: string;
  kind: Kind;
  dataScope: Scope;
  requiresTotp: boolean;
  permissions: string[];
};

const scopes: readonly Scope[] = ['all', 'units', 'book', 'none'];

/** Define a role or change one's permission set; AUD-04 classes a role of its kind may not hold are locked. */
export function RoleFormDrawer({
  role,
  catalogue,
  onClose,
}: {
  role?: Role;
  catalogue: Permission[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [topError, setTopError] = useState<string | null>(null);
  const kind: Kind = Form.useWatch('kind', form) ?? role?.kind ?? 'business';
  const groups = groupPermissions(catalogue);
  const forbidden = forbiddenClass(kind);

  const save = useMutation({
    mutationFn: (v: Values) =>
      role
        ? adminApi.updateRole(role.code, {
            name: v.name.trim(),
            description: v.description ?? '',
            dataScope: v.dataScope,
            requiresTotp: v.requiresTotp,
            permissions: v.permissions,
          })
        : adminApi.createRole({
            code: v.code.trim(),
            name: v.name.trim(),
            description: v.description ?? '',
            kind: v.kind,
            dataScope: v.dataScope,
            requiresTotp: v.requiresTotp,
            permissions: v.permissions,
          }),
    onSuccess: () => {
      message.success(t('admin.roles.saved'));
      void queryClient.invalidateQueries({ queryKey: adminKeys.roles });
      onClose();
    },
    onError: (e) => setTopError(showOnField(form, t, e, ['code', 'name']) ? null : adminErrorText(t, e)),
  });

  return (
    <Drawer
      open
      size={640}
      title={role ? t('admin.roles.editTitle', { name: role.name }) : t('admin.roles.create')}
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
        initialValues={
          role
            ? { ...role, description: role.description }
            : { kind: 'business', dataScope: 'book', requiresTotp: false, permissions: [] }
        }
        onValuesChange={(changed: Partial<Values>) => {
          // AUD-04: switching the kind drops the permissions the new kind may not hold; admin roles see no customers
          if (changed.kind) {
            form.setFieldsValue({
              permissions: allowedFor(changed.kind, form.getFieldValue('permissions') ?? [], catalogue),
              ...(changed.kind === 'admin' ? { dataScope: 'none' as const } : {}),
            });
          }
        }}
        onFinish={(v) => save.mutate(v)}
      >
        {!role && (
          <Form.Item
            name="code"
            label={t('admin.roles.code')}
            extra={t('admin.roles.codeHint')}
            rules={[
              { required: true, message: t('admin.roles.codeRequired') },
              { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('admin.roles.codeHint') },
            ]}
          >
            <Input />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('admin.roles.name')}
          rules={[{ required: true, whitespace: true, message: t('admin.roles.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('admin.roles.description')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.roles.kind')} extra={role ? t('admin.roles.kindFixed') : undefined}>
          <Radio.Group disabled={!!role}>
            <Radio value="business">{t('admin.roles.kindValue.business')}</Radio>
            <Radio value="admin">{t('admin.roles.kindValue.admin')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="dataScope" label={t('admin.roles.dataScope')}>
          <Select
            aria-label={t('admin.roles.dataScope')}
            disabled={kind === 'admin'}
            options={scopes.map((s) => ({ value: s, label: t(`admin.roles.scope.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="requiresTotp" label={t('admin.roles.requiresTotp')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Alert
          type="warning"
          showIcon
          title={t('admin.roles.forbiddenClass', { cls: t(`admin.roles.class.${forbidden}`) })}
          style={{ marginBottom: 12 }}
        />
        <Form.Item name="permissions" label={t('admin.roles.permissions')}>
          <Checkbox.Group style={{ width: '100%' }}>
            <Flex vertical gap={12} style={{ width: '100%' }}>
              {permissionClasses.map((cls) => (
                <div key={cls}>
                  <Typography.Text strong>{t(`admin.roles.class.${cls}`)}</Typography.Text>
                  <Flex vertical gap={4} style={{ marginTop: 4 }}>
                    {groups[cls].map((p) => (
                      <Checkbox key={p.name} value={p.name} disabled={cls === forbidden}>
                        {t(`admin.permissions.${p.name.replace(':', '_')}`, { defaultValue: p.description })}{' '}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {p.name}
                        </Typography.Text>
                      </Checkbox>
                    ))}
                  </Flex>
                </div>
              ))}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
