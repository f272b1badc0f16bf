import { Descriptions, Drawer, Empty, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../adminApi';
import { useFormat } from '../shared/format';
import { type ChangeRow, changeRows } from './changes';

/** Every field of one audit record, its changed fields and its place in the hash chain. */
export function AuditDetailDrawer({
  record,
  actorName,
  onClose,
}: {
  record: AuditRecord;
  actorName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows = changeRows(record.changes);
  const d = (v: string | null) => v ?? '—';
  return (
    <Drawer open size={640} title={t('admin.audit.detailTitle', { seq: record.seq })} onClose={onClose}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('admin.audit.at')}>{fmt.dateTime(record.at)}</Descriptions.Item>
        <Descriptions.Item label={t('admin.audit.actor')}>
          {actorName} <Typography.Text type="secondary">{record.actorId}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.audit.actorRoles')}>
          {record.actorRoles.map((r) => (
            <Tag key={r}>{r}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.audit.action')}>
          <code>{record.action}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.audit.subject')}>
          {record.subjectType} <code>{record.subjectId}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.audit.customer')}>{d(record.customerId)}</Descriptions.Item>
        <Descriptions.Item label={t('admin.audit.requestId')}>{d(record.requestId)}</Descriptions.Item>
        <Descriptions.Item label={t('admin.audit.ip')}>{d(record.ip)}</Descriptions.Item>
        <Descriptions.Item label={t('admin.audit.channel')}>{d(record.channel)}</Descriptions.Item>
        <Descriptions.Item label={t('admin.audit.reason')}>{d(record.reason)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('admin.audit.changes')}
      </Typography.Title>
      {rows.length === 0 ? (
        <Empty description={t('admin.audit.noChanges')} />
      ) : (
        <Table<ChangeRow>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('admin.audit.field'), dataIndex: 'field', render: (f: string) => <code>{f}</code> },
            {
              title: t('admin.audit.value'),
              key: 'value',
              render: (_, r) =>
                r.value !== undefined ? (
                  <span style={{ wordBreak: 'break-all' }}>{r.value}</span>
                ) : (
                  <span>
                    {r.from} <Typography.Text type="secondary">→</Typography.Text> {r.to}
                  </span>
                ),
            },
          ]}
        />
      )}
      <Descriptions size="small" column={1} style={{ marginTop: 24 }}>
        <Descriptions.Item label={t('admin.audit.hash')}>
          <Typography.Text code style={{ fontSize: 11, wordBreak: 'break-all' }}>
            {record.hash}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.audit.prevHash')}>
          <Typography.Text code style={{ fontSize: 11, wordBreak: 'break-all' }}>
            {record.prevHash}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Drawer>
  );
}
