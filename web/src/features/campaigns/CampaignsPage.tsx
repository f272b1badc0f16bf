import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Drawer, Flex, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth/useCurrentUser';
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
  const [openId, setOpenId] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['campaigns'], queryFn: campaignApi.list });
  // the drawer follows the list, so it shows each new status after an action
  const open = q.data?.items.find((c) => c.id === openId) ?? null;
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
        onRow={(c) => ({ onClick: () => setOpenId(c.id), style: { cursor: 'pointer' } })}
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
      <Drawer open={open !== null} onClose={() => setOpenId(null)} title={open?.name} size="large">
        {open && (
          <Flex vertical gap={16}>
            <Space>
              <Tag color={statusColor[open.status]} data-testid="campaign-status">
                {t(`campaigns.status.${open.status}`)}
              </Tag>
            </Space>
            <CampaignActions campaign={open} />
            {open.funnel && <FunnelChart funnel={open.funnel} />}
            {['running', 'completed'].includes(open.status) && <ResultsPanel campaignId={open.id} />}
          </Flex>
        )}
      </Drawer>
    </Card>
  );
}

/**
 * What the signed-in user may do next with the campaign: a checker approves
 * or sends back a pending campaign of someone else (maker-checker, AUD-03);
 * the marketer schedules an approved one.
 */
function CampaignActions({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const done = () => void qc.invalidateQueries({ queryKey: ['campaigns'] });
  const review = useMutation({
    mutationFn: (decision: 'approve' | 'reject') => campaignApi.review(campaign.id, decision, note),
    onSuccess: done,
  });
  const schedule = useMutation({ mutationFn: () => campaignApi.schedule(campaign.id), onSuccess: done });
  const error = (review.error ?? schedule.error) as Error | null;
  const canReview =
    campaign.status === 'pending' && user.permissions.includes('campaigns:approve') && campaign.makerId !== user.id;
  const canSchedule = campaign.status === 'approved' && user.permissions.includes('campaigns:write');
  if (!canReview && !canSchedule && !error) return null;
  return (
    <Flex vertical gap={8}>
      {canReview && (
        <>
          <Input.TextArea
            aria-label={t('campaigns.review.note')}
            placeholder={t('campaigns.review.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            autoSize={{ minRows: 1, maxRows: 3 }}
          />
          <Space>
            <Button type="primary" loading={review.isPending} onClick={() => review.mutate('approve')}>
              {t('campaigns.review.approve')}
            </Button>
            <Button danger loading={review.isPending} onClick={() => review.mutate('reject')}>
              {t('campaigns.review.reject')}
            </Button>
          </Space>
        </>
      )}
      {canSchedule && (
        <Space>
          <Button type="primary" loading={schedule.isPending} onClick={() => schedule.mutate()}>
            {t('campaigns.schedule')}
          </Button>
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error.message} />}
    </Flex>
  );
}
