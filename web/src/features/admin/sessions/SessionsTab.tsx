import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { adminApi, adminKeys, type Session } from '../adminApi';
import { adminErrorText } from '../shared/errors';
import { useFormat } from '../shared/format';
import { StaffSelect } from '../shared/StaffSelect';

const searchUsers = async (q: string | undefined) => (await adminApi.users({ limit: 20, ...(q ? { q } : {}) })).items;

/** A user's live sessions; end one, or all of them at once (SEC-04). */
export function SessionsTab() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const userId = params.get('user') ?? undefined;
  const user = useQuery({
    queryKey: userId ? adminKeys.user(userId) : ['admin', 'users', 'none'],
    queryFn: () => adminApi.user(userId as string),
    enabled: !!userId,
  });
  const sessions = useQuery({
    queryKey: adminKeys.sessions(userId ?? ''),
    queryFn: () => adminApi.sessions(userId as string),
    enabled: !!userId,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.sessions(userId ?? '') });
  const endOne = useMutation({
    mutationFn: (s: Session) => adminApi.endSession(userId as string, s.id),
    onSuccess: () => {
      message.success(t('admin.sessions.endedOne'));
      void refresh();
    },
    onError: (e) => message.error(adminErrorText(t, e)),
  });
  const endAll = useMutation({
    mutationFn: () => adminApi.endSessions(userId as string),
    onSuccess: (r) => {
      message.success(t('admin.sessions.endedAll', { count: r.ended }));
      void refresh();
    },
    onError: (e) => message.error(adminErrorText(t, e)),
  });
  const name = user.data ? `${user.data.displayName}（${user.data.username}）` : '';

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t('admin.sessions.user')}</Typography.Text>
        <StaffSelect
          source="admin-users"
          search={searchUsers}
          value={userId}
          selected={user.data}
          ariaLabel={t('admin.sessions.user')}
          onChange={(id) => setParams(id ? { user: id } : {})}
        />
        {userId && (
          <Button
            danger
            disabled={(sessions.data ?? []).length === 0}
            loading={endAll.isPending}
            onClick={() =>
              modal.confirm({
                title: t('admin.sessions.endAllTitle', { name }),
                content: t('admin.sessions.endAllText'),
                okText: t('admin.sessions.endAll'),
                okButtonProps: { danger: true },
                cancelText: t('admin.common.cancel'),
                onOk: () => endAll.mutateAsync(),
              })
            }
            style={{ marginLeft: 'auto' }}
          >
            {t('admin.sessions.endAll')}
          </Button>
        )}
      </Flex>
      {sessions.error && <Alert type="error" showIcon title={adminErrorText(t, sessions.error)} />}
      {!userId ? (
        <Empty description={t('admin.sessions.pickUser')} />
      ) : (
        <Table<Session>
          rowKey="id"
          size="middle"
          loading={sessions.isLoading}
          dataSource={sessions.data ?? []}
          pagination={false}
          locale={{ emptyText: t('admin.sessions.none') }}
          columns={[
            { title: t('admin.sessions.createdAt'), dataIndex: 'createdAt', render: fmt.dateTime },
            { title: t('admin.sessions.lastSeenAt'), dataIndex: 'lastSeenAt', render: fmt.dateTime },
            { title: t('admin.sessions.expiresAt'), dataIndex: 'expiresAt', render: fmt.dateTime },
            { title: t('admin.sessions.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
            {
              title: t('admin.sessions.userAgent'),
              dataIndex: 'userAgent',
              ellipsis: true,
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('admin.common.actions'),
              key: 'actions',
              render: (_, s) => (
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: t('admin.sessions.endOneTitle'),
                      content: t('admin.sessions.endOneText', { name }),
                      okText: t('admin.sessions.endOne'),
                      okButtonProps: { danger: true },
                      cancelText: t('admin.common.cancel'),
                      onOk: () => endOne.mutateAsync(s),
                    })
                  }
                >
                  {t('admin.sessions.endOne')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
