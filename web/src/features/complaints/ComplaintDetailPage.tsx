import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCurrentUser } from '../../app/auth/useCurrentUser';
import { complaintsApi, keys, outcomes, responses, rootCauses } from './complaintsApi';
import { clockColor, useFormat, yuanToFen } from './format';

type Step =
  | 'assign'
  | 'start'
  | 'propose'
  | 'revise'
  | 'resolve'
  | 'respond'
  | 'close'
  | 'reopen'
  | 'withdraw'
  | 'extend'
  | 'new-facts'
  | 'duplicate'
  | 'review'
  | 'corrective-action/complete';

const label: Record<Step, string> = {
  assign: 'assign',
  start: 'start',
  propose: 'propose',
  revise: 'revise',
  resolve: 'resolve',
  respond: 'respond',
  close: 'close',
  reopen: 'reopen',
  withdraw: 'withdraw',
  extend: 'extend',
  'new-facts': 'newFacts',
  duplicate: 'duplicate',
  review: 'review',
  'corrective-action/complete': 'correctiveDone',
};

/** One complaint: its clock, details, history, attachments, and the workflow actions allowed now. */
export function ComplaintDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [step, setStep] = useState<Step | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [form] = Form.useForm();
  const me = useCurrentUser();
  const q = useQuery({ queryKey: keys.one(id), queryFn: () => complaintsApi.get(id) });
  const act = useMutation({
    mutationFn: async (v: Record<string, string | undefined>) => {
      if (!step) return;
      const clean = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
      if (step === 'extend') {
        const r = await complaintsApi.extend(id, String(clean.reason ?? ''));
        if (r.approvalId) setNotice(t('complaints.actions.approvalRequested'));
        return;
      }
      if (step === 'propose' && clean.remedyAmount !== undefined) {
        clean.remedyAmountMinor = yuanToFen(String(clean.remedyAmount)) as unknown as string;
        delete clean.remedyAmount;
      }
      if (step === 'close' && clean.correctiveDueAt)
        clean.correctiveDueAt = new Date(String(clean.correctiveDueAt)).toISOString();
      await complaintsApi.step(id, step, clean);
    },
    onSuccess: async () => {
      setStep(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['complaints'] });
    },
  });
  const c = q.data;
  if (q.isError) return <Alert type="error" message={(q.error as Error).message} />;
  if (!c) return <Card loading />;
  const allowed = new Set<string>(c.allowedActions);
  const open = ['received', 'acknowledged', 'assigned', 'investigating', 'proposed'].includes(c.status);
  const buttons: Step[] = [
    ...(['assign', 'start', 'propose', 'revise', 'resolve', 'respond', 'close', 'reopen', 'withdraw'] as const).filter(
      (a) => allowed.has(a),
    ),
    ...(open ? (['extend', 'new-facts', 'duplicate'] as Step[]) : []),
    ...(c.decidedAt ? (['review'] as Step[]) : []),
    ...(c.correctiveAction && !c.correctiveDoneAt ? (['corrective-action/complete'] as Step[]) : []),
  ];
  const note = (name = 'note', required = false) => (
    <Form.Item
      name={name}
      label={t(name === 'reason' ? 'complaints.detail.reason' : 'complaints.detail.note')}
      rules={[{ required }]}
    >
      <Input.TextArea rows={3} data-testid={`action-${name}`} />
    </Form.Item>
  );
  const fields: Record<Step, React.ReactNode> = {
    assign: (
      <>
        <Form.Item label={t('complaints.actions.handlerId')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="handlerId" noStyle rules={[{ required: true }]}>
              <Input data-testid="action-handler" />
            </Form.Item>
            <Button data-testid="assign-me" onClick={() => form.setFieldsValue({ handlerId: me.id })}>
              {t('complaints.actions.assignToMe', { name: me.displayName })}
            </Button>
          </Space.Compact>
        </Form.Item>
        {note()}
      </>
    ),
    start: note(),
    propose: (
      <>
        <Form.Item name="outcome" label={t('complaints.actions.outcome')} rules={[{ required: true }]}>
          <Select
            data-testid="action-outcome"
            options={outcomes.map((o) => ({ value: o, label: t(`complaints.outcomes.${o}`) }))}
          />
        </Form.Item>
        <Form.Item name="remedy" label={t('complaints.detail.remedy')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="remedyAmount" label={t('complaints.actions.remedyAmount')}>
          <Input inputMode="decimal" />
        </Form.Item>
        {note()}
      </>
    ),
    revise: note(),
    resolve: note(),
    respond: (
      <>
        <Form.Item name="response" label={t('complaints.actions.response')} rules={[{ required: true }]}>
          <Select
            data-testid="action-response"
            options={responses.map((o) => ({ value: o, label: t(`complaints.responses.${o}`) }))}
          />
        </Form.Item>
        {note()}
      </>
    ),
    close: (
      <>
        <Form.Item name="rootCause" label={t('complaints.detail.rootCause')} rules={[{ required: true }]}>
          <Select
            data-testid="action-root-cause"
            options={rootCauses.map((o) => ({ value: o, label: t(`complaints.rootCauses.${o}`) }))}
          />
        </Form.Item>
        <Form.Item name="correctiveAction" label={t('complaints.detail.corrective')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="correctiveOwnerId" label={t('complaints.actions.correctiveOwner')}>
          <Input />
        </Form.Item>
        <Form.Item name="correctiveDueAt" label={t('complaints.actions.correctiveDue')}>
          <Input type="date" />
        </Form.Item>
        {note()}
      </>
    ),
    reopen: note('note', true),
    withdraw: note('note', true),
    extend: note('reason', true),
    'new-facts': note('note', true),
    duplicate: (
      <>
        <Form.Item name="originalId" label={t('complaints.actions.originalId')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        {note()}
      </>
    ),
    review: note('reason', true),
    'corrective-action/complete': note(),
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Link to="/complaints">{t('complaints.detail.back')}</Link>
      {notice && <Alert type="info" showIcon message={notice} closable onClose={() => setNotice(null)} />}
      <Card
        title={
          <Space>
            <span data-testid="complaint-reference">{c.reference}</span>
            <Tag data-testid="complaint-status">{t(`complaints.statuses.${c.status}`)}</Tag>
            <Tag color={clockColor[c.clockState]}>{t(`complaints.clock.${c.clockState}`)}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {buttons.map((b) => (
              <Button key={b} data-testid={`action-${b}`} onClick={() => setStep(b)}>
                {t(`complaints.actions.${label[b]}`)}
              </Button>
            ))}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('complaints.board.columns.customer')}>
            {c.customerId ? (
              <Link to={`/customers/${c.customerId}`}>{c.customerName}</Link>
            ) : (
              (c.complainantName ?? t('complaints.anonymous'))
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.board.columns.unit')}>{c.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.board.columns.category')}>
            {t(`complaints.categories.${c.category}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.board.columns.channel')}>
            {t(`complaints.channels.${c.channel}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.detail.received')}>{f.dateTime(c.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.detail.due')}>
            <span data-testid="complaint-due">{f.date(c.dueDate)}</span> ({c.profile})
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.detail.extension')}>
            {(t('complaints.detail.extensionLevels', { returnObjects: true }) as string[])[c.extensionLevel]}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.detail.handler')}>{c.handlerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.form.severity')}>
            {t(`complaints.severities.${c.severity}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.detail.amount')}>
            {f.money(c.amountMinor, c.currency)}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.form.desiredRemedy')}>{c.desiredRemedy ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.actions.outcome')}>
            {c.outcome
              ? `${t(`complaints.outcomes.${c.outcome}`)} ${c.remedy ?? ''} ${c.remedyAmountMinor !== null ? f.money(c.remedyAmountMinor, c.currency) : ''}`
              : '—'}
          </Descriptions.Item>
          {c.rootCause && (
            <Descriptions.Item label={t('complaints.detail.rootCause')}>
              {t(`complaints.rootCauses.${c.rootCause}`)}
            </Descriptions.Item>
          )}
          {c.correctiveAction && (
            <Descriptions.Item label={t('complaints.detail.corrective')}>
              {c.correctiveAction}{' '}
              {c.correctiveDoneAt ? `✓ ${f.dateTime(c.correctiveDoneAt)}` : `(${f.dateTime(c.correctiveDueAt)})`}
            </Descriptions.Item>
          )}
          {c.duplicateOfId && (
            <Descriptions.Item label={t('complaints.detail.duplicateOf')}>
              <Link to={`/complaints/${c.duplicateOfId}`}>{c.duplicateOfId}</Link>
            </Descriptions.Item>
          )}
          {c.reviewOfId && (
            <Descriptions.Item label={t('complaints.detail.reviewOf')}>
              <Link to={`/complaints/${c.reviewOfId}`}>{c.reviewOfId}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Typography.Paragraph>
        {c.acknowledgement && (
          <Alert type="success" message={t('complaints.detail.acknowledgement')} description={c.acknowledgement} />
        )}
        {c.possibleRepeats.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            message={t('complaints.detail.repeats')}
            description={c.possibleRepeats.map((r) => (
              <Link key={r.id} to={`/complaints/${r.id}`} style={{ marginRight: 12 }}>
                {r.reference} ({t(`complaints.statuses.${r.status}`)})
              </Link>
            ))}
          />
        )}
      </Card>
      <Card title={t('complaints.detail.history')}>
        <Timeline
          items={c.history.map((h) => ({
            children: (
              <Space direction="vertical" size={0}>
                <span>
                  {t(`complaints.statuses.${h.toStatus}`)} · {h.action} · {h.actorName ?? h.actorId} ·{' '}
                  {f.dateTime(h.at)}
                </span>
                {h.note && (
                  <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                    {h.note}
                  </Typography.Text>
                )}
              </Space>
            ),
          }))}
        />
      </Card>
      <Card
        title={t('complaints.detail.attachments')}
        extra={
          <Upload
            showUploadList={false}
            beforeUpload={async (file) => {
              await complaintsApi.attach(id, file);
              await qc.invalidateQueries({ queryKey: keys.one(id) });
              return false;
            }}
          >
            <Button>{t('complaints.detail.upload')}</Button>
          </Upload>
        }
      >
        {c.attachments.map((a) => (
          <div key={a.id}>
            <a href={`/api/complaints/${c.id}/attachments/${a.id}`}>{a.fileName}</a> · {a.mimeType} ·{' '}
            {Math.ceil(a.sizeBytes / 1024)} KB
          </div>
        ))}
      </Card>
      <Modal
        open={step !== null}
        title={step ? t(`complaints.actions.${label[step]}`) : ''}
        onCancel={() => setStep(null)}
        okText={t('complaints.detail.confirm')}
        okButtonProps={{ loading: act.isPending, id: 'action-confirm' }}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {act.isError && (
          <Alert type="error" showIcon message={(act.error as Error).message} style={{ marginBottom: 12 }} />
        )}
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)} preserve={false}>
          {step && fields[step]}
        </Form>
      </Modal>
    </Space>
  );
}
