import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  List,
  Radio,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useFormat } from '../workbench/format';
import { RuleBuilder } from './RuleBuilder';
import { completeRule } from './ruleEditing';
import { exportFileUrl, type Group, type MemberPage, type Segment, segmentKeys, segmentsApi } from './segmentsApi';

const starter: Group = {
  combinator: 'and',
  rules: [{ field: 'tier', op: 'gte', value: 'vip' }],
};

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/** Download a ready export with the session cookie, as a file. */
async function download(exportId: string, fallbackName: string) {
  const res = await fetch(exportFileUrl(exportId), { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`download failed: ${res.status}`);
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = decodeURIComponent(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(a.href);
}

/** Segments (客群): build a rule with a live count, save it, list and export its members. */
export function SegmentsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const qc = useQueryClient();
  const [rule, setRule] = useState<Group>(starter);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'dynamic' | 'static'>('dynamic');
  const [selected, setSelected] = useState<string | null>(null);
  const fields = useQuery({ queryKey: segmentKeys.fields, queryFn: segmentsApi.fields });
  const list = useQuery({ queryKey: segmentKeys.list, queryFn: segmentsApi.list });
  const complete = useMemo(() => completeRule(rule), [rule]);
  const debounced = useDebounced(complete, 400);
  const preview = useQuery({
    queryKey: debounced ? segmentKeys.preview(debounced) : ['segments', 'preview', 'none'],
    queryFn: () => segmentsApi.preview(debounced as Group),
    enabled: debounced !== null,
    retry: false,
  });
  const save = useMutation({
    mutationFn: () => segmentsApi.create({ name: name.trim(), description: '', kind, rule: complete as Group }),
    onSuccess: async (s) => {
      message.success(t('segments.saved', { count: s.memberCount }));
      setSelected(s.id);
      await qc.invalidateQueries({ queryKey: segmentKeys.list });
    },
    onError: (e) => message.error(e.message),
  });
  const current = list.data?.find((s) => s.id === selected) ?? null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('segments.title')}</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title={t('segments.builder.title')}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.data ? <RuleBuilder value={rule} onChange={setRule} fields={fields.data} /> : <Card loading />}
              <Space wrap align="center">
                <Statistic
                  title={t('segments.preview')}
                  value={preview.data ? f.number(preview.data.count) : '—'}
                  loading={preview.isFetching}
                  valueRender={(node) => <span data-testid="segment-count">{node}</span>}
                />
                <Input
                  aria-label={t('segments.name')}
                  placeholder={t('segments.name')}
                  value={name}
                  maxLength={100}
                  onChange={(e) => setName(e.target.value)}
                  style={{ width: 240 }}
                />
                <Radio.Group
                  value={kind}
                  onChange={(e) => setKind(e.target.value)}
                  options={[
                    { value: 'dynamic', label: t('segments.kind.dynamic') },
                    { value: 'static', label: t('segments.kind.static') },
                  ]}
                />
                <Button
                  type="primary"
                  disabled={!complete || name.trim() === '' || preview.isError}
                  loading={save.isPending}
                  onClick={() => save.mutate()}
                >
                  {t('segments.save')}
                </Button>
              </Space>
              {preview.isError && (
                <Alert
                  type="error"
                  showIcon
                  message={isApiError(preview.error) ? preview.error.message : String(preview.error)}
                />
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('segments.saved_list')}>
            <List
              dataSource={list.data ?? []}
              loading={list.isLoading}
              locale={{ emptyText: <Empty description={t('segments.none')} /> }}
              renderItem={(s: Segment) => (
                <List.Item
                  onClick={() => setSelected(s.id)}
                  style={{ cursor: 'pointer', background: s.id === selected ? 'rgba(22,119,255,0.08)' : undefined }}
                >
                  <Space wrap>
                    <Typography.Link>{s.name}</Typography.Link>
                    <Tag>{t(`segments.kind.${s.kind}`)}</Tag>
                    <span>{f.number(s.memberCount)}</span>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      {current && <Members key={current.id} segment={current} lang={i18n.language === 'en' ? 'en' : 'zh-CN'} />}
    </Space>
  );
}

function Members({ segment, lang }: { segment: Segment; lang: 'zh-CN' | 'en' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const [pages, setPages] = useState<MemberPage[]>([]);
  const first = useQuery({ queryKey: segmentKeys.members(segment.id), queryFn: () => segmentsApi.members(segment.id) });
  useEffect(() => {
    if (first.data) setPages([first.data]);
  }, [first.data]);
  const more = useMutation({
    mutationFn: (cursor: string) => segmentsApi.members(segment.id, cursor),
    onSuccess: (p) => setPages((ps) => [...ps, p]),
  });
  const doExport = useMutation({
    mutationFn: () => segmentsApi.export(segment.id, 'csv', lang),
    onSuccess: async (ex) => {
      if (ex.status === 'ready') {
        await download(ex.id, `segment-${segment.id}.csv`);
        message.success(t('segments.exported', { count: ex.rowCount }));
      } else {
        message.info(t('segments.exportPending', { count: ex.rowCount }));
      }
    },
    onError: (e) => message.error(e.message),
  });
  const rows = pages.flatMap((p) => p.items);
  const last = pages.at(-1);
  return (
    <Card
      title={t('segments.members', { name: segment.name })}
      extra={
        <Space>
          <span data-testid="segment-total">{f.number(first.data?.total ?? 0)}</span>
          <Button onClick={() => doExport.mutate()} loading={doExport.isPending}>
            {t('segments.export')}
          </Button>
        </Space>
      }
    >
      <div data-testid="segment-members">
        <Table
          rowKey="id"
          size="small"
          loading={first.isLoading}
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('segments.col.customerNo'), dataIndex: 'customerNo', className: 'customer-no' },
            { title: t('segments.col.name'), dataIndex: 'name' },
            {
              title: t('segments.col.tier'),
              dataIndex: 'tier',
              render: (v: string) => t(`segments.values.${v}`, { defaultValue: v }),
            },
            {
              title: t('segments.col.stage'),
              dataIndex: 'lifecycleStage',
              render: (v: string) => t(`segments.values.${v}`, { defaultValue: v }),
            },
            { title: t('segments.col.aum'), dataIndex: 'aum', align: 'right', render: (v: number) => f.money(v) },
            { title: t('segments.col.rm'), dataIndex: 'rmName' },
            { title: t('segments.col.unit'), dataIndex: 'homeUnitName' },
          ]}
        />
      </div>
      {last?.nextCursor && (
        <Button
          style={{ marginTop: 12 }}
          loading={more.isPending}
          onClick={() => more.mutate(last.nextCursor as string)}
        >
          {t('segments.more')}
        </Button>
      )}
    </Card>
  );
}
