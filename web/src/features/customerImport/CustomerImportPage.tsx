import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  Progress,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { type ImportKind, type ImportProblem, type ImportRun, importApi, importKinds } from './importApi';

/** Percent of rows processed while an import runs (0..100). */
export function progressPercent(run: Pick<ImportRun, 'processedRows' | 'totalRows' | 'status'>): number {
  if (run.status === 'committed') return 100;
  if (run.totalRows <= 0) return 0;
  return Math.min(99, Math.floor((run.processedRows / run.totalRows) * 100));
}

function errorMessage(e: unknown): string {
  return isApiError(e) ? e.message : String(e);
}

/**
 * The upload page (客户 > 导入): choose the type and the file, map columns (or
 * pick a saved template, or save this mapping as one), validate with a dry
 * run and read the report, then import with a progress bar and download the
 * rejected rows with their reasons.
 */
export function CustomerImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<ImportKind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<'utf-8' | 'gb18030' | undefined>(undefined);
  const [template, setTemplate] = useState<string | undefined>(undefined);
  const [map, setMap] = useState<Record<string, string>>({});
  const [templateName, setTemplateName] = useState('');
  const [run, setRun] = useState<ImportRun | null>(null);

  const fields = useQuery({ queryKey: ['customer-import', 'fields'], queryFn: importApi.fields });
  const mappings = useQuery({
    queryKey: ['customer-import', 'mappings', kind],
    queryFn: () => importApi.mappings(kind),
  });
  const polled = useQuery({
    queryKey: ['customer-import', 'run', run?.id],
    queryFn: () => importApi.get(run?.id ?? ''),
    enabled: run?.status === 'running',
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1000),
  });
  const current = polled.data && polled.data.id === run?.id ? polled.data : run;

  const validate = useMutation({
    mutationFn: () => {
      if (!file) throw new Error(t('customerImport.pickFile'));
      const explicit = Object.fromEntries(Object.entries(map).filter(([, v]) => v.trim() !== ''));
      return importApi.upload({ kind, file, mappingName: template, map: explicit, encoding });
    },
    onSuccess: setRun,
  });
  const commit = useMutation({ mutationFn: (id: string) => importApi.commit(id), onSuccess: setRun });
  const save = useMutation({
    mutationFn: () =>
      importApi.saveMapping(
        kind,
        templateName.trim(),
        Object.fromEntries(Object.entries(map).filter(([, v]) => v.trim() !== '')),
      ),
    onSuccess: () => {
      void message.success(t('customerImport.templateSaved'));
      void mappings.refetch();
    },
  });

  const kindFields = fields.data?.find((f) => f.kind === kind)?.fields ?? [];
  const chosen = mappings.data?.find((m) => m.name === template);
  const reset = (next: ImportKind) => {
    setKind(next);
    setTemplate(undefined);
    setMap({});
    setRun(null);
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('customerImport.title')}
        </Typography.Title>
        <Link to="/customers">{t('customerImport.back')}</Link>
      </Flex>
      <Card>
        <Flex vertical gap={12}>
          <Space wrap>
            <span>{t('customerImport.kind')}</span>
            <Select
              aria-label={t('customerImport.kind')}
              value={kind}
              style={{ width: 200 }}
              onChange={reset}
              options={importKinds.map((k) => ({ value: k, label: t(`customerImport.kinds.${k}`) }))}
            />
            <Upload
              accept=".csv,.xlsx"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                setRun(null);
                return false;
              }}
              onRemove={() => setFile(null)}
            >
              <Button icon={<UploadOutlined aria-hidden />}>{t('customerImport.file')}</Button>
            </Upload>
            <span>{t('customerImport.encoding')}</span>
            <Select
              aria-label={t('customerImport.encoding')}
              value={encoding ?? 'auto'}
              style={{ width: 160 }}
              onChange={(v) => setEncoding(v === 'auto' ? undefined : (v as 'utf-8' | 'gb18030'))}
              options={[
                { value: 'auto', label: t('customerImport.encodingAuto') },
                { value: 'gb18030', label: 'GB18030 / GBK' },
              ]}
            />
            <span>{t('customerImport.template')}</span>
            <Select
              aria-label={t('customerImport.template')}
              allowClear
              placeholder={t('customerImport.templateNone')}
              value={template}
              style={{ width: 200 }}
              onChange={(v) => setTemplate(v)}
              options={(mappings.data ?? []).map((m) => ({ value: m.name, label: m.name }))}
            />
          </Space>
          <Typography.Text type="secondary">
            {t('customerImport.mapping')}: {t('customerImport.mappingHint')}
          </Typography.Text>
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={kindFields}
            columns={[
              {
                title: t('customerImport.field'),
                dataIndex: 'field',
                render: (f: string, r) => (
                  <span>
                    {f} {r.required && <Typography.Text type="danger">*</Typography.Text>}
                  </span>
                ),
              },
              {
                title: t('customerImport.column'),
                dataIndex: 'field',
                key: 'column',
                render: (f: string, r) => (
                  <Input
                    aria-label={`${t('customerImport.column')} ${f}`}
                    placeholder={chosen?.mapping[f] ?? r.aliases[0] ?? f}
                    value={map[f] ?? ''}
                    onChange={(e) => setMap({ ...map, [f]: e.target.value })}
                  />
                ),
              },
            ]}
          />
          <Space wrap>
            <Input
              aria-label={t('customerImport.templateName')}
              placeholder={t('customerImport.templateName')}
              value={templateName}
              onChange={(e) => setTemplateName(e.target.value)}
              style={{ width: 200 }}
            />
            <Button disabled={!templateName.trim()} loading={save.isPending} onClick={() => save.mutate()}>
              {t('customerImport.saveTemplate')}
            </Button>
            <Button type="primary" loading={validate.isPending} disabled={!file} onClick={() => validate.mutate()}>
              {t('customerImport.validate')}
            </Button>
          </Space>
          {validate.error && <Alert type="error" showIcon message={errorMessage(validate.error)} />}
          {save.error && <Alert type="error" showIcon message={errorMessage(save.error)} />}
        </Flex>
      </Card>
      {current && (
        <ImportReport
          run={current}
          committing={commit.isPending}
          commitError={commit.error}
          onCommit={() => commit.mutate(current.id)}
        />
      )}
    </Flex>
  );
}

function ImportReport(props: { run: ImportRun; committing: boolean; commitError: unknown; onCommit: () => void }) {
  const { t } = useTranslation();
  const { run } = props;
  const counted = run.unit === 'monthly_aggregates' ? ` ${t('customerImport.unitAggregates')}` : '';
  return (
    <Card title={`${t('customerImport.report')} · ${run.fileName} · ${t(`customerImport.status.${run.status}`)}`}>
      <Flex vertical gap={12}>
        <Space size="large" wrap>
          <Statistic title={t('customerImport.stats.total')} value={run.totalRows} />
          <Statistic title={t('customerImport.stats.ok')} value={run.okRows} />
          <Statistic title={t('customerImport.stats.rejected')} value={run.rejectedRows} />
          <Statistic title={`${t('customerImport.stats.inserted')}${counted}`} value={run.inserted} />
          <Statistic title={`${t('customerImport.stats.updated')}${counted}`} value={run.updated} />
          <Statistic title={`${t('customerImport.stats.unchanged')}${counted}`} value={run.unchanged} />
        </Space>
        {run.notes.map((n) => (
          <Alert key={n} type="warning" showIcon message={n} />
        ))}
        {run.ignoredColumns.length > 0 && (
          <Typography.Text type="secondary">
            {t('customerImport.ignored', { columns: run.ignoredColumns.join(', ') })}
          </Typography.Text>
        )}
        {run.problemCount > run.problems.length && (
          <Typography.Text>
            {t('customerImport.problems.more', { count: run.problemCount, shown: run.problems.length })}
          </Typography.Text>
        )}
        <Table<ImportProblem>
          size="small"
          rowKey={(p) => `${p.row}-${p.column}-${p.reason}`}
          dataSource={run.problems}
          locale={{ emptyText: t('customerImport.noProblems') }}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('customerImport.problems.row'), dataIndex: 'row', width: 80 },
            { title: t('customerImport.problems.column'), dataIndex: 'column', width: 140 },
            { title: t('customerImport.problems.value'), dataIndex: 'value', width: 200 },
            { title: t('customerImport.problems.reason'), dataIndex: 'reason' },
          ]}
        />
        {run.status === 'running' && (
          <div>
            <Progress percent={progressPercent(run)} status="active" />
            <Typography.Text>
              {t('customerImport.progress', { processed: run.processedRows, total: run.totalRows })}
            </Typography.Text>
          </div>
        )}
        {run.status === 'committed' && (
          <>
            <Progress percent={100} />
            <Alert
              type="success"
              showIcon
              message={t('customerImport.done', {
                inserted: run.inserted,
                updated: run.updated,
                unchanged: run.unchanged,
                rejected: run.rejectedRows,
              })}
            />
          </>
        )}
        {run.status === 'failed' && (
          <Alert type="error" showIcon message={t('customerImport.failed', { error: run.error ?? '' })} />
        )}
        {props.commitError !== null && props.commitError !== undefined && (
          <Alert type="error" showIcon message={errorMessage(props.commitError)} />
        )}
        <Space>
          {run.status === 'validated' && (
            <Button type="primary" loading={props.committing} disabled={run.okRows === 0} onClick={props.onCommit}>
              {t('customerImport.commit')}
            </Button>
          )}
          {run.rejectedRows > 0 && (
            <a href={importApi.rejectsUrl(run.id)} download>
              {t('customerImport.rejects')}
            </a>
          )}
        </Space>
      </Flex>
    </Card>
  );
}
