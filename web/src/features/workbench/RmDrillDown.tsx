import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, List, Row, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useFormat } from './format';
import { TaskList } from './TaskList';
import { keys, workbenchApi } from './workbenchApi';

/** One RM's consistency figures, their breaching customers and overdue tasks. */
export function RmDrillDown() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const days = Number(params.get('days') ?? 90) || 90;
  const q = useQuery({ queryKey: keys.rm(id, days), queryFn: () => workbenchApi.rm(id, days) });
  const d = q.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="baseline">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('workbench.branch.rmTitle')}
          {d ? ` · ${d.rm.rmName}` : ''}
        </Typography.Title>
        <Link to="/workbench/branch">{t('workbench.branch.title')}</Link>
      </Space>
      {q.error && <Alert type="error" showIcon message={q.error.message} />}
      {d && (
        <>
          <Row gutter={[16, 16]}>
            {(['contactAdherence', 'taskOnTimeRate', 'followUpCompletion'] as const).map((m) => (
              <Col xs={24} md={6} key={m}>
                <Card>
                  <Statistic title={t(`workbench.branch.metrics.${m}`)} value={f.percent(d.rm[m])} />
                </Card>
              </Col>
            ))}
            <Col xs={24} md={6}>
              <Card>
                <Statistic title={t('workbench.branch.customers')} value={f.number(d.rm.customers)} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title={`${t('workbench.cards.breaches')} (${d.breaches.total})`}>
                <List
                  size="small"
                  dataSource={d.breaches.items}
                  renderItem={(b) => (
                    <List.Item>
                      {b.customerName} · {t(`workbench.tier.${b.tier}`, { defaultValue: b.tier })} ·{' '}
                      {b.lastContactAt
                        ? t('workbench.breach.lastContact', { date: f.date(b.lastContactAt) })
                        : t('workbench.breach.never')}
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('workbench.branch.overdueTasks')}>
                <TaskList tasks={d.overdueTasks} />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
