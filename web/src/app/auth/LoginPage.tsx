import { ArrowLeftOutlined, LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { brandColors } from '../theme';
import { type LoginInput, login, totpRequiredCode } from './authApi';
import { errorMessage } from './loginError';
import { currentUserQuery } from './useCurrentUser';

type Credentials = { username: string; password: string };

// `/` opens the first area the user may use (admins and auditors have no workbench)
const homePath = '/';

/** Where to go after login: back to the page that asked for it (same-origin paths only), else the first area. */
function returnPath(state: unknown): string {
  if (typeof state !== 'object' || state === null || !('from' in state)) return homePath;
  const from = (state as { from: unknown }).from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : homePath;
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const me = useQuery(currentUserQuery);
  // set once the server asks for a TOTP code; the password is kept only in memory for the resubmit
  const [pending, setPending] = useState<Credentials | null>(null);
  const [totp, setTotp] = useState('');

  const signIn = useMutation({
    mutationFn: (input: LoginInput) => login(input),
    onSuccess: (user) => {
      queryClient.setQueryData(currentUserQuery.queryKey, user);
      navigate(returnPath(location.state), { replace: true });
    },
    onError: (error, input) => {
      if (isApiError(error) && error.code === totpRequiredCode && !input.totp) {
        setPending({ username: input.username, password: input.password });
      }
      // a rejected code is typed again from the start
      setTotp('');
    },
  });

  if (me.data) return <Navigate to={returnPath(location.state)} replace />;

  const error = signIn.error;
  const askingForTotp = isApiError(error) && error.code === totpRequiredCode && !signIn.variables?.totp;
  const failure = error && !askingForTotp ? errorMessage(t, error) : null;

  const submitTotp = (code: string) => {
    if (pending && !signIn.isPending && /^\d{6}$/.test(code)) signIn.mutate({ ...pending, totp: code });
  };
  const back = () => {
    setPending(null);
    setTotp('');
    signIn.reset();
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 24,
        background: `linear-gradient(160deg, ${brandColors.headerBg} 0%, #1d4f7c 55%, #e9eef4 55%)`,
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch size="middle" />
      </div>
      <Flex vertical align="center" gap={6} style={{ marginBottom: 24 }}>
        <img src="/favicon.svg" alt="" width={48} height={48} />
        <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.75)' }}>{t('app.tagline')}</Typography.Text>
      </Flex>
      <Card style={{ width: 400, maxWidth: '100%', boxShadow: '0 12px 32px rgba(15, 44, 76, 0.18)' }}>
        {pending ? (
          <Flex vertical gap={16}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              <SafetyOutlined aria-hidden style={{ color: brandColors.primary, marginInlineEnd: 8 }} />
              {t('login.totpTitle')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.totpHint')}</Typography.Text>
            {failure && <Alert type="error" showIcon title={failure} />}
            <Form layout="vertical" onFinish={() => submitTotp(totp)} requiredMark={false}>
              <Form.Item label={t('login.totpLabel')} required>
                <Input.OTP
                  length={6}
                  size="large"
                  autoComplete="one-time-code"
                  autoFocus
                  formatter={(v) => v.replace(/\D/g, '')}
                  value={totp}
                  onChange={(v) => {
                    setTotp(v);
                    submitTotp(v);
                  }}
                  aria-label={t('login.totpLabel')}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" size="large" block loading={signIn.isPending}>
                {t('login.verify')}
              </Button>
            </Form>
            <Button
              type="link"
              icon={<ArrowLeftOutlined aria-hidden />}
              onClick={back}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('login.back')}
            </Button>
          </Flex>
        ) : (
          <Flex vertical gap={16}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('login.title')}
            </Typography.Title>
            {failure && <Alert type="error" showIcon title={failure} />}
            <Form<Credentials>
              layout="vertical"
              requiredMark={false}
              onFinish={(values) => signIn.mutate({ username: values.username.trim(), password: values.password })}
            >
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
              >
                <Input size="large" prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.passwordRequired') }]}
              >
                <Input.Password size="large" prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" size="large" block loading={signIn.isPending}>
                {t('login.submit')}
              </Button>
            </Form>
          </Flex>
        )}
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 20, fontSize: 12 }}>
        {t('login.notice')}
      </Typography.Text>
    </Flex>
  );
}
