import { Card, Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/StatusPages';

const CataloguePage = lazy(() => import('./CataloguePage').then((m) => ({ default: m.CataloguePage })));
const ProductDetailPage = lazy(() => import('./ProductDetailPage').then((m) => ({ default: m.ProductDetailPage })));
const SaleWizardPage = lazy(() => import('./SaleWizardPage').then((m) => ({ default: m.SaleWizardPage })));

const loading = (
  <Card>
    <Skeleton active paragraph={{ rows: 6 }} />
  </Card>
);

/** The products area (routed at /products/*): the catalogue, a product with its fees, and the sale wizard. */
export function ProductsPage() {
  return (
    <Suspense fallback={loading}>
      <Routes>
        <Route index element={<CataloguePage />} />
        <Route path="sell" element={<SaleWizardPage />} />
        <Route path=":id" element={<ProductDetailPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}
