import { Card, Flex, Skeleton, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/StatusPages';

// Each page is its own chunk: the list (tables, forms) and the 360 view (charts, ECharts) load when opened.
const CustomerListPage = lazy(() => import('./CustomerListPage').then((m) => ({ default: m.CustomerListPage })));
const Customer360Page = lazy(() => import('./Customer360Page').then((m) => ({ default: m.Customer360Page })));
const CustomerImportPage = lazy(() =>
  import('../customerImport/CustomerImportPage').then((m) => ({ default: m.CustomerImportPage })),
);

/** While the list loads, the area's title is already there. */
function ListLoading() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('areas.customers.title')}
      </Typography.Title>
      <Card>
        <Skeleton active />
      </Card>
    </Flex>
  );
}

function PageLoading() {
  return (
    <Card>
      <Skeleton active paragraph={{ rows: 6 }} />
    </Card>
  );
}

/** The customers area (routed at /customers/*): the list and search, and the 360 view of one customer. */
export function CustomersPage() {
  return (
    <Routes>
      <Route
        index
        element={
          <Suspense fallback={<ListLoading />}>
            <CustomerListPage />
          </Suspense>
        }
      />
      <Route
        path="import"
        element={
          <Suspense fallback={<PageLoading />}>
            <CustomerImportPage />
          </Suspense>
        }
      />
      <Route
        path=":id"
        element={
          <Suspense fallback={<PageLoading />}>
            <Customer360Page />
          </Suspense>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
