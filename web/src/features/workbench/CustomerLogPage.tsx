import { Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CustomerInteractions, CustomerTasks, CustomerTimelineCard } from './customer360';

/** /workbench/customers/:id/log: log an interaction, work the customer's tasks, watch the timeline. */
export function CustomerLogPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="baseline">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('workbench.customerPage.title')}
        </Typography.Title>
        <Link to="/workbench">{t('workbench.customerPage.back')}</Link>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <CustomerInteractions customerId={id} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <CustomerTasks customerId={id} />
            <CustomerTimelineCard customerId={id} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
