import { Layout, Menu } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { FullPageSpinner } from '../../ui/FullPageSpinner';
import { useCurrentUser } from '../auth/useCurrentUser';
import { visibleAreas } from '../navigation';
import { AppHeader } from './AppHeader';

/** The signed-in frame: header, side menu of the areas the user may open, and the page. */
export function MainLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const items = visibleAreas(user.permissions).map((area) => ({
    key: area.path,
    icon: area.icon,
    label: <Link to={area.path}>{t(`nav.${area.key}`)}</Link>,
  }));
  const selected = items.filter((i) => location.pathname === i.key || location.pathname.startsWith(`${i.key}/`));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader />
      <Layout>
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          width={208}
          theme="light"
          style={{ borderRight: '1px solid rgba(5, 5, 5, 0.06)' }}
        >
          <nav aria-label={t('nav.label')}>
            <Menu
              mode="inline"
              selectedKeys={selected.map((i) => i.key)}
              items={items}
              style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <Suspense fallback={<FullPageSpinner label={t('status.loading')} />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
