import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../../app/auth/useCurrentUser';
import { CareCalendarPage } from './CareCalendarPage';
import { MessageLogPage } from './MessageLogPage';
import { TemplatesPage } from './TemplatesPage';

/** The marketing area (/marketing/*): message templates with approval, the message log with suppressions, the care calendar. */
export function MarketingPage() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const loc = useLocation();
  const user = useCurrentUser();
  const items = [
    { key: 'templates', label: t('marketing.nav.templates'), permission: 'messaging:read' },
    { key: 'messages', label: t('marketing.nav.messages'), permission: 'messaging:read' },
    { key: 'care', label: t('marketing.nav.care'), permission: 'care:read' },
  ].filter((i) => user.permissions.includes(i.permission));
  const selected = loc.pathname.split('/')[2] || items[0]?.key || 'templates';
  return (
    <>
      <Menu
        mode="horizontal"
        selectedKeys={[selected]}
        items={items.map(({ key, label }) => ({ key, label }))}
        onClick={(e) => nav(`/marketing/${e.key}`)}
        style={{ marginBottom: 16 }}
      />
      <Routes>
        <Route index element={items[0]?.key === 'care' ? <CareCalendarPage /> : <TemplatesPage />} />
        <Route path="templates" element={<TemplatesPage />} />
        <Route path="messages" element={<MessageLogPage />} />
        <Route path="care" element={<CareCalendarPage />} />
        <Route path="*" element={<TemplatesPage />} />
      </Routes>
    </>
  );
}
