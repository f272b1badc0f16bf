import { CheckCircleOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth/useCurrentUser';
import type { Customer360 } from './api/customerApi';
import { errorText } from './apiErrors';
import { daysUntil, formatDate, formatMoney } from './format';
import { codeLabel, riskColors, tierColors } from './labels';
import { MaskedValue } from './MaskedValue';
import { useVerifyCustomer } from './useCustomer';

/** Days before the expiry of a risk assessment from which the header warns (SUIT-05: valid 12 months). */
export const riskWarningDays = 30;

export type RiskWarning = { kind: 'expired' } | { kind: 'expiring'; days: number } | null;

/** Whether the risk assessment in force has expired or expires within `riskWarningDays`. */
export function riskWarning(risk: Customer360['risk'], now: Date = new Date()): RiskWarning {
  if (risk.status === 'expired') return { kind: 'expired' };
  if (!risk.expiresAt) return null;
  const days = daysUntil(risk.expiresAt, now);
  if (days < 0) return { kind: 'expired' };
  return days <= riskWarningDays ? { kind: 'expiring', days } : null;
}

type Props = { customer: Customer360; onEdit: () => void };

/** The 360 header: who the customer is, their tier, stage, RM, branch, risk level and masked identifiers. */
export function CustomerHeaderCard({ customer, onEdit }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const h = customer.header;
  const verify = useVerifyCustomer(h.id);
  const canWrite = user.permissions.includes('customers:write');
  const warning = riskWarning(customer.risk);
  const lng = i18n.language;

  return (
    <Card>
      <Flex vertical gap={16}>
        <Flex justify="space-between" align="flex-start" wrap gap={12}>
          <Flex vertical gap={8}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {h.name}
            </Typography.Title>
            <Flex gap={4} wrap>
              <Tag color={tierColors[h.tier]}>{codeLabel(t, 'tier', h.tier)}</Tag>
              <Tag>{codeLabel(t, 'stage', h.lifecycleStage)}</Tag>
              <Tag color={customer.risk.level ? riskColors[customer.risk.level] : 'default'}>
                {t('customers.header.riskLevel', { level: customer.risk.level ?? t('customers.header.noRisk') })}
              </Tag>
              {h.kind === 'organisation' && <Tag>{t('customers.kind.organisation')}</Tag>}
              {h.status !== 'active' && <Tag color="red">{codeLabel(t, 'status', h.status)}</Tag>}
              {h.tags.map((x) => (
                <Tag key={x} color="geekblue">
                  {x}
                </Tag>
              ))}
            </Flex>
          </Flex>
          <Flex gap={24} wrap>
            <Statistic title={t('customers.header.aum')} value={formatMoney(h.aum, lng, h.currency)} />
            <Statistic title={t('customers.header.liabilities')} value={formatMoney(h.liabilities, lng, h.currency)} />
          </Flex>
        </Flex>

        {warning && (
          <Alert
            type={warning.kind === 'expired' ? 'error' : 'warning'}
            showIcon
            title={
              warning.kind === 'expired'
                ? t('customers.header.riskExpired', { date: formatDate(customer.risk.expiresAt, lng) })
                : t('customers.header.riskExpiring', {
                    count: warning.days,
                    date: formatDate(customer.risk.expiresAt, lng),
                  })
            }
          />
        )}
        {customer.risk.pendingLevel && (
          <Alert
            type="info"
            showIcon
            title={t('customers.header.riskPending', { level: customer.risk.pendingLevel })}
          />
        )}

        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'customerNo', label: t('customers.field.customerNo'), children: h.customerNo },
            {
              key: 'name',
              label: t('customers.field.name'),
              children: <MaskedValue customerId={h.id} field="name" value={h.name} label={t('customers.field.name')} />,
            },
            {
              key: 'idNumber',
              label: codeLabel(t, 'idType', h.idType),
              children: (
                <MaskedValue
                  customerId={h.id}
                  field="idNumber"
                  value={h.idNumber}
                  label={t('customers.field.idNumber')}
                />
              ),
            },
            {
              key: 'mobile',
              label: t('customers.field.mobile'),
              children: (
                <MaskedValue customerId={h.id} field="mobile" value={h.mobile} label={t('customers.field.mobile')} />
              ),
            },
            {
              key: 'age',
              label: t('customers.field.age'),
              children: h.age === null ? '—' : t('customers.header.age', { count: h.age }),
            },
            { key: 'gender', label: t('customers.field.gender'), children: codeLabel(t, 'gender', h.gender) },
            { key: 'rm', label: t('customers.field.rm'), children: h.rmName ?? t('customers.header.noRm') },
            { key: 'unit', label: t('customers.field.homeUnit'), children: h.homeUnitName ?? '—' },
            {
              key: 'riskExpires',
              label: t('customers.field.riskExpiresAt'),
              children: formatDate(customer.risk.expiresAt ?? h.riskExpiresAt, lng),
            },
            { key: 'occupation', label: t('customers.field.occupation'), children: h.occupation ?? '—' },
            { key: 'employer', label: t('customers.field.employer'), children: h.employer ?? '—' },
            { key: 'incomeBand', label: t('customers.field.incomeBand'), children: h.incomeBand ?? '—' },
            { key: 'onboarded', label: t('customers.field.onboardedOn'), children: formatDate(h.onboardedOn, lng) },
            {
              key: 'verified',
              label: t('customers.field.lastVerifiedAt'),
              children: h.lastVerifiedAt ? formatDate(h.lastVerifiedAt, lng) : t('customers.header.neverVerified'),
            },
          ]}
        />

        {canWrite && (
          <Flex gap={8} wrap>
            <Button icon={<EditOutlined aria-hidden />} onClick={onEdit}>
              {t('customers.profile.edit')}
            </Button>
            <Popconfirm
              title={t('customers.verify.confirmTitle')}
              description={t('customers.verify.confirmText')}
              okText={t('customers.verify.confirm')}
              cancelText={t('customers.cancel')}
              onConfirm={() =>
                verify.mutateAsync().then(
                  () => message.success(t('customers.verify.done')),
                  (e: unknown) => message.error(errorText(t, e)),
                )
              }
            >
              <Button icon={<CheckCircleOutlined aria-hidden />} loading={verify.isPending}>
                {t('customers.verify.button')}
              </Button>
            </Popconfirm>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
