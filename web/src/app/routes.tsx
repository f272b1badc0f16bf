import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { RouteObject } from 'react-router';
import { LoginPage } from './auth/LoginPage';
import { HomeRedirect, RequireArea, RequireAuth } from './auth/RequireAuth';
import { MainLayout } from './layout/MainLayout';
import { type AreaKey, areas } from './navigation';
import { NotFoundPage } from './StatusPages';
import { totpEnrolPath } from './totpPath';

// Each area is its own chunk, loaded when first opened.
const areaPages: Record<AreaKey, LazyExoticComponent<ComponentType>> = {
  workbench: lazy(() => import('../features/workbench/WorkbenchPage').then((m) => ({ default: m.WorkbenchPage }))),
  customers: lazy(() => import('../features/customers/CustomersPage').then((m) => ({ default: m.CustomersPage }))),
  products: lazy(() => import('../features/products/ProductsPage').then((m) => ({ default: m.ProductsPage }))),
  complaints: lazy(() => import('../features/complaints/ComplaintsPage').then((m) => ({ default: m.ComplaintsPage }))),
  marketing: lazy(() => import('../features/marketing/MarketingPage').then((m) => ({ default: m.MarketingPage }))),
  reports: lazy(() => import('../features/reports/ReportsPage').then((m) => ({ default: m.ReportsPage }))),
  admin: lazy(() => import('../features/admin/AdminPage').then((m) => ({ default: m.AdminPage }))),
};

// TOTP enrolment belongs to the admin feature but opens for every signed-in user
const TotpEnrolPage = lazy(() =>
  import('../features/admin/totp/TotpEnrolPage').then((m) => ({ default: m.TotpEnrolPage })),
);

function areaRoute(key: AreaKey, path: string): RouteObject {
  const Page = areaPages[key];
  return {
    path: path.slice(1),
    element: <RequireArea area={key} />,
    // each area page owns its sub-routes (customers/:id, ...) with <Routes> of its own
    children: [
      { index: true, element: <Page /> },
      { path: '*', element: <Page /> },
    ],
  };
}

// the public survey page (signed one-time link, no login)
const PublicSurveyPage = lazy(() =>
  import('../features/complaints/PublicSurveyPage').then((m) => ({ default: m.PublicSurveyPage })),
);

/** The app's routes: /login, the public survey page, and the signed-in areas inside the main layout. */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/s/:token', element: <PublicSurveyPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <MainLayout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: totpEnrolPath.slice(1), element: <TotpEnrolPage /> },
          ...areas.map((a) => areaRoute(a.key, a.path)),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
