import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfCookie } from '../../../test/cookies';
import { renderApp } from '../../../test/renderApp';
import { fakeApi, roles, secAdmin } from '../test/fakeApi';

const catalogue = [
  { name: 'customers:read', class: 'business', description: 'View customers' },
  { name: 'audit:read', class: 'oversight', description: 'Search the audit log' },
  { name: 'admin:read', class: 'admin', description: 'View users' },
];

describe('roles tab (AUD-04)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists roles with kind and scope, and shows the permissions of a role by class', async () => {
    fakeApi({ 'GET /api/admin/roles': { items: roles }, 'GET /api/admin/permissions': { items: catalogue } });
    renderApp('/admin/roles', secAdmin());
    const row = (await screen.findByText('安全管理员')).closest('tr') as HTMLElement;
    expect(within(row).getByText('管理类')).toBeTruthy();
    expect(within(row).getByText('无客户数据')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: /展开|Expand/ }));
    expect(await screen.findByText('管理类权限')).toBeTruthy();
    expect(screen.getByText('查看用户、角色、机构与权限目录')).toBeTruthy();
  });

  it('locks business permissions for an admin role and sends only what the kind may hold', async () => {
    setCsrfCookie('csrf-1');
    const calls = fakeApi({
      'GET /api/admin/roles': { items: roles },
      'GET /api/admin/permissions': { items: catalogue },
      'POST /api/admin/roles': { status: 201, body: { ...roles[1], code: 'ops_admin' } },
    });
    renderApp('/admin/roles', secAdmin());
    fireEvent.click(await screen.findByRole('button', { name: '新建角色' }));
    await screen.findByLabelText('代码');
    const drawer = document.querySelector('.ant-drawer') as HTMLElement;
    fireEvent.change(within(drawer).getByLabelText('代码'), { target: { value: 'ops_admin' } });
    fireEvent.change(within(drawer).getByLabelText('名称'), { target: { value: '运维管理员' } });
    // a business role first: customers:read is allowed
    fireEvent.click(within(drawer).getByLabelText(/查看数据范围内的客户/));
    fireEvent.click(within(drawer).getByLabelText('管理类'));
    await waitFor(() =>
      expect((within(drawer).getByLabelText(/查看数据范围内的客户/) as HTMLInputElement).disabled).toBe(true),
    );
    expect((within(drawer).getByLabelText(/查看数据范围内的客户/) as HTMLInputElement).checked).toBe(false);
    expect(within(drawer).getByText('此类角色不能持有业务类权限（AUD-04）')).toBeTruthy();
    fireEvent.click(within(drawer).getByLabelText(/查看用户、角色、机构与权限目录/));
    fireEvent.click(within(drawer).getByLabelText(/查询审计日志/));
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      code: 'ops_admin',
      name: '运维管理员',
      kind: 'admin',
      dataScope: 'none',
      permissions: ['admin:read', 'audit:read'],
    });
  }, 150_000);
});
