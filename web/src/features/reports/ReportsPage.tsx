import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { DashboardsView } from './DashboardsView';
import { EarlyWarningPage } from './EarlyWarningPage';
import { WinBackPage } from './WinBackPage';

/** The 报表 area (/reports/*): the dashboards, the churn early-warning list, the win-back list. */
export function ReportsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = pathname.endsWith('/early-warning')
    ? 'early-warning'
    : pathname.endsWith('/win-back')
      ? 'win-back'
      : 'dashboards';
  return (
    <>
      <Menu
        mode="horizontal"
        selectedKeys={[selected]}
        style={{ marginBottom: 16 }}
        onClick={(e) => navigate(e.key === 'dashboards' ? '/reports' : `/reports/${e.key}`)}
        items={[
          { key: 'dashboards', label: t('reports.nav.dashboards') },
          { key: 'early-warning', label: t('reports.nav.warnings') },
          { key: 'win-back', label: t('reports.nav.winBack') },
        ]}
      />
      <Routes>
        <Route index element={<DashboardsView />} />
        <Route path="early-warning" element={<EarlyWarningPage />} />
        <Route path="win-back" element={<WinBackPage />} />
        <Route path="*" element={<DashboardsView />} />
      </Routes>
    </>
  );
}
