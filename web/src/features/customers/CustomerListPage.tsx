import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth/useCurrentUser';
import type { CustomerListItem } from './api/customerApi';
import { errorText } from './apiErrors';
import { CustomerFilters } from './CustomerFilters';
import { formatDate, formatMoney } from './format';
import { codeLabel, riskColors, tierColors } from './labels';
import { filtersFromParams, filtersToParams, hasFilters, type ListFilters } from './listFilters';
import { NewCustomerDrawer } from './NewCustomerDrawer';
import { useCustomerList } from './useCustomers';

/** The customer list: one search box, filters and sort in the URL (shareable), keyset "load more". */
export function CustomerListPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [search, setSearch] = useState(filters.q ?? '');
  const [creating, setCreating] = useState(false);
  // the box follows the URL when it changes under it (back button, a shared link)
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  const list = useCustomerList(filters);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const canCreate = user.permissions.includes('customers:write');
  const canImport = user.permissions.includes('customers:import');

  const apply = (patch: Partial<ListFilters>) => setParams(filtersToParams({ ...filters, ...patch }));
  const reset = () => {
    setSearch('');
    setParams(new URLSearchParams());
  };

  const columns: ColumnsType<CustomerListItem> = [
    {
      title: t('customers.col.name'),
      dataIndex: 'name',
      render: (name: string, c) => <Link to={`/customers/${encodeURIComponent(c.id)}`}>{name}</Link>,
    },
    { title: t('customers.col.customerNo'), dataIndex: 'customerNo' },
    {
      title: t('customers.col.tier'),
      dataIndex: 'tier',
      render: (v: string) => <Tag color={tierColors[v]}>{codeLabel(t, 'tier', v)}</Tag>,
    },
    { title: t('customers.col.stage'), dataIndex: 'lifecycleStage', render: (v: string) => codeLabel(t, 'stage', v) },
    {
      title: t('customers.col.riskLevel'),
      dataIndex: 'riskLevel',
      render: (v: string | null) => (v ? <Tag color={riskColors[v]}>{v}</Tag> : '—'),
    },
    {
      title: t('customers.col.aum'),
      dataIndex: 'aum',
      align: 'right',
      render: (v: number, c) => formatMoney(v, i18n.language, c.currency),
    },
    { title: t('customers.col.mobile'), dataIndex: 'mobile', render: (v: string | null) => v ?? '—' },
    { title: t('customers.col.rm'), dataIndex: 'rmName', render: (v: string | null) => v ?? '—' },
    { title: t('customers.col.unit'), dataIndex: 'homeUnitName', render: (v: string | null) => v ?? '—' },
    {
      title: t('customers.col.tags'),
      dataIndex: 'tags',
      render: (tags: string[]) => tags.map((x) => <Tag key={x}>{x}</Tag>),
    },
    {
      title: t('customers.col.onboarded'),
      dataIndex: 'onboardedOn',
      render: (v: string) => formatDate(v, i18n.language),
    },
  ];

  const filtered = hasFilters(filters);
  const empty = (
    <Empty description={filtered ? t('customers.list.noMatch') : t('customers.list.empty')}>
      {filtered && <Button onClick={reset}>{t('customers.filters.reset')}</Button>}
    </Empty>
  );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('areas.customers.title')}
        </Typography.Title>
        <Flex gap={8}>
          {canImport && (
            <Link to="/customers/import">
              <Button>{t('customerImport.open')}</Button>
            </Link>
          )}
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('customers.new.open')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Card>
        <Flex vertical gap={12}>
          <Input.Search
            aria-label={t('customers.search.label')}
            placeholder={t('customers.search.placeholder')}
            prefix={<SearchOutlined aria-hidden />}
            allowClear
            enterButton={t('customers.search.submit')}
            size="large"
            value={search}
            maxLength={100}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => apply({ q: v.trim() || undefined })}
          />
          <CustomerFilters filters={filters} onChange={apply} onReset={reset} />
        </Flex>
      </Card>
      {list.isError && (
        <Alert
          type="error"
          showIcon
          title={t('customers.list.loadFailed')}
          description={errorText(t, list.error)}
          action={<Button onClick={() => void list.refetch()}>{t('customers.retry')}</Button>}
        />
      )}
      <Card>
        <Table<CustomerListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isFetching && !list.isFetchingNextPage}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: list.isError ? ' ' : empty }}
          onRow={(c) => ({
            onDoubleClick: () => navigate(`/customers/${encodeURIComponent(c.id)}`),
          })}
        />
        <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
          {rows.length > 0 && (
            <Typography.Text type="secondary">{t('customers.list.shown', { count: rows.length })}</Typography.Text>
          )}
          {list.hasNextPage && (
            <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t('customers.list.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
      {canCreate && (
        <NewCustomerDrawer
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(c) => navigate(`/customers/${encodeURIComponent(c.id)}`)}
        />
      )}
    </Flex>
  );
}
