import { Menu } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../../app/auth/useCurrentUser';
import { CampaignsPage } from '../campaigns/CampaignsPage';
import { SegmentsPage } from '../segments/SegmentsPage';
import { CareCalendarPage } from './CareCalendarPage';
import { MessageLogPage } from './MessageLogPage';
import { TemplatesPage } from './TemplatesPage';

type Section = { key: string; label: string; permission: string; element: ReactNode };

/**
 * The marketing area (/marketing/*): campaigns, segments, message templates with
 * approval, the message log with suppressions, the care calendar. Each
 * section shows only to staff holding its permission.
 */
export function MarketingPage() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const loc = useLocation();
  const user = useCurrentUser();
  const sections: Section[] = (
    [
      {
        key: 'campaigns',
        label: t('marketing.nav.campaigns'),
        permission: 'campaigns:read',
        element: <CampaignsPage />,
      },
      { key: 'segments', label: t('marketing.nav.segments'), permission: 'segments:read', element: <SegmentsPage /> },
      {
        key: 'templates',
        label: t('marketing.nav.templates'),
        permission: 'messaging:read',
        element: <TemplatesPage />,
      },
      {
        key: 'messages',
        label: t('marketing.nav.messages'),
        permission: 'messaging:read',
        element: <MessageLogPage />,
      },
      { key: 'care', label: t('marketing.nav.care'), permission: 'care:read', element: <CareCalendarPage /> },
    ] satisfies Section[]
  ).filter((s) => user.permissions.includes(s.permission));
  const selected = loc.pathname.split('/')[2] || sections[0]?.key || '';
  return (
    <>
      <Menu
        mode="horizontal"
        selectedKeys={[selected]}
        items={sections.map(({ key, label }) => ({ key, label }))}
        onClick={(e) => nav(`/marketing/${e.key}`)}
        style={{ marginBottom: 16 }}
      />
      <Routes>
        <Route index element={sections[0]?.element ?? null} />
        {sections.map((s) => (
          <Route key={s.key} path={`${s.key}/*`} element={s.element} />
        ))}
        <Route path="*" element={sections[0]?.element ?? null} />
      </Routes>
    </>
  );
}
