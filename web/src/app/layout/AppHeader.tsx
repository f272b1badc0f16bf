import { LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Flex, Layout, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { logout } from '../auth/authApi';
import { currentUserQuery, useCurrentUser } from '../auth/useCurrentUser';
import { brandColors } from '../theme';
import { totpEnrolPath } from '../totpPath';
import { LanguageSwitch } from './LanguageSwitch';

const onDark = { color: 'rgba(255, 255, 255, 0.92)' } as const;
const onDarkSecondary = { color: 'rgba(255, 255, 255, 0.65)', fontSize: 12 } as const;

/** Product name, the signed-in user and unit, the language switch and logout. */
export function AppHeader() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: logout,
    onSettled: () => {
      // Setting the user to null first lets <RequireAuth> unmount the signed-in pages; then nothing
      // of the previous session stays in memory for the next user of this browser.
      queryClient.setQueryData(currentUserQuery.queryKey, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== currentUserQuery.queryKey[0] });
      queryClient.getMutationCache().clear();
      navigate('/login', { replace: true });
    },
  });

  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
      <Flex align="center" gap={10} style={{ flex: 'none' }}>
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <Typography.Text strong style={{ ...onDark, fontSize: 17, letterSpacing: 0.3 }}>
          {t('app.name')}
        </Typography.Text>
        <span style={{ width: 1, height: 18, background: 'rgba(255,255,255,0.25)' }} />
        <Typography.Text style={onDarkSecondary}>{t('app.tagline')}</Typography.Text>
      </Flex>
      <Flex align="center" gap={20} style={{ marginLeft: 'auto' }}>
        <LanguageSwitch />
        {!user.totpEnabled && (
          <Button
            type="text"
            icon={<SafetyOutlined aria-hidden />}
            onClick={() => navigate(totpEnrolPath)}
            style={onDark}
          >
            {t('header.totp')}
          </Button>
        )}
        <Space size={10} data-testid="current-user">
          <Avatar size="small" icon={<UserOutlined aria-hidden />} style={{ background: brandColors.accent }} />
          <Flex vertical style={{ lineHeight: 1.25 }}>
            <Typography.Text style={onDark}>{user.displayName}</Typography.Text>
            <Typography.Text style={onDarkSecondary} title={t('header.unit', { unit: user.unit.name })}>
              {user.unit.name}
            </Typography.Text>
          </Flex>
        </Space>
        <Button
          type="text"
          icon={<LogoutOutlined aria-hidden />}
          loading={signOut.isPending}
          onClick={() => signOut.mutate()}
          style={onDark}
        >
          {t('header.logout')}
        </Button>
      </Flex>
    </Layout.Header>
  );
}
