import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from './format';
import { type Task, workbenchApi } from './workbenchApi';

const priorityColor: Record<Task['priority'], string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

/** Complete a task with outcome notes (required by the server too). */
export function CompleteTaskModal({
  task,
  onClose,
  onDone,
}: {
  task: Task | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ outcomeNotes: string }>();
  const complete = useMutation({
    mutationFn: (v: { outcomeNotes: string }) => workbenchApi.completeTask(task?.id ?? '', v.outcomeNotes),
    onSuccess: () => {
      form.resetFields();
      onDone();
      onClose();
    },
  });
  return (
    <Modal
      open={task !== null}
      title={t('workbench.task.completeTitle')}
      okText={t('workbench.task.complete')}
      onOk={() => form.submit()}
      confirmLoading={complete.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph strong>{task?.title}</Typography.Paragraph>
      {complete.error && (
        <Alert
          type="error"
          showIcon
          message={t(`errors.${(complete.error as { code?: string }).code}`, { defaultValue: complete.error.message })}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => complete.mutate(v)}>
        <Form.Item
          name="outcomeNotes"
          label={t('workbench.task.outcome')}
          rules={[{ required: true, whitespace: true, message: t('workbench.task.outcomeRequired') }]}
        >
          <Input.TextArea rows={3} placeholder={t('workbench.task.outcomePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Tasks with their customer, due time, priority and a complete action. */
export function TaskList({
  tasks,
  showCustomer = true,
  onChanged,
  testId,
}: {
  tasks: Task[];
  showCustomer?: boolean;
  onChanged?: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [completing, setCompleting] = useState<Task | null>(null);
  if (tasks.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.empty')} />;
  return (
    <>
      <List
        data-testid={testId}
        size="small"
        dataSource={tasks}
        renderItem={(task) => {
          const open = task.status === 'open' || task.status === 'in_progress';
          return (
            <List.Item
              actions={
                open
                  ? [
                      <Button key="complete" size="small" type="link" onClick={() => setCompleting(task)}>
                        {t('workbench.task.complete')}
                      </Button>,
                    ]
                  : [<Tag key="status">{t(`workbench.task.status.${task.status}`)}</Tag>]
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <span data-testid="task-title">{task.title}</span>
                    <Tag color={priorityColor[task.priority]}>{t(`workbench.task.priority.${task.priority}`)}</Tag>
                    {task.overdue && <Tag color="red">{t('workbench.task.overdue')}</Tag>}
                    {task.escalatedAt && <Tag color="volcano">{t('workbench.task.escalated')}</Tag>}
                  </Space>
                }
                description={
                  <Space wrap size={12}>
                    {showCustomer && (
                      <Link to={`/workbench/customers/${task.customerId}/log`}>{task.customerName}</Link>
                    )}
                    <span>{t('workbench.task.due', { date: f.dateTime(task.dueAt) })}</span>
                    {task.outcomeNotes && <span>{task.outcomeNotes}</span>}
                  </Space>
                }
              />
            </List.Item>
          );
        }}
      />
      <CompleteTaskModal
        task={completing}
        onClose={() => setCompleting(null)}
        onDone={() => {
          void qc.invalidateQueries({ queryKey: ['workbench'] });
          if (completing) {
            void qc.invalidateQueries({ queryKey: ['customer-tasks', completing.customerId] });
            void qc.invalidateQueries({ queryKey: ['customer-timeline', completing.customerId] });
          }
          onChanged?.();
        }}
      />
    </>
  );
}
