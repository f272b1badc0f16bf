import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, type Permission, type Role } from '../adminApi';
import { adminErrorText } from '../shared/errors';
import { useCan } from '../shared/useCan';
import { useRoles } from '../shared/useRoles';
import { groupPermissions, permissionClasses } from './permissionGroups';
import { RoleFormDrawer } from './RoleFormDrawer';

export const classColor = { admin: 'purple', business: 'blue', oversight: 'orange' } as const;

/** A role's permissions by class, each with its description. */
function RolePermissions({ role, catalogue }: { role: Role; catalogue: Permission[] }) {
  const { t } = useTranslation();
  const groups = groupPermissions(catalogue.filter((p) => role.permissions.includes(p.name)));
  return (
    <Descriptions size="small" column={1} bordered>
      {permissionClasses.map((cls) => (
        <Descriptions.Item key={cls} label={t(`admin.roles.class.${cls}`)}>
          {groups[cls].length === 0 ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : (
            <Flex gap={4} wrap>
              {groups[cls].map((p) => (
                <Tag key={p.name} color={classColor[cls]} title={p.description}>
                  {t(`admin.permissions.${p.name.replace(':', '_')}`, { defaultValue: p.name })}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 11 }}>
                    {p.name}
                  </Typography.Text>
                </Tag>
              ))}
            </Flex>
          )}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** Roles with their permission sets by class (AUD-04 separation); define and edit custom roles. */
export function RolesTab() {
  const { t } = useTranslation();
  const can = useCan();
  const roles = useRoles();
  const catalogue = useQuery({ queryKey: adminKeys.permissions, queryFn: adminApi.permissions, staleTime: 300_000 });
  const [editing, setEditing] = useState<Role | 'new' | null>(null);

  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon title={t('admin.roles.separation')} />
      {can('admin:roles') && (
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => setEditing('new')}
          style={{ alignSelf: 'flex-end' }}
        >
          {t('admin.roles.create')}
        </Button>
      )}
      {(roles.query.error || catalogue.error) && (
        <Alert type="error" showIcon title={adminErrorText(t, roles.query.error ?? catalogue.error)} />
      )}
      <Table<Role>
        rowKey="code"
        size="middle"
        loading={roles.query.isLoading}
        dataSource={roles.roles}
        pagination={false}
        expandable={{
          expandedRowRender: (role) => <RolePermissions role={role} catalogue={catalogue.data ?? []} />,
        }}
        columns={[
          { title: t('admin.roles.name'), dataIndex: 'name' },
          { title: t('admin.roles.code'), dataIndex: 'code', render: (c: string) => <code>{c}</code> },
          {
            title: t('admin.roles.kind'),
            dataIndex: 'kind',
            render: (k: Role['kind']) => <Tag color={classColor[k]}>{t(`admin.roles.kindValue.${k}`)}</Tag>,
          },
          {
            title: t('admin.roles.dataScope'),
            dataIndex: 'dataScope',
            render: (s: Role['dataScope']) => t(`admin.roles.scope.${s}`),
          },
          {
            title: t('admin.roles.requiresTotp'),
            dataIndex: 'requiresTotp',
            render: (v: boolean) => (v ? <Tag color="cyan">{t('admin.common.yes')}</Tag> : t('admin.common.no')),
          },
          {
            title: t('admin.roles.permissionCount'),
            key: 'count',
            render: (_, r) => r.permissions.length,
          },
          {
            title: t('admin.roles.builtin'),
            dataIndex: 'builtin',
            render: (v: boolean) =>
              v ? <Tag>{t('admin.roles.builtinTag')}</Tag> : <Tag color="green">{t('admin.roles.customTag')}</Tag>,
          },
          ...(can('admin:roles')
            ? [
                {
                  title: t('admin.common.actions'),
                  key: 'actions',
                  render: (_: unknown, r: Role) => (
                    <Button type="link" size="small" onClick={() => setEditing(r)}>
                      {t('admin.common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <RoleFormDrawer
          role={editing === 'new' ? undefined : editing}
          catalogue={catalogue.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}
