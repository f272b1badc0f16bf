import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, type CreatedToken, type Token } from '../adminApi';
import { adminErrorText } from '../shared/errors';
import { useFormat } from '../shared/format';
import { IssueTokenModal } from './IssueTokenModal';

type TokenState = 'active' | 'expired' | 'revoked';

export function tokenState(token: Token, now: Date): TokenState {
  if (token.revokedAt) return 'revoked';
  return new Date(token.expiresAt) <= now ? 'expired' : 'active';
}

const stateColor: Record<TokenState, string> = { active: 'green', expired: 'default', revoked: 'red' };

/** The secret of a new token, shown this once with a copy button. */
function SecretOnce({ created, onClose }: { created: CreatedToken; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('admin.tokens.secretTitle', { name: created.token.name })}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('admin.tokens.secretDone')}
        </Button>
      }
      maskClosable={false}
    >
      <Alert type="warning" showIcon title={t('admin.tokens.secretWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        code
        copyable={{ text: created.secret, tooltips: [t('admin.tokens.copy'), t('admin.tokens.copied')] }}
        style={{ wordBreak: 'break-all' }}
        data-testid="token-secret"
      >
        {created.secret}
      </Typography.Paragraph>
    </Modal>
  );
}

/** Integration API tokens: list, issue (scoped, expiring; secret shown once), revoke. */
export function TokensTab() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: adminKeys.tokens, queryFn: () => adminApi.tokens() });
  const [issuing, setIssuing] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.tokens });
  const revoke = useMutation({
    mutationFn: (token: Token) => adminApi.revokeToken(token.id),
    onSuccess: () => {
      message.success(t('admin.tokens.revoked'));
      void refresh();
    },
    onError: (e) => message.error(adminErrorText(t, e)),
  });
  const now = new Date();

  return (
    <Flex vertical gap={16}>
      <Button
        type="primary"
        icon={<PlusOutlined aria-hidden />}
        onClick={() => setIssuing(true)}
        style={{ alignSelf: 'flex-end' }}
      >
        {t('admin.tokens.issue')}
      </Button>
      {tokens.error && <Alert type="error" showIcon title={adminErrorText(t, tokens.error)} />}
      <Table<Token>
        rowKey="id"
        size="middle"
        loading={tokens.isLoading}
        dataSource={tokens.data ?? []}
        pagination={false}
        columns={[
          { title: t('admin.tokens.name'), dataIndex: 'name' },
          {
            title: t('admin.tokens.owner'),
            key: 'owner',
            render: (_, tk) => (tk.owner ? `${tk.owner.displayName}（${tk.owner.username}）` : tk.ownerId),
          },
          { title: t('admin.tokens.prefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
          {
            title: t('admin.tokens.permissions'),
            dataIndex: 'permissions',
            render: (ps: string[]) => (
              <Flex gap={4} wrap>
                {ps.map((p) => (
                  <Tag key={p}>{p}</Tag>
                ))}
              </Flex>
            ),
          },
          { title: t('admin.tokens.expiresAt'), dataIndex: 'expiresAt', render: fmt.date },
          { title: t('admin.tokens.lastUsedAt'), dataIndex: 'lastUsedAt', render: fmt.dateTime },
          {
            title: t('admin.tokens.state'),
            key: 'state',
            render: (_, tk) => {
              const s = tokenState(tk, now);
              return <Tag color={stateColor[s]}>{t(`admin.tokens.stateValue.${s}`)}</Tag>;
            },
          },
          {
            title: t('admin.common.actions'),
            key: 'actions',
            render: (_, tk) =>
              tk.revokedAt ? null : (
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: t('admin.tokens.revokeTitle', { name: tk.name }),
                      content: t('admin.tokens.revokeText'),
                      okText: t('admin.tokens.revoke'),
                      okButtonProps: { danger: true },
                      cancelText: t('admin.common.cancel'),
                      onOk: () => revoke.mutateAsync(tk),
                    })
                  }
                >
                  {t('admin.tokens.revoke')}
                </Button>
              ),
          },
        ]}
      />
      {issuing && (
        <IssueTokenModal
          onClose={() => setIssuing(false)}
          onIssued={(c) => {
            setIssuing(false);
            setCreated(c);
            void refresh();
          }}
        />
      )}
      {created && <SecretOnce created={created} onClose={() => setCreated(null)} />}
    </Flex>
  );
}
