import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Drawer, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth/useCurrentUser';
import { keys, marketingApi, type Preview, type Template, type TemplateInput } from './marketingApi';

const statusColor: Record<string, string> = {
  draft: 'default',
  pending: 'blue',
  approved: 'green',
  rejected: 'red',
  retired: 'default',
};
const empty: TemplateInput = {
  code: '',
  name: '',
  kind: 'marketing',
  channel: 'sms',
  subjectZh: '',
  bodyZh: '',
  subjectEn: '',
  bodyEn: '',
};

/** Message templates: the editor with live preview and lint, submit, and approval by another person (MKT-10). */
export function TemplatesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const canWrite = user.permissions.includes('messaging:write');
  const canApprove = user.permissions.includes('templates:approve');
  const list = useQuery({ queryKey: keys.templates, queryFn: marketingApi.templates });
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [form] = Form.useForm<TemplateInput>();
  const done = () => void qc.invalidateQueries({ queryKey: keys.templates });
  const onError = (e: Error) => void message.error(e.message);
  const save = useMutation({
    mutationFn: (v: TemplateInput) =>
      editing && editing !== 'new' ? marketingApi.updateTemplate(editing.id, v) : marketingApi.createTemplate(v),
    onSuccess: (tpl) => {
      done();
      setEditing(tpl);
      void message.success(t('marketing.templates.saved'));
    },
    onError,
  });
  const action = useMutation({
    mutationFn: (a: { id: string; kind: 'submit' | 'approve' | 'reject' | 'retire'; note?: string }) =>
      a.kind === 'submit'
        ? marketingApi.submit(a.id)
        : a.kind === 'retire'
          ? marketingApi.retire(a.id)
          : marketingApi.review(a.id, a.kind, a.note ?? ''),
    onSuccess: () => {
      done();
      setEditing(null);
    },
    onError,
  });
  const runPreview = async () => {
    const v = form.getFieldsValue();
    try {
      setPreview(await marketingApi.preview({ ...empty, ...v }, {}));
    } catch (e) {
      onError(e as Error);
    }
  };
  const open = (tpl: Template | 'new') => {
    setEditing(tpl);
    setPreview(null);
    form.setFieldsValue(tpl === 'new' ? empty : tpl);
  };
  const current = editing && editing !== 'new' ? editing : null;
  const editable = !current || current.status === 'draft' || current.status === 'rejected';
  return (
    <Card
      title={t('marketing.templates.title')}
      extra={
        canWrite && (
          <Button type="primary" onClick={() => open('new')}>
            {t('marketing.templates.new')}
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        onRow={(r) => ({ onClick: () => open(r) })}
        columns={[
          { title: t('marketing.templates.code'), dataIndex: 'code' },
          { title: t('marketing.templates.name'), dataIndex: 'name' },
          { title: t('marketing.templates.kind'), dataIndex: 'kind', render: (v: string) => t(`marketing.kinds.${v}`) },
          {
            title: t('marketing.templates.channel'),
            dataIndex: 'channel',
            render: (v: string) => t(`marketing.channels.${v}`),
          },
          {
            title: t('marketing.templates.status'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={statusColor[v]}>{t(`marketing.templateStatus.${v}`)}</Tag>,
          },
          { title: t('marketing.templates.version'), dataIndex: 'version' },
        ]}
      />
      <Drawer
        open={editing !== null}
        width={880}
        onClose={() => setEditing(null)}
        title={current ? `${current.name} (v${current.version})` : t('marketing.templates.new')}
      >
        {current?.authorId === user.id && current.status === 'pending' && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('marketing.templates.ownPending')} />
        )}
        <Row gutter={16}>
          <Col span={14}>
            <Form
              form={form}
              layout="vertical"
              disabled={!canWrite || !editable}
              onFinish={(v) => save.mutate({ ...empty, ...v })}
            >
              <Space>
                <Form.Item name="code" label={t('marketing.templates.code')} rules={[{ required: true }]}>
                  <Input maxLength={64} />
                </Form.Item>
                <Form.Item name="name" label={t('marketing.templates.name')} rules={[{ required: true }]}>
                  <Input maxLength={100} />
                </Form.Item>
              </Space>
              <Space>
                <Form.Item name="kind" label={t('marketing.templates.kind')}>
                  <Select
                    style={{ width: 140 }}
                    options={(['marketing', 'care', 'service'] as const).map((k) => ({
                      value: k,
                      label: t(`marketing.kinds.${k}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item name="channel" label={t('marketing.templates.channel')}>
                  <Select
                    style={{ width: 140 }}
                    options={(['sms', 'email', 'wechat', 'app'] as const).map((k) => ({
                      value: k,
                      label: t(`marketing.channels.${k}`),
                    }))}
                  />
                </Form.Item>
              </Space>
              <Form.Item name="subjectZh" label={t('marketing.templates.subjectZh')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item
                name="bodyZh"
                label={t('marketing.templates.bodyZh')}
                rules={[{ required: true }]}
                extra={t('marketing.templates.variablesHint', { title: '{{title}}', name: '{{name}}' })}
              >
                <Input.TextArea rows={4} maxLength={2000} />
              </Form.Item>
              <Form.Item name="subjectEn" label={t('marketing.templates.subjectEn')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="bodyEn" label={t('marketing.templates.bodyEn')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Space>
                <Button onClick={runPreview} disabled={false}>
                  {t('marketing.templates.preview')}
                </Button>
                {canWrite && editable && (
                  <Button type="primary" htmlType="submit" loading={save.isPending}>
                    {t('marketing.templates.save')}
                  </Button>
                )}
              </Space>
            </Form>
            <Space style={{ marginTop: 16 }}>
              {current && canWrite && current.status === 'draft' && (
                <Button onClick={() => action.mutate({ id: current.id, kind: 'submit' })}>
                  {t('marketing.templates.submit')}
                </Button>
              )}
              {current && canApprove && current.status === 'pending' && current.authorId !== user.id && (
                <>
                  <Button type="primary" onClick={() => action.mutate({ id: current.id, kind: 'approve' })}>
                    {t('marketing.templates.approve')}
                  </Button>
                  <Button
                    danger
                    onClick={() =>
                      action.mutate({ id: current.id, kind: 'reject', note: t('marketing.templates.rejectNote') })
                    }
                  >
                    {t('marketing.templates.reject')}
                  </Button>
                </>
              )}
              {current && canWrite && current.status !== 'retired' && (
                <Button onClick={() => action.mutate({ id: current.id, kind: 'retire' })}>
                  {t('marketing.templates.retire')}
                </Button>
              )}
            </Space>
          </Col>
          <Col span={10}>
            <Card size="small" title={t('marketing.templates.previewTitle')} data-testid="template-preview">
              {preview ? (
                <Space direction="vertical">
                  <Typography.Text strong>{preview.zh.subject}</Typography.Text>
                  <Typography.Paragraph>{preview.zh.body}</Typography.Paragraph>
                  {preview.en && <Typography.Paragraph type="secondary">{preview.en.body}</Typography.Paragraph>}
                  <Tag>{t(`marketing.kinds.${preview.kind}`)}</Tag>
                  {preview.lint.map((l) => (
                    <Alert
                      key={`${l.rule}-${l.field}-${l.message}`}
                      type={l.blocking ? 'error' : 'warning'}
                      showIcon
                      message={`${l.rule} · ${l.field}: ${l.message}`}
                    />
                  ))}
                  {preview.lint.length === 0 && (
                    <Alert type="success" showIcon message={t('marketing.templates.lintClean')} />
                  )}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('marketing.templates.previewHint')}</Typography.Text>
              )}
            </Card>
            {current?.reviewNote && <Alert style={{ marginTop: 12 }} type="info" message={current.reviewNote} />}
          </Col>
        </Row>
      </Drawer>
    </Card>
  );
}
