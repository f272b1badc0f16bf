import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth/useCurrentUser';
import { productApi } from './api/productApi';
import { riskColor } from './format';

/** The workbench card: the best recommendation per customer of the book, from the last nightly run. */
export function BookRecommendationsCard() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const allowed = user.permissions.includes('products:read');
  const q = useQuery({ queryKey: ['recommendations', 'book'], queryFn: () => productApi.book(10), enabled: allowed });
  if (!allowed) return null;
  return (
    <Card title={t('products.reco.bookTitle')}>
      <List
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{
          emptyText: <Empty description={q.isError ? t('products.loadFailed') : t('products.reco.bookNone')} />,
        }}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={
                <>
                  <Link to={`/customers/${r.customerId}?tab=recommendations`}>{r.customerName}</Link> · {r.productName}{' '}
                  {r.effectiveRiskLevel ? (
                    <Tag color={riskColor[r.effectiveRiskLevel]}>{r.effectiveRiskLevel}</Tag>
                  ) : null}
                </>
              }
              description={<Typography.Text type="secondary">{r.reasons[0]?.text}</Typography.Text>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
