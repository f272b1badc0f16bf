import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfCookie } from '../../../test/cookies';
import { renderApp } from '../../../test/renderApp';
import { fakeApi, roles, secAdmin, user } from '../test/fakeApi';

const sysAdmin = () =>
  secAdmin({
    username: 'admin',
    roles: ['sys_admin'],
    permissions: ['admin:read', 'admin:sessions', 'admin:tokens', 'admin:units'],
  });

const token = {
  id: 'tok_1',
  ownerId: 'usr_li',
  name: '核心系统同步',
  prefix: 'bnyt_ab12',
  permissions: ['customers:read'],
  expiresAt: '2027-03-02T00:00:00.000Z',
  createdAt: '2026-03-02T00:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  owner: { username: 'li.na', displayName: '李娜' },
};

describe('API tokens tab', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("issues a token with a subset of the owner's permissions and shows the secret once with a warning", async () => {
    setCsrfCookie('csrf-1');
    const calls = fakeApi({
      'GET /api/admin/tokens': { items: [] },
      'GET /api/admin/users': { items: [user()], nextCursor: null },
      'GET /api/admin/users/:id': user(),
      'GET /api/admin/roles': { items: roles },
      'GET /api/admin/permissions': {
        items: [
          { name: 'customers:read', class: 'business', description: 'View customers' },
          { name: 'customers:write', class: 'business', description: 'Update customers' },
        ],
      },
      'POST /api/admin/tokens': { status: 201, body: { token, secret: 'bnyt_ab12SECRETVALUE' } },
    });
    renderApp('/admin/tokens', sysAdmin());
    fireEvent.click(await screen.findByRole('button', { name: '签发令牌' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByLabelText('归属用户'));
    fireEvent.click(await screen.findByTitle('李娜（li.na）'));
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '核心系统同步' } });
    const permissions = within(dialog).getByLabelText('权限范围');
    // the permission list opens once the owner is chosen
    await waitFor(() => expect(permissions.closest('.ant-select')?.className).not.toMatch(/disabled/));
    fireEvent.mouseDown(permissions);
    // the owner's role (rm) holds customers:read only, so customers:write is not offered
    fireEvent.click(await screen.findByTitle('查看数据范围内的客户（脱敏）（customers:read）'));
    expect(screen.queryByTitle('新建和维护客户（customers:write）')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: '签发' }));

    expect(await screen.findByText('bnyt_ab12SECRETVALUE')).toBeTruthy();
    expect(screen.getByText(/它只显示这一次/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      ownerId: 'usr_li',
      name: '核心系统同步',
      permissions: ['customers:read'],
      expiresInDays: 90,
    });
    fireEvent.click(screen.getByRole('button', { name: '我已保存' }));
    await waitFor(() => expect(screen.queryByText('bnyt_ab12SECRETVALUE')).toBeNull());
    // many antd widgets in one journey: slow on a loaded machine
  }, 150_000);

  it('lists tokens with owner and state, and revokes after a confirmation', async () => {
    setCsrfCookie('csrf-1');
    const calls = fakeApi({
      'GET /api/admin/tokens': {
        items: [token, { ...token, id: 'tok_2', name: '旧令牌', revokedAt: '2026-03-01T00:00:00Z' }],
      },
      'DELETE /api/admin/tokens/:id': { status: 204 },
    });
    renderApp('/admin/tokens', sysAdmin());
    expect((await screen.findAllByText('李娜（li.na）')).length).toBe(2);
    expect(screen.getByText('已吊销')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: '吊销' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: '吊销' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '吊销' }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/admin/tokens/tok_1')).toBe(true),
    );
  });
});
