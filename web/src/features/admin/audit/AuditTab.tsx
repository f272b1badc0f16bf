import { SearchOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Card, DatePicker, Flex, Form, Input, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditQuery, type AuditRecord, adminApi, adminKeys } from '../adminApi';
import { adminErrorText } from '../shared/errors';
import { useFormat } from '../shared/format';
import { StaffSelect } from '../shared/StaffSelect';
import { useCan } from '../shared/useCan';
import { AuditDetailDrawer } from './AuditDetailDrawer';
import { VerifyChain } from './VerifyChain';

type Filters = {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  customer?: string;
  requestId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
};

// suggestions only: any action or prefix (`customer.*`) may be typed
const actionSuggestions = [
  'user.*',
  'user.create',
  'user.update',
  'user.disable',
  'user.password_reset',
  'role.*',
  'approval.*',
  'auth.login',
  'auth.login_failed',
  'session.terminate',
  'token.*',
  'unit.create',
  'cover.*',
  'customer.*',
];
const subjectTypes = ['user', 'role', 'approval', 'unit', 'session', 'token', 'customer'];
const actionPattern = /^[a-z0-9_.]+(\.\*)?$/;
const pageSize = 50;

/** Filters as the API takes them; empty fields are left out. */
export function toAuditQuery(f: Filters): AuditQuery {
  const q: AuditQuery = {};
  const text = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  const put = <K extends keyof AuditQuery>(k: K, v: AuditQuery[K] | undefined) => {
    if (v !== undefined) q[k] = v;
  };
  put('actor', f.actor);
  put('action', text(f.action));
  put('subjectType', text(f.subjectType));
  put('subjectId', text(f.subjectId));
  put('customer', text(f.customer));
  put('requestId', text(f.requestId));
  put('from', f.range?.[0]?.toISOString());
  put('to', f.range?.[1]?.toISOString());
  return q;
}

const searchActors = (q: string | undefined) => adminApi.auditActors({ q });

/** The audit log for auditors and compliance (AUD-01): filters, keyset pages, details, chain verification. */
export function AuditTab() {
  const { t } = useTranslation();
  const can = useCan();
  const fmt = useFormat();
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<AuditQuery>({});
  const [open, setOpen] = useState<AuditRecord | null>(null);

  const results = useInfiniteQuery({
    queryKey: [...adminKeys.audit, query],
    queryFn: ({ pageParam }) =>
      adminApi.audit({ ...query, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const records = results.data?.pages.flatMap((p) => p.items) ?? [];
  const actorIds = [...new Set(records.map((r) => r.actorId))].sort();
  const actors = useQuery({
    queryKey: ['audit-actors', actorIds],
    queryFn: () => adminApi.auditActors({ ids: actorIds }),
    enabled: actorIds.length > 0,
    staleTime: 300_000,
  });
  const names = new Map((actors.data ?? []).map((a) => [a.id, `${a.displayName}（${a.username}）`]));
  const actorName = (id: string) =>
    names.get(id) ?? (id === 'system' ? t('admin.audit.system') : id === 'cli' ? t('admin.audit.cli') : id);

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Form<Filters> form={form} layout="inline" onFinish={(f) => setQuery(toAuditQuery(f))} style={{ rowGap: 12 }}>
          <Form.Item name="actor" label={t('admin.audit.actor')}>
            <StaffSelect source="audit-actors" search={searchActors} ariaLabel={t('admin.audit.actor')} />
          </Form.Item>
          <Form.Item
            name="action"
            label={t('admin.audit.action')}
            rules={[{ pattern: actionPattern, message: t('admin.audit.actionHint') }]}
          >
            <AutoComplete
              options={actionSuggestions.map((a) => ({ value: a }))}
              placeholder="user.create / customer.*"
              aria-label={t('admin.audit.action')}
              style={{ width: 200 }}
              showSearch={{
                filterOption: (input, option) => String(option?.value ?? '').startsWith(input.trim()),
              }}
            />
          </Form.Item>
          <Form.Item name="subjectType" label={t('admin.audit.subjectType')}>
            <AutoComplete
              options={subjectTypes.map((s) => ({ value: s }))}
              aria-label={t('admin.audit.subjectType')}
              style={{ width: 130 }}
            />
          </Form.Item>
          <Form.Item name="subjectId" label={t('admin.audit.subjectId')}>
            <Input aria-label={t('admin.audit.subjectId')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="customer" label={t('admin.audit.customer')}>
            <Input aria-label={t('admin.audit.customer')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="requestId" label={t('admin.audit.requestId')}>
            <Input aria-label={t('admin.audit.requestId')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="range" label={t('admin.audit.range')}>
            <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
                {t('admin.audit.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setQuery({});
                }}
              >
                {t('admin.audit.reset')}
              </Button>
            </Flex>
          </Form.Item>
        </Form>
      </Card>
      {can('audit:verify') && <VerifyChain />}
      {results.error && <Alert type="error" showIcon title={adminErrorText(t, results.error)} />}
      <Table<AuditRecord>
        rowKey="id"
        size="small"
        loading={results.isLoading}
        dataSource={records}
        pagination={false}
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        locale={{ emptyText: t('admin.audit.none') }}
        columns={[
          { title: t('admin.audit.seq'), dataIndex: 'seq', width: 80 },
          { title: t('admin.audit.at'), dataIndex: 'at', render: fmt.dateTime },
          { title: t('admin.audit.actor'), dataIndex: 'actorId', render: actorName },
          { title: t('admin.audit.action'), dataIndex: 'action', render: (a: string) => <Tag>{a}</Tag> },
          {
            title: t('admin.audit.subject'),
            key: 'subject',
            render: (_, r) => (
              <span>
                {r.subjectType} <code style={{ fontSize: 12 }}>{r.subjectId}</code>
              </span>
            ),
          },
          { title: t('admin.audit.customer'), dataIndex: 'customerId', render: (v: string | null) => v ?? '—' },
          {
            title: t('admin.audit.requestId'),
            dataIndex: 'requestId',
            render: (v: string | null) => (v ? <code style={{ fontSize: 12 }}>{v}</code> : '—'),
          },
          {
            title: '',
            key: 'open',
            render: (_, r) => (
              <Button
                type="link"
                size="small"
                onClick={(e) => {
                  e.stopPropagation();
                  setOpen(r);
                }}
              >
                {t('admin.audit.details')}
              </Button>
            ),
          },
        ]}
      />
      {results.hasNextPage && (
        <Button
          onClick={() => void results.fetchNextPage()}
          loading={results.isFetchingNextPage}
          style={{ alignSelf: 'center' }}
        >
          {t('admin.common.more')}
        </Button>
      )}
      {open && <AuditDetailDrawer record={open} actorName={actorName(open.actorId)} onClose={() => setOpen(null)} />}
    </Flex>
  );
}
