import { useQuery } from '@tanstack/react-query';
import { Button, Card, Drawer, Flex, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CampaignWizard } from './CampaignWizard';
import { type Campaign, campaignApi } from './campaignApi';
import { FunnelChart } from './FunnelChart';
import { ResultsPanel } from './ResultsPanel';

const statusColor: Record<Campaign['status'], string> = {
  draft: 'default',
  pending: 'gold',
  approved: 'blue',
  scheduled: 'cyan',
  running: 'green',
  completed: 'purple',
  cancelled: 'red',
};

/** The campaign list (营销活动), the wizard, and a campaign's funnel and results. */
export function CampaignsPage() {
  const { t, i18n } = useTranslation();
  const [wizard, setWizard] = useState(false);
  const [open, setOpen] = useState<Campaign | null>(null);
  const q = useQuery({ queryKey: ['campaigns'], queryFn: campaignApi.list });
  const nf = new Intl.NumberFormat(i18n.language);
  return (
    <Card
      title={t('campaigns.title')}
      extra={
        <Button type="primary" onClick={() => setWizard(true)} data-testid="campaign-new">
          {t('campaigns.new')}
        </Button>
      }
    >
      <Table<Campaign>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('campaigns.list.empty') }}
        pagination={false}
        onRow={(c) => ({ onClick: () => setOpen(c), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('campaigns.list.name'), dataIndex: 'name' },
          {
            title: t('campaigns.list.objective'),
            dataIndex: 'objective',
            render: (o: string) => t(`campaigns.objective.${o}`),
          },
          {
            title: t('campaigns.list.status'),
            dataIndex: 'status',
            render: (s: Campaign['status']) => <Tag color={statusColor[s]}>{t(`campaigns.status.${s}`)}</Tag>,
          },
          {
            title: t('campaigns.list.scheduledAt'),
            dataIndex: 'scheduledAt',
            render: (d: string) => new Date(d).toLocaleString(i18n.language),
          },
          {
            title: t('campaigns.list.audience'),
            render: (_: unknown, c: Campaign) => (c.funnel ? nf.format(c.funnel.target) : '—'),
          },
        ]}
      />
      <CampaignWizard open={wizard} onClose={() => setWizard(false)} />
      <Drawer open={open !== null} onClose={() => setOpen(null)} title={open?.name} size="large">
        {open && (
          <Flex vertical gap={16}>
            {open.funnel && <FunnelChart funnel={open.funnel} />}
            {['running', 'completed'].includes(open.status) && <ResultsPanel campaignId={open.id} />}
          </Flex>
        )}
      </Drawer>
    </Card>
  );
}
