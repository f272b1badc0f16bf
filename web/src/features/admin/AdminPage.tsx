import { Result, Tabs, Typography } from 'antd';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../../app/auth/useCurrentUser';
import { NotFoundPage } from '../../app/StatusPages';
import { type AdminTabKey, visibleAdminTabs } from './adminTabs';
import { ApprovalsTab } from './approvals/ApprovalsTab';
import { AuditTab } from './audit/AuditTab';
import { CoversTab } from './covers/CoversTab';
import { RolesTab } from './roles/RolesTab';
import { SessionsTab } from './sessions/SessionsTab';
import { TokensTab } from './tokens/TokensTab';
import { UnitsTab } from './units/UnitsTab';
import { UsersTab } from './users/UsersTab';

const pages: Record<AdminTabKey, ComponentType> = {
  users: UsersTab,
  roles: RolesTab,
  units: UnitsTab,
  sessions: SessionsTab,
  tokens: TokensTab,
  approvals: ApprovalsTab,
  covers: CoversTab,
  audit: AuditTab,
};

/** The admin area: one tab per task the user's permissions allow, each at /admin/<tab>. */
export function AdminPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const tabs = visibleAdminTabs(user.permissions);
  const first = tabs[0];
  const active = tabs.find((tab) => location.pathname.startsWith(`/admin/${tab.key}`))?.key;
  const title = (
    <Typography.Title level={3} style={{ marginTop: 0 }}>
      {t('admin.title')}
    </Typography.Title>
  );
  if (!first) {
    return (
      <>
        {title}
        <Result status="info" title={t('admin.noTabs.title')} subTitle={t('admin.noTabs.text')} />
      </>
    );
  }

  return (
    <>
      {title}
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(`/admin/${key}`)}
        items={tabs.map((tab) => ({ key: tab.key, label: t(`admin.tabs.${tab.key}`) }))}
      />
      <Routes>
        <Route index element={<Navigate to={`/admin/${first.key}`} replace />} />
        {tabs.map((tab) => {
          const Page = pages[tab.key];
          return <Route key={tab.key} path={`${tab.key}/*`} element={<Page />} />;
        })}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
