import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { ComplaintBoard } from './ComplaintBoard';
import { ComplaintDetailPage } from './ComplaintDetailPage';
import { ComplaintForm } from './ComplaintForm';
import { ComplaintReports } from './ComplaintReports';

/** The 投诉 area (/complaints/*): the board, intake, one complaint, reports. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = pathname.endsWith('/new') ? 'new' : pathname.endsWith('/reports') ? 'reports' : 'board';
  return (
    <>
      <Menu
        mode="horizontal"
        selectedKeys={[selected]}
        style={{ marginBottom: 16 }}
        onClick={(e) => navigate(e.key === 'board' ? '/complaints' : `/complaints/${e.key}`)}
        items={[
          { key: 'board', label: t('complaints.nav.board') },
          { key: 'new', label: t('complaints.nav.new') },
          { key: 'reports', label: t('complaints.nav.reports') },
        ]}
      />
      <Routes>
        <Route index element={<ComplaintBoard />} />
        <Route path="new" element={<ComplaintForm />} />
        <Route path="reports" element={<ComplaintReports />} />
        <Route path=":id" element={<ComplaintDetailPage />} />
        <Route path="*" element={<ComplaintBoard />} />
      </Routes>
    </>
  );
}
