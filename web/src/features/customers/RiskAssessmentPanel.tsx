import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Assessment, type Channel, type RiskProfile, riskApi } from './riskQualityApi';

const statusColor: Record<RiskProfile['status'], string> = {
  valid: 'green',
  expired: 'red',
  none: 'default',
  pending_reconfirmation: 'orange',
  invalidated: 'red',
};

const materialReasons = ['income', 'employment', 'assets', 'age_band', 'family', 'health', 'other'] as const;

/** Risk tolerance: the level in force with its expiry badge, the questionnaire, reconfirmation and history. */
export function RiskAssessmentPanel({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const date = (iso: string | null) => (iso ? new Intl.DateTimeFormat(i18n.language).format(new Date(iso)) : '—');
  const [form] = Form.useForm();
  const [channel, setChannel] = useState<Channel>('branch');
  const [signatureRef, setSignatureRef] = useState('');
  const [materialReason, setMaterialReason] = useState<string>('income');

  const questionnaire = useQuery({ queryKey: ['risk-questionnaire'], queryFn: riskApi.questionnaire });
  const profile = useQuery({ queryKey: ['risk-profile', customerId], queryFn: () => riskApi.profile(customerId) });
  const history = useQuery({ queryKey: ['risk-history', customerId], queryFn: () => riskApi.history(customerId) });
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ['risk-profile', customerId] });
    qc.invalidateQueries({ queryKey: ['risk-history', customerId] });
  };
  const presence = { channel, ...(signatureRef ? { signatureRef } : {}) };
  const submit = useMutation({
    mutationFn: (answers: Record<string, string>) =>
      riskApi.submit(customerId, { questionnaireId: questionnaire.data?.id ?? '', answers, ...presence }),
    onSuccess: () => {
      form.resetFields();
      refresh();
    },
  });
  const confirm = useMutation({
    mutationFn: (aid: string) => riskApi.confirm(customerId, aid, presence),
    onSuccess: refresh,
  });
  const material = useMutation({
    mutationFn: () => riskApi.materialChange(customerId, materialReason),
    onSuccess: refresh,
  });
  const error = submit.error ?? confirm.error ?? material.error;
  const p = profile.data;

  return (
    <Card title={t('risk.title')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {p && (
          <Space wrap>
            <Typography.Text strong>{p.level ?? p.lastLevel ?? '—'}</Typography.Text>
            <Tag color={statusColor[p.status]}>{t(`risk.status.${p.status}`)}</Tag>
            {p.expiresAt && (
              <Typography.Text type="secondary">{t('risk.expiresAt', { date: date(p.expiresAt) })}</Typography.Text>
            )}
          </Space>
        )}
        {p?.pendingAssessmentId && (
          <Alert
            type="warning"
            showIcon
            message={t('risk.reconfirmPrompt', { from: p.lastLevel ?? '—', to: p.pendingLevel ?? '—' })}
            action={
              <Button
                size="small"
                loading={confirm.isPending}
                onClick={() => confirm.mutate(p.pendingAssessmentId ?? '')}
              >
                {t('risk.reconfirm')}
              </Button>
            }
          />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            message={t(`errors.${(error as { code?: string }).code}`, { defaultValue: error.message })}
          />
        )}

        <Space wrap>
          <Select<Channel>
            value={channel}
            onChange={setChannel}
            options={(['branch', 'online_banking', 'mobile_banking'] as const).map((c) => ({
              value: c,
              label: t(`risk.channel.${c}`),
            }))}
          />
          {channel === 'branch' && (
            <Input
              placeholder={t('risk.signatureRef')}
              value={signatureRef}
              onChange={(e) => setSignatureRef(e.target.value)}
              style={{ width: 240 }}
            />
          )}
        </Space>

        {questionnaire.data && (
          <Form form={form} layout="vertical" onFinish={(values: Record<string, string>) => submit.mutate(values)}>
            <Typography.Title level={5}>{questionnaire.data.title[lang]}</Typography.Title>
            {questionnaire.data.questions.map((q, i) => (
              <Form.Item
                key={q.id}
                name={q.id}
                label={`${i + 1}. ${q.text[lang]}`}
                rules={[{ required: true, message: t('risk.answerRequired') }]}
              >
                <Radio.Group>
                  <Space direction="vertical">
                    {q.options.map((o) => (
                      <Radio key={o.id} value={o.id}>
                        {o.label[lang]}
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              </Form.Item>
            ))}
            <Button type="primary" htmlType="submit" loading={submit.isPending}>
              {t('risk.submit')}
            </Button>
          </Form>
        )}

        <Space wrap>
          <Select
            value={materialReason}
            onChange={setMaterialReason}
            options={materialReasons.map((r) => ({ value: r, label: t(`risk.materialReason.${r}`) }))}
          />
          <Button danger loading={material.isPending} onClick={() => material.mutate()}>
            {t('risk.materialChange')}
          </Button>
        </Space>

        <Table<Assessment>
          size="small"
          rowKey="id"
          loading={history.isLoading}
          dataSource={history.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('risk.col.assessedAt'), dataIndex: 'assessedAt', render: (v: string) => date(v) },
            { title: t('risk.col.level'), dataIndex: 'level' },
            { title: t('risk.col.score'), dataIndex: 'score' },
            {
              title: t('risk.col.status'),
              dataIndex: 'status',
              render: (v: string) => t(`risk.assessmentStatus.${v}`),
            },
            { title: t('risk.col.channel'), dataIndex: 'channel', render: (v: string) => t(`risk.channel.${v}`) },
            { title: t('risk.col.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => date(v) },
          ]}
        />
      </Space>
    </Card>
  );
}
