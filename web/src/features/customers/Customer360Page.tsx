import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Result, Skeleton, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useCurrentUser } from '../../app/auth/useCurrentUser';
import { ActivityChart } from './ActivityChart';
import { errorText } from './apiErrors';
import { ContactsSection } from './ContactsSection';
import { CustomerHeaderCard } from './CustomerHeaderCard';
import { extraSections } from './customer360Sections';
import { DataQualityPanel } from './DataQualityPanel';
import { HoldingsSection } from './HoldingsSection';
import { HouseholdSection } from './HouseholdSection';
import { ProfileEditDrawer } from './ProfileEditDrawer';
import { RiskAssessmentPanel } from './RiskAssessmentPanel';
import { TimelineSection } from './TimelineSection';
import { useCustomer360 } from './useCustomer';

/** The customer 360 view (客户360视图) at /customers/:id; the open tab is in `?tab=` so a link can point at it. */
export function Customer360Page() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const q = useCustomer360(id);

  const back = (
    <Link to="/customers">
      <ArrowLeftOutlined aria-hidden /> {t('customers.backToList')}
    </Link>
  );

  if (q.isPending) {
    return (
      <Flex vertical gap={16}>
        {back}
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </Flex>
    );
  }
  if (q.isError) {
    // out of scope answers as absent (DS-05): the page says the same for both
    if (isApiError(q.error) && q.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('customers.notFound.title')}
          subTitle={t('customers.notFound.text')}
          extra={back}
        />
      );
    }
    return (
      <Flex vertical gap={16}>
        {back}
        <Alert
          type="error"
          showIcon
          title={t('customers.loadFailed')}
          description={errorText(t, q.error)}
          action={<Button onClick={() => void q.refetch()}>{t('customers.retry')}</Button>}
        />
      </Flex>
    );
  }

  const c = q.data;
  const items = [
    {
      key: 'holdings',
      label: t('customers.tabs.holdings'),
      children: (
        <Flex vertical gap={16}>
          <HoldingsSection holdings={c.holdings} />
          <ActivityChart customerId={id} />
        </Flex>
      ),
    },
    {
      key: 'household',
      label: t('customers.tabs.household'),
      children: <HouseholdSection customerId={id} customerName={c.header.name} section={c.household} />,
    },
    {
      key: 'contacts',
      label: t('customers.tabs.contacts'),
      children: <ContactsSection customerId={id} contacts={c.contacts} />,
    },
    { key: 'timeline', label: t('customers.tabs.timeline'), children: <TimelineSection customerId={id} /> },
    { key: 'risk', label: t('customers.tabs.risk'), children: <RiskAssessmentPanel customerId={id} /> },
    { key: 'quality', label: t('customers.tabs.quality'), children: <DataQualityPanel customerId={id} /> },
    ...extraSections(user.permissions).map((s) => ({
      key: s.key,
      label: s.label(t),
      children: s.render({ customerId: id, customer: c }),
    })),
  ];
  const tab = items.some((i) => i.key === params.get('tab')) ? (params.get('tab') as string) : 'holdings';

  return (
    <Flex vertical gap={16}>
      {back}
      <CustomerHeaderCard customer={c} onEdit={() => setEditing(true)} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            next.set('tab', key);
            setParams(next, { replace: true });
          }}
          items={items}
        />
      </Card>
      <ProfileEditDrawer
        header={c.header}
        open={editing}
        onClose={() => setEditing(false)}
        onReload={() => void q.refetch()}
      />
    </Flex>
  );
}
