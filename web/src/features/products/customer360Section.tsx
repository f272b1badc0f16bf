import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Input, List, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Customer360Section } from '../customers/customer360Sections';
import { productApi, type Recommendation } from './api/productApi';
import { riskColor } from './format';

/** The recommendations panel of the 360 page: ranked, with reasons in words, already suitability-filtered. */
export function RecommendationsPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['recommendations', customerId],
    queryFn: () => productApi.recommendations(customerId),
  });
  const [dismissing, setDismissing] = useState<Recommendation | null>(null);
  const [reason, setReason] = useState('');
  const dismiss = useMutation({
    mutationFn: () => productApi.dismiss(customerId, dismissing?.productId ?? '', reason),
    onSuccess: async () => {
      setDismissing(null);
      setReason('');
      await qc.invalidateQueries({ queryKey: ['recommendations', customerId] });
    },
  });
  if (q.isError) return <Alert type="error" title={t('products.loadFailed')} />;
  const data = q.data;
  return (
    <Flex vertical gap={12}>
      {data?.basis === 'non_personal' ? <Alert type="info" showIcon title={t('products.reco.nonPersonal')} /> : null}
      <List<Recommendation>
        loading={q.isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('products.reco.none')} /> }}
        renderItem={(r) => (
          <List.Item
            actions={[
              <Link key="sell" to={`/products/sell?customerId=${customerId}&productId=${r.productId}`}>
                {t('products.sell.start')}
              </Link>,
              <Button key="dismiss" type="link" onClick={() => setDismissing(r)}>
                {t('products.reco.dismiss')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Flex gap={8} align="center">
                  <Typography.Text strong>
                    {r.rank}. {r.productName}
                  </Typography.Text>
                  {r.effectiveRiskLevel ? (
                    <Tag color={riskColor[r.effectiveRiskLevel]}>{r.effectiveRiskLevel}</Tag>
                  ) : null}
                  <Tag>{t(`products.type.${r.productType}`)}</Tag>
                </Flex>
              }
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {r.reasons.map((x) => (
                    <li key={x.code}>{x.text}</li>
                  ))}
                </ul>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={dismissing !== null}
        title={t('products.reco.dismissTitle', { name: dismissing?.productName ?? '' })}
        okText={t('products.reco.dismiss')}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: dismiss.isPending }}
        onOk={() => dismiss.mutate()}
        onCancel={() => setDismissing(null)}
      >
        <Input.TextArea
          aria-label={t('products.reco.reason')}
          placeholder={t('products.reco.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Flex>
  );
}

/** Found by the 360 page at build time (customers/customer360Sections.tsx). */
export const customer360Section: Customer360Section = {
  key: 'recommendations',
  order: 15,
  permission: 'products:read',
  label: (t) => t('products.reco.tab'),
  render: ({ customerId }) => <RecommendationsPanel customerId={customerId} />,
};
