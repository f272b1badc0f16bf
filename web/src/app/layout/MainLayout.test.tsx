import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUser } from '../../test/renderApp';

function menu() {
  return within(screen.getByRole('navigation'));
}

describe('main layout', () => {
  it('shows the Chinese menu, user and unit by default', async () => {
    renderApp('/workbench', testUser());
    expect(await menu().findByText('工作台')).toBeTruthy();
    expect(menu().getByText('客户')).toBeTruthy();
    expect(screen.getByText('李经理')).toBeTruthy();
    expect(screen.getByText('深圳福田支行')).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('switches the menu labels to English and remembers only the language', async () => {
    renderApp('/workbench', testUser());
    await menu().findByText('工作台');
    fireEvent.click(screen.getByText('English'));
    expect(await menu().findByText('Workbench')).toBeTruthy();
    expect(menu().getByText('Customers')).toBeTruthy();
    expect(menu().queryByText('工作台')).toBeNull();
    expect(screen.getByText('Log out')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem('banyan.lang')).toBe('en');
    expect(window.localStorage.length).toBe(1);
  });

  it('hides the areas the user has no permission for', async () => {
    renderApp('/workbench', testUser({ permissions: ['workbench:read', 'customers:read'] }));
    await menu().findByText('工作台');
    expect(menu().getByText('客户')).toBeTruthy();
    for (const hidden of ['产品', '投诉', '营销', '报表', '管理']) expect(menu().queryByText(hidden)).toBeNull();
  });

  it('shows the admin area to a user with an admin or audit permission', async () => {
    renderApp('/admin', testUser({ permissions: ['admin:users'] }));
    expect(await menu().findByText('管理')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: '系统管理' })).toBeTruthy();
  });

  it('refuses an area opened by address without its permission', async () => {
    renderApp('/admin', testUser());
    expect(await screen.findByText('无权访问')).toBeTruthy();
  });

  it('opens the first permitted area from /', async () => {
    const { router } = renderApp('/', testUser({ permissions: ['customers:read', 'reports:read'] }));
    expect(await screen.findByRole('heading', { name: '客户管理' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/customers');
  });
});
