import { SafetyOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, QRCode, Result, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentUserQuery, useCurrentUser } from '../../../app/auth/useCurrentUser';
import { adminApi, type TotpEnrolment } from '../adminApi';
import { adminErrorText } from '../shared/errors';

/** Group a base32 secret in fours so it can be typed into an authenticator by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * TOTP enrolment (SEC-03): re-enter the password (ASVS 7.5.1), scan the QR code
 * of the otpauth URI or type the secret, confirm with a code. A user whose role
 * requires TOTP is sent here before anything else and holds no permission until
 * this is done.
 */
export function TotpEnrolPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [done, setDone] = useState(false);

  const start = useMutation({
    mutationFn: (password: string) => adminApi.enrolTotp(password),
    onSuccess: setEnrolment,
  });
  const confirm = useMutation({
    mutationFn: (c: string) => adminApi.confirmTotp(c),
    onSuccess: async () => {
      setDone(true);
      // the permissions of a TOTP-required role apply from the next request on
      await queryClient.invalidateQueries({ queryKey: currentUserQuery.queryKey });
    },
    onError: () => setCode(''),
  });
  const submitCode = (c: string) => {
    if (/^\d{6}$/.test(c) && !confirm.isPending) confirm.mutate(c);
  };

  if (done) {
    return (
      <Result
        status="success"
        title={t('admin.totp.doneTitle')}
        subTitle={t('admin.totp.doneText')}
        extra={
          <Button type="primary" onClick={() => navigate('/', { replace: true })}>
            {t('admin.totp.continue')}
          </Button>
        }
      />
    );
  }

  return (
    <Flex justify="center">
      <Card style={{ width: 560, maxWidth: '100%' }}>
        <Flex vertical gap={16}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            <SafetyOutlined aria-hidden style={{ marginInlineEnd: 8 }} />
            {t('admin.totp.title')}
          </Typography.Title>
          {user.totpEnrolmentRequired ? (
            <Alert type="warning" showIcon title={t('admin.totp.required')} />
          ) : user.totpEnabled ? (
            <Alert type="info" showIcon title={t('admin.totp.alreadyEnabled')} />
          ) : (
            <Typography.Text type="secondary">{t('admin.totp.optional')}</Typography.Text>
          )}
          <Steps
            size="small"
            current={enrolment ? 1 : 0}
            items={[{ title: t('admin.totp.stepPassword') }, { title: t('admin.totp.stepScan') }]}
          />
          {!enrolment ? (
            <Form<{ password: string }> layout="vertical" onFinish={(v) => start.mutate(v.password)}>
              {start.error && (
                <Alert type="error" showIcon title={adminErrorText(t, start.error)} style={{ marginBottom: 16 }} />
              )}
              <Form.Item
                name="password"
                label={t('admin.totp.password')}
                extra={t('admin.totp.passwordHint')}
                rules={[{ required: true, message: t('admin.totp.passwordRequired') }]}
              >
                <Input.Password autoComplete="current-password" autoFocus />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={start.isPending}>
                {t('admin.totp.start')}
              </Button>
            </Form>
          ) : (
            <Flex vertical gap={16}>
              <Typography.Text>{t('admin.totp.scan')}</Typography.Text>
              <Flex gap={24} align="center" wrap>
                <QRCode value={enrolment.otpauthUri} type="svg" size={180} aria-label={t('admin.totp.qr')} />
                <Flex vertical gap={4}>
                  <Typography.Text type="secondary">{t('admin.totp.secret')}</Typography.Text>
                  <Typography.Text code copyable={{ text: enrolment.secret }} data-testid="totp-secret">
                    {groupSecret(enrolment.secret)}
                  </Typography.Text>
                </Flex>
              </Flex>
              {confirm.error && <Alert type="error" showIcon title={adminErrorText(t, confirm.error)} />}
              <Form layout="vertical" onFinish={() => submitCode(code)}>
                <Form.Item label={t('admin.totp.code')} required>
                  <Input.OTP
                    length={6}
                    autoComplete="one-time-code"
                    formatter={(v) => v.replace(/\D/g, '')}
                    value={code}
                    onChange={(v) => {
                      setCode(v);
                      submitCode(v);
                    }}
                    aria-label={t('admin.totp.code')}
                  />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={confirm.isPending}>
                  {t('admin.totp.confirm')}
                </Button>
              </Form>
            </Flex>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
