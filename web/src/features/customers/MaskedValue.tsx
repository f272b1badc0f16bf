import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth/useCurrentUser';
import type { RevealField } from './api/customerApi';
import { errorText } from './apiErrors';
import { useReveal } from './useCustomer';

/** How long a revealed value stays on screen before it is masked again. */
export const revealSeconds = 30;

const reasonPresets = ['identity_check', 'customer_request', 'document_filing'] as const;

type Props = {
  customerId: string;
  field: RevealField;
  /** the contact or holding, for `contact` / `account` */
  targetId?: string;
  /** the masked value the server sent */
  value: string | null;
  /** what the value is, for the dialog and screen readers ("证件号码") */
  label: string;
};

/**
 * A value masked by the server (DS-04), with a reveal button for users holding
 * `customers:reveal`: it asks for a reason (AUD-02, audited on the server),
 * then shows the full value for `revealSeconds` and masks it again. The
 * plaintext is kept only in this component's state, never in the query cache.
 */
export function MaskedValue({ customerId, field, targetId, value, label }: Props) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const reveal = useReveal(customerId);
  const [asking, setAsking] = useState(false);
  const [preset, setPreset] = useState<string | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [plain, setPlain] = useState<string | null>(null);
  const [left, setLeft] = useState(0);
  const canReveal = user.permissions.includes('customers:reveal');

  useEffect(() => {
    if (plain === null) return;
    if (left <= 0) {
      setPlain(null);
      return;
    }
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [plain, left]);

  const fullReason = [preset ? t(`customers.reveal.preset.${preset}`) : '', reason.trim()].filter(Boolean).join('：');
  const submit = () =>
    reveal.mutate(
      { field, reason: fullReason, ...(targetId ? { targetId } : {}) },
      {
        onSuccess: (r) => {
          setPlain(r.value);
          setLeft(revealSeconds);
          setAsking(false);
          setReason('');
          setPreset(undefined);
          reveal.reset();
        },
      },
    );

  if (value === null) return <Typography.Text>—</Typography.Text>;
  return (
    <Flex align="center" gap={4} wrap>
      <Typography.Text code={plain === null} copyable={plain !== null} aria-label={label}>
        {plain ?? value}
      </Typography.Text>
      {plain !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('customers.reveal.hidesIn', { seconds: left })}
        </Typography.Text>
      )}
      {canReveal && plain === null && (
        <Button
          size="small"
          type="link"
          icon={<EyeOutlined aria-hidden />}
          aria-label={t('customers.reveal.buttonFor', { label })}
          onClick={() => setAsking(true)}
        >
          {t('customers.reveal.button')}
        </Button>
      )}
      <Modal
        open={asking}
        title={t('customers.reveal.title', { label })}
        okText={t('customers.reveal.confirm')}
        cancelText={t('customers.cancel')}
        okButtonProps={{ disabled: fullReason.length < 2, loading: reveal.isPending }}
        onOk={submit}
        onCancel={() => {
          setAsking(false);
          reveal.reset();
        }}
        destroyOnHidden
      >
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('customers.reveal.notice')}
          </Typography.Paragraph>
          {reveal.error && <Alert type="error" showIcon title={errorText(t, reveal.error)} />}
          <Select
            allowClear
            aria-label={t('customers.reveal.presetLabel')}
            placeholder={t('customers.reveal.presetLabel')}
            value={preset}
            onChange={setPreset}
            options={reasonPresets.map((p) => ({ value: p, label: t(`customers.reveal.preset.${p}`) }))}
          />
          <Input.TextArea
            rows={3}
            maxLength={150}
            showCount
            aria-label={t('customers.reveal.reason')}
            placeholder={t('customers.reveal.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Flex>
      </Modal>
    </Flex>
  );
}
