import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../adminApi';
import { adminErrorText } from '../shared/errors';

/** Recompute the audit hash chain on the server and show the result, naming the first broken record. */
export function VerifyChain() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: adminApi.verifyAudit });
  const r = verify.data;
  return (
    <Flex vertical gap={8}>
      <Button
        icon={<SafetyCertificateOutlined aria-hidden />}
        loading={verify.isPending}
        onClick={() => verify.mutate()}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('admin.audit.verify')}
      </Button>
      {verify.error && <Alert type="error" showIcon title={adminErrorText(t, verify.error)} />}
      {r?.ok && (
        <Alert
          type="success"
          showIcon
          title={t('admin.audit.verifyOk', { checked: r.checked, seq: r.head?.seq ?? 0 })}
          description={r.head ? t('admin.audit.verifyHead', { hash: r.head.hash.slice(0, 16) }) : undefined}
        />
      )}
      {r && !r.ok && r.firstBroken && (
        <Alert
          type="error"
          showIcon
          title={t('admin.audit.verifyBroken', { checked: r.checked })}
          description={t('admin.audit.verifyBrokenEntry', {
            seq: r.firstBroken.seq,
            id: r.firstBroken.id,
            reason: t(`admin.audit.brokenReason.${r.firstBroken.reason}`),
          })}
        />
      )}
    </Flex>
  );
}
