import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, List, Modal, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DuplicateCandidate, type Merge, qualityApi } from './riskQualityApi';

/** Data quality of one customer: completeness, possible duplicates, merge (with confirm) and undo. */
export function DataQualityPanel({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const date = (iso: string | null) => (iso ? new Intl.DateTimeFormat(i18n.language).format(new Date(iso)) : '—');
  const [target, setTarget] = useState<DuplicateCandidate | null>(null);
  const [reason, setReason] = useState('');

  const completeness = useQuery({
    queryKey: ['completeness', customerId],
    queryFn: () => qualityApi.completeness(customerId),
  });
  const duplicates = useQuery({
    queryKey: ['duplicates', customerId],
    queryFn: () => qualityApi.duplicates(customerId),
  });
  const merges = useQuery({ queryKey: ['merges', customerId], queryFn: () => qualityApi.merges(customerId) });
  const refresh = () => qc.invalidateQueries({ predicate: (q) => q.queryKey.includes(customerId) });
  const merge = useMutation({
    mutationFn: () => qualityApi.merge(customerId, target?.id ?? '', reason),
    onSuccess: () => {
      setTarget(null);
      setReason('');
      refresh();
    },
  });
  const undo = useMutation({ mutationFn: (id: string) => qualityApi.undo(id), onSuccess: refresh });
  const error = merge.error ?? undo.error;
  const c = completeness.data;

  return (
    <Card title={t('dataQuality.title')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {c && (
          <Space align="start" wrap>
            <Progress type="circle" percent={c.score} size={80} />
            <Space direction="vertical">
              <Typography.Text>{t('dataQuality.completeness')}</Typography.Text>
              <Space wrap>
                {c.missing.map((f) => (
                  <Tag key={f}>{t(`dataQuality.field.${f}`)}</Tag>
                ))}
              </Space>
              {c.refreshDue && (
                <Alert
                  type="warning"
                  showIcon
                  message={t('dataQuality.refreshDue', { date: date(c.refreshDue.dueSince) })}
                />
              )}
            </Space>
          </Space>
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            message={t(`errors.${(error as { code?: string }).code}`, { defaultValue: error.message })}
          />
        )}

        <Typography.Title level={5}>{t('dataQuality.duplicates')}</Typography.Title>
        <Table<DuplicateCandidate>
          size="small"
          rowKey="id"
          loading={duplicates.isLoading}
          dataSource={duplicates.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('dataQuality.noDuplicates') }}
          columns={[
            { title: t('dataQuality.col.customerNo'), dataIndex: 'customerNo' },
            { title: t('dataQuality.col.name'), dataIndex: 'name' },
            { title: t('dataQuality.col.birthDate'), dataIndex: 'birthDate', render: (v: string | null) => v ?? '—' },
            {
              title: t('dataQuality.col.reasons'),
              dataIndex: 'reasons',
              render: (rs: string[]) => rs.map((r) => <Tag key={r}>{t(`dataQuality.reason.${r}`)}</Tag>),
            },
            {
              title: '',
              key: 'merge',
              render: (_: unknown, row) => (
                <Button size="small" onClick={() => setTarget(row)}>
                  {t('dataQuality.mergeIntoThis')}
                </Button>
              ),
            },
          ]}
        />

        <Typography.Title level={5}>{t('dataQuality.merges')}</Typography.Title>
        <List<Merge>
          size="small"
          dataSource={merges.data?.items ?? []}
          locale={{ emptyText: t('dataQuality.noMerges') }}
          renderItem={(m) => (
            <List.Item
              actions={
                m.undoable
                  ? [
                      <Button key="undo" size="small" danger loading={undo.isPending} onClick={() => undo.mutate(m.id)}>
                        {t('dataQuality.undo')}
                      </Button>,
                    ]
                  : []
              }
            >
              {m.undoneAt
                ? t('dataQuality.mergeUndone', { id: m.mergedId, date: date(m.undoneAt) })
                : t('dataQuality.mergeDone', {
                    id: m.mergedId,
                    date: date(m.mergedAt),
                    deadline: date(m.undoDeadline),
                  })}
            </List.Item>
          )}
        />
      </Space>

      <Modal
        open={target !== null}
        title={t('dataQuality.confirmMergeTitle')}
        okText={t('dataQuality.confirmMerge')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: merge.isPending }}
        onOk={() => merge.mutate()}
        onCancel={() => setTarget(null)}
      >
        <Typography.Paragraph>
          {t('dataQuality.confirmMergeBody', { customerNo: target?.customerNo ?? '' })}
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          placeholder={t('dataQuality.mergeReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
