import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Switch, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, type Cover } from '../adminApi';
import { adminErrorText } from '../shared/errors';
import { useFormat } from '../shared/format';
import { StaffSelect } from '../shared/StaffSelect';

type Values = { covererId: string; coveredId: string; startsAt?: Dayjs; expiresAt: Dayjs; reason: string };

const candidates = (q: string | undefined) => adminApi.coverStaff(q);

function NewCoverModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const create = useMutation({
    mutationFn: (v: Values) =>
      adminApi.createCover({
        covererId: v.covererId,
        coveredId: v.coveredId,
        ...(v.startsAt ? { startsAt: v.startsAt.toISOString() } : {}),
        expiresAt: v.expiresAt.toISOString(),
        reason: v.reason.trim(),
      }),
    onSuccess: () => {
      message.success(t('admin.covers.created'));
      void queryClient.invalidateQueries({ queryKey: adminKeys.covers });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('admin.covers.create')}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {create.error && (
        <Alert type="error" showIcon title={adminErrorText(t, create.error)} style={{ marginBottom: 16 }} />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="coveredId"
          label={t('admin.covers.covered')}
          rules={[{ required: true, message: t('admin.covers.coveredRequired') }]}
        >
          <StaffSelect source="cover-staff" search={candidates} ariaLabel={t('admin.covers.covered')} />
        </Form.Item>
        <Form.Item
          name="covererId"
          label={t('admin.covers.coverer')}
          dependencies={['coveredId']}
          rules={[
            { required: true, message: t('admin.covers.covererRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value && value === getFieldValue('coveredId')
                  ? Promise.reject(new Error(t('admin.covers.sameUser')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <StaffSelect source="cover-staff" search={candidates} ariaLabel={t('admin.covers.coverer')} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="startsAt" label={t('admin.covers.startsAt')} extra={t('admin.covers.startsAtHint')}>
            <DatePicker showTime />
          </Form.Item>
          <Form.Item
            name="expiresAt"
            label={t('admin.covers.expiresAt')}
            dependencies={['startsAt']}
            rules={[
              { required: true, message: t('admin.covers.expiresRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | undefined) => {
                  const start: Dayjs | undefined = getFieldValue('startsAt');
                  return value && start && !value.isAfter(start)
                    ? Promise.reject(new Error(t('admin.covers.endAfterStart')))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker showTime />
          </Form.Item>
        </Flex>
        <Form.Item
          name="reason"
          label={t('admin.covers.reason')}
          rules={[{ required: true, whitespace: true, message: t('admin.covers.reasonRequired') }]}
        >
          <Input maxLength={500} placeholder={t('admin.covers.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const person = (p: Cover['coverer'], id: string) => (p ? `${p.displayName}（${p.username}）` : id);

/** RM covers (DS-05): a colleague sees a book until a date; arrange and end them. */
export function CoversTab() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const [activeOnly, setActiveOnly] = useState(true);
  const [creating, setCreating] = useState(false);
  const covers = useQuery({ queryKey: [...adminKeys.covers, activeOnly], queryFn: () => adminApi.covers(activeOnly) });
  const end = useMutation({
    mutationFn: (c: Cover) => adminApi.endCover(c.id),
    onSuccess: () => {
      message.success(t('admin.covers.ended'));
      void queryClient.invalidateQueries({ queryKey: adminKeys.covers });
    },
    onError: (e) => message.error(adminErrorText(t, e)),
  });
  const now = new Date();

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12}>
        <Switch checked={activeOnly} onChange={setActiveOnly} aria-label={t('admin.covers.activeOnly')} />
        <Typography.Text>{t('admin.covers.activeOnly')}</Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => setCreating(true)}
          style={{ marginLeft: 'auto' }}
        >
          {t('admin.covers.create')}
        </Button>
      </Flex>
      {covers.error && <Alert type="error" showIcon title={adminErrorText(t, covers.error)} />}
      <Table<Cover>
        rowKey="id"
        size="middle"
        loading={covers.isLoading}
        dataSource={covers.data ?? []}
        pagination={false}
        locale={{ emptyText: t('admin.covers.none') }}
        columns={[
          { title: t('admin.covers.covered'), key: 'covered', render: (_, c) => person(c.covered, c.coveredId) },
          { title: t('admin.covers.coverer'), key: 'coverer', render: (_, c) => person(c.coverer, c.covererId) },
          { title: t('admin.covers.startsAt'), dataIndex: 'startsAt', render: fmt.dateTime },
          { title: t('admin.covers.expiresAt'), dataIndex: 'expiresAt', render: fmt.dateTime },
          { title: t('admin.covers.reason'), dataIndex: 'reason' },
          {
            title: t('admin.covers.state'),
            key: 'state',
            render: (_, c) => {
              const state =
                c.endedAt || new Date(c.expiresAt) <= now ? 'ended' : new Date(c.startsAt) > now ? 'planned' : 'active';
              return (
                <Tag color={state === 'active' ? 'green' : state === 'planned' ? 'blue' : 'default'}>
                  {t(`admin.covers.stateValue.${state}`)}
                </Tag>
              );
            },
          },
          {
            title: t('admin.common.actions'),
            key: 'actions',
            render: (_, c) =>
              c.endedAt || new Date(c.expiresAt) <= now ? null : (
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: t('admin.covers.endTitle'),
                      content: t('admin.covers.endText', {
                        coverer: person(c.coverer, c.covererId),
                        covered: person(c.covered, c.coveredId),
                      }),
                      okText: t('admin.covers.end'),
                      okButtonProps: { danger: true },
                      cancelText: t('admin.common.cancel'),
                      onOk: () => end.mutateAsync(c),
                    })
                  }
                >
                  {t('admin.covers.end')}
                </Button>
              ),
          },
        ]}
      />
      {creating && <NewCoverModal onClose={() => setCreating(false)} />}
    </Flex>
  );
}
