import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Input, Select, Space, Table, Tag, Tooltip, TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { adminApi, adminKeys, type User } from '../adminApi';
import { adminErrorText } from '../shared/errors';
import { useCan } from '../shared/useCan';
import { useRoles } from '../shared/useRoles';
import { useUnits } from '../shared/useUnits';
import { GrantRolesModal } from './GrantRolesModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormDrawer } from './UserFormDrawer';

type Status = 'active' | 'disabled';
type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: User }
  | { kind: 'password'; user: User }
  | { kind: 'grant'; user: User }
  | null;

const pageSize = 50;

/** Staff users: search, status and unit filters, keyset pages, and every user action the admin may take. */
export function UsersTab() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const units = useUnits();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status | undefined>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [dialog, setDialog] = useState<Dialog>(null);

  const filters = { q: q.trim() || undefined, status, unitId };
  const list = useInfiniteQuery({
    queryKey: [...adminKeys.users, filters],
    queryFn: ({ pageParam }) =>
      adminApi.users({ ...filters, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const users = list.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.users });

  const setActive = useMutation({
    mutationFn: (u: User) => (u.status === 'active' ? adminApi.disableUser(u.id) : adminApi.enableUser(u.id)),
    onSuccess: (u) => {
      message.success(t(u.status === 'active' ? 'admin.users.enabled' : 'admin.users.disabled', { name: u.username }));
      void refresh();
    },
    onError: (e) => message.error(adminErrorText(t, e)),
  });
  const revoke = useMutation({
    mutationFn: ({ user, code }: { user: User; code: string }) => adminApi.revokeRole(user.id, code),
    onSuccess: () => {
      message.success(t('admin.users.revoked'));
      void refresh();
    },
    onError: (e) => message.error(adminErrorText(t, e)),
  });

  const confirmStatus = (u: User) =>
    modal.confirm({
      title: t(u.status === 'active' ? 'admin.users.disableTitle' : 'admin.users.enableTitle', { name: u.username }),
      content: t(u.status === 'active' ? 'admin.users.disableText' : 'admin.users.enableText'),
      okText: t(u.status === 'active' ? 'admin.users.disable' : 'admin.users.enable'),
      okButtonProps: { danger: u.status === 'active' },
      cancelText: t('admin.common.cancel'),
      onOk: () => setActive.mutateAsync(u),
    });
  const confirmRevoke = (user: User, code: string) =>
    modal.confirm({
      title: t('admin.users.revokeTitle', { role: roles.label(code), name: user.username }),
      content: t('admin.users.revokeText'),
      okText: t('admin.users.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('admin.common.cancel'),
      onOk: () => revoke.mutateAsync({ user, code }),
    });

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center">
        <Input.Search
          allowClear
          placeholder={t('admin.users.searchPlaceholder')}
          aria-label={t('admin.users.search')}
          onSearch={setQ}
          style={{ width: 280 }}
        />
        <Select<Status>
          allowClear
          placeholder={t('admin.users.status')}
          aria-label={t('admin.users.status')}
          value={status}
          onChange={setStatus}
          options={(['active', 'disabled'] as const).map((s) => ({
            value: s,
            label: t(`admin.users.statusValue.${s}`),
          }))}
          style={{ width: 140 }}
        />
        <TreeSelect
          allowClear
          showSearch
          treeDefaultExpandAll
          placeholder={t('admin.users.unit')}
          aria-label={t('admin.users.unit')}
          value={unitId}
          onChange={setUnitId}
          treeData={units.tree}
          treeNodeFilterProp="title"
          style={{ width: 240 }}
        />
        {can('admin:users') && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setDialog({ kind: 'create' })}
            style={{ marginLeft: 'auto' }}
          >
            {t('admin.users.create')}
          </Button>
        )}
      </Flex>
      {list.error && <Alert type="error" showIcon title={adminErrorText(t, list.error)} />}
      <Table<User>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={users}
        pagination={false}
        columns={[
          { title: t('admin.users.username'), dataIndex: 'username' },
          { title: t('admin.users.displayName'), dataIndex: 'displayName' },
          {
            title: t('admin.users.unit'),
            dataIndex: 'unitId',
            render: (id: string) => units.byId.get(id)?.name ?? id,
          },
          {
            title: t('admin.users.roles'),
            key: 'roles',
            render: (_, u) => (
              <Flex gap={4} wrap>
                {u.roles.map((code) => (
                  <Tag
                    key={code}
                    color="blue"
                    closable={can('admin:roles')}
                    closeIcon={can('admin:roles') ? undefined : false}
                    onClose={(e) => {
                      e.preventDefault();
                      confirmRevoke(u, code);
                    }}
                  >
                    {roles.label(code)}
                  </Tag>
                ))}
                {u.pendingGrants.map((g) => (
                  <Tooltip key={g.approvalId} title={t('admin.users.pendingHint')}>
                    <Tag color="gold">{t('admin.users.pending', { roles: g.roles.map(roles.label).join('、') })}</Tag>
                  </Tooltip>
                ))}
                {u.roles.length === 0 && u.pendingGrants.length === 0 && <Tag>{t('admin.users.noRoles')}</Tag>}
              </Flex>
            ),
          },
          {
            title: t('admin.users.status'),
            key: 'status',
            render: (_, u) => (
              <Space size={4}>
                <Tag color={u.status === 'active' ? 'green' : 'default'}>
                  {t(`admin.users.statusValue.${u.status}`)}
                </Tag>
                {u.locked && <Tag color="red">{t('admin.users.locked')}</Tag>}
                {u.totpEnabled && <Tag color="cyan">{t('admin.users.totp')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('admin.common.actions'),
            key: 'actions',
            render: (_, u) => (
              <Space size={0} wrap>
                {can('admin:users') && (
                  <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
                    {t('admin.common.edit')}
                  </Button>
                )}
                {can('admin:roles') && (
                  <Button type="link" size="small" onClick={() => setDialog({ kind: 'grant', user: u })}>
                    {t('admin.users.grant')}
                  </Button>
                )}
                {can('admin:users') && (
                  <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', user: u })}>
                    {t('admin.users.resetPassword')}
                  </Button>
                )}
                {can('admin:sessions') && (
                  <Button type="link" size="small" onClick={() => navigate(`/admin/sessions?user=${u.id}`)}>
                    {t('admin.users.sessions')}
                  </Button>
                )}
                {can('admin:users') && (
                  <Button type="link" size="small" danger={u.status === 'active'} onClick={() => confirmStatus(u)}>
                    {t(u.status === 'active' ? 'admin.users.disable' : 'admin.users.enable')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {list.hasNextPage && (
        <Button
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
          style={{ alignSelf: 'center' }}
        >
          {t('admin.common.more')}
        </Button>
      )}
      {dialog?.kind === 'create' && <UserFormDrawer onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog?.kind === 'edit' && (
        <UserFormDrawer user={dialog.user} onClose={() => setDialog(null)} onSaved={refresh} />
      )}
      {dialog?.kind === 'password' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'grant' && (
        <GrantRolesModal user={dialog.user} onClose={() => setDialog(null)} onRequested={refresh} />
      )}
    </Flex>
  );
}
