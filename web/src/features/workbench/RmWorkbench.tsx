import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BookRecommendationsCard } from '../products/BookRecommendationsCard';
import { LifecycleFunnel } from '../segments/LifecycleFunnel';
import { useFormat } from './format';
import { LogInteractionForm } from './LogInteractionForm';
import { PortfolioCharts } from './PortfolioCharts';
import { TaskList } from './TaskList';
import { keys, workbenchApi } from './workbenchApi';

function Titled({ title, total }: { title: string; total: number }) {
  const { t } = useTranslation();
  return (
    <Space>
      <span>{title}</span>
      <Tag>{t('workbench.total', { count: total })}</Tag>
    </Space>
  );
}

/** What an RM opens every morning (GET /api/workbench). */
export function RmWorkbench() {
  const { t } = useTranslation();
  const f = useFormat();
  const wb = useQuery({ queryKey: keys.workbench, queryFn: workbenchApi.workbench });
  const w = wb.data;
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.empty')} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space align="baseline">
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('workbench.title')}
          </Typography.Title>
          {w && (
            <Typography.Text type="secondary">{t('workbench.businessDate', { date: w.businessDate })}</Typography.Text>
          )}
        </Space>
        <Space>
          <Link to="/workbench/branch">{t('workbench.nav.branch')}</Link>
          <Button icon={<ReloadOutlined />} onClick={() => void wb.refetch()} loading={wb.isFetching}>
            {t('workbench.refresh')}
          </Button>
        </Space>
      </Space>
      {wb.error && (
        <Alert
          type="error"
          showIcon
          message={t(`errors.${(wb.error as { code?: string }).code}`, { defaultValue: wb.error.message })}
        />
      )}
      {w && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card
              title={<Titled title={t('workbench.cards.today')} total={w.tasksToday.total} />}
              data-testid="wb-today"
            >
              <TaskList tasks={w.tasksToday.items} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card
              title={<Titled title={t('workbench.cards.overdue')} total={w.overdue.total} />}
              data-testid="wb-overdue"
            >
              <TaskList tasks={w.overdue.items} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card
              title={<Titled title={t('workbench.cards.followUps')} total={w.followUps.total} />}
              data-testid="wb-follow-ups"
            >
              <TaskList tasks={w.followUps.items} testId="follow-up-list" />
            </Card>
          </Col>
          {w.alerts.total > 0 && (
            <Col xs={24} xl={12}>
              <Card title={<Titled title={t('workbench.cards.alerts')} total={w.alerts.total} />}>
                <TaskList tasks={w.alerts.items} />
              </Card>
            </Col>
          )}
          <Col xs={24} xl={12}>
            <Card
              title={<Titled title={t('workbench.cards.breaches')} total={w.breaches.total} />}
              data-testid="wb-breaches"
            >
              {w.breaches.items.length === 0 ? (
                empty
              ) : (
                <List
                  size="small"
                  dataSource={w.breaches.items}
                  renderItem={(b) => (
                    <List.Item
                      actions={[
                        <Link key="log" to={`/workbench/customers/${b.customerId}/log`}>
                          {t('workbench.breach.log')}
                        </Link>,
                      ]}
                    >
                      <List.Item.Meta
                        title={
                          <Space>
                            <span>{b.customerName}</span>
                            <Tag>{t(`workbench.tier.${b.tier}`, { defaultValue: b.tier })}</Tag>
                          </Space>
                        }
                        description={
                          <Space wrap size={12}>
                            <span>
                              {b.lastContactAt
                                ? t('workbench.breach.lastContact', { date: f.date(b.lastContactAt) })
                                : t('workbench.breach.never')}
                            </span>
                            <span>{t('workbench.breach.every', { months: b.contactEveryMonths })}</span>
                          </Space>
                        }
                      />
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={<Titled title={t('workbench.cards.expiring')} total={w.expiringAssessments.total} />}>
              {w.expiringAssessments.items.length === 0 ? (
                empty
              ) : (
                <List
                  size="small"
                  dataSource={w.expiringAssessments.items}
                  renderItem={(a) => (
                    <List.Item>
                      <Space wrap>
                        <Link to={`/workbench/customers/${a.customerId}/log`}>{a.customerName}</Link>
                        {a.riskLevel && <Tag>{a.riskLevel}</Tag>}
                        <Typography.Text type="warning">
                          {t('workbench.expiring.expiresAt', { date: f.date(a.expiresAt) })}
                        </Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={<Titled title={t('workbench.cards.birthdays')} total={w.birthdays.length} />}>
              {w.birthdays.length === 0 ? (
                empty
              ) : (
                <List
                  size="small"
                  dataSource={w.birthdays}
                  renderItem={(b) => (
                    <List.Item>
                      <Space wrap>
                        <Link to={`/workbench/customers/${b.customerId}/log`}>{b.customerName}</Link>
                        <Tag>{t(`workbench.tier.${b.tier}`, { defaultValue: b.tier })}</Tag>
                        <span>{f.date(`${b.birthday}T12:00:00`)}</span>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('workbench.cards.portfolio')}>
              <PortfolioCharts portfolio={w.portfolio} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('segments.funnel')}>
              <LifecycleFunnel />
            </Card>
            <BookRecommendationsCard />
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('workbench.cards.quickLog')}>
              <LogInteractionForm />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
