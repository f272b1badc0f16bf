import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../app/auth/useCurrentUser';
import { type Approval, adminApi, adminKeys } from '../adminApi';
import { adminErrorText } from '../shared/errors';
import { useFormat } from '../shared/format';

type Decision = { approval: Approval; approve: boolean };

function DecideModal({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ comment: string }>();
  const { approval, approve } = decision;
  const decide = useMutation({
    mutationFn: (comment: string) =>
      approve ? adminApi.approve(approval.id, comment) : adminApi.reject(approval.id, comment),
    onSuccess: () => {
      message.success(t(approve ? 'admin.approvals.approved' : 'admin.approvals.rejected'));
      void queryClient.invalidateQueries({ queryKey: adminKeys.approvals });
      void queryClient.invalidateQueries({ queryKey: adminKeys.users });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t(approve ? 'admin.approvals.approveTitle' : 'admin.approvals.rejectTitle')}
      okText={t(approve ? 'admin.approvals.approve' : 'admin.approvals.reject')}
      okButtonProps={{ danger: !approve }}
      cancelText={t('admin.common.cancel')}
      confirmLoading={decide.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{approval.summary}</Typography.Paragraph>
      {decide.error && (
        <Alert type="error" showIcon title={adminErrorText(t, decide.error)} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => decide.mutate(v.comment.trim())}>
        <Form.Item
          name="comment"
          label={t('admin.approvals.comment')}
          rules={[{ required: true, whitespace: true, message: t('admin.approvals.commentRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Pending maker-checker requests (AUD-03): approve or reject another user's request with a comment. */
export function ApprovalsTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const fmt = useFormat();
  const approvals = useQuery({ queryKey: adminKeys.approvals, queryFn: adminApi.approvals });
  const [decision, setDecision] = useState<Decision | null>(null);

  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon title={t('admin.approvals.hint')} />
      {approvals.error && <Alert type="error" showIcon title={adminErrorText(t, approvals.error)} />}
      <Table<Approval>
        rowKey="id"
        size="middle"
        loading={approvals.isLoading}
        dataSource={approvals.data ?? []}
        pagination={false}
        locale={{ emptyText: t('admin.approvals.none') }}
        columns={[
          { title: t('admin.approvals.createdAt'), dataIndex: 'createdAt', render: fmt.dateTime },
          {
            title: t('admin.approvals.action'),
            dataIndex: 'action',
            render: (a: string) => (
              <Tag color="gold">{t(`admin.approvals.actionName.${a.replace('.', '_')}`, { defaultValue: a })}</Tag>
            ),
          },
          { title: t('admin.approvals.summary'), dataIndex: 'summary' },
          {
            title: t('admin.approvals.maker'),
            key: 'maker',
            render: (_, a) => (a.maker ? `${a.maker.displayName}（${a.maker.username}）` : a.makerId),
          },
          {
            title: t('admin.common.actions'),
            key: 'actions',
            render: (_, a) => {
              // AUD-03: the maker cannot decide their own request (the server refuses it too)
              const own = a.makerId === me.id;
              const buttons = (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    icon={<CheckOutlined aria-hidden />}
                    disabled={own}
                    onClick={() => setDecision({ approval: a, approve: true })}
                  >
                    {t('admin.approvals.approve')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    icon={<CloseOutlined aria-hidden />}
                    disabled={own}
                    onClick={() => setDecision({ approval: a, approve: false })}
                  >
                    {t('admin.approvals.reject')}
                  </Button>
                </Space>
              );
              return own ? <Tooltip title={t('admin.approvals.ownRequest')}>{buttons}</Tooltip> : buttons;
            },
          },
        ]}
      />
      {decision && <DecideModal decision={decision} onClose={() => setDecision(null)} />}
    </Flex>
  );
}
