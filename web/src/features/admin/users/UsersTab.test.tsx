import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfCookie } from '../../../test/cookies';
import { renderApp } from '../../../test/renderApp';
import { apiError, fakeApi, roles, secAdmin, units, user } from '../test/fakeApi';

const base = {
  'GET /api/units': { items: units },
  'GET /api/admin/roles': { items: roles },
};

function fill(label: string, value: string, scope: HTMLElement = document.body) {
  fireEvent.change(within(scope).getByLabelText(label), { target: { value } });
}

async function pickTreeUnit(drawer: HTMLElement, name: string) {
  fireEvent.mouseDown(within(drawer).getByLabelText('所属机构'));
  fireEvent.click(await screen.findByTitle(name));
}

describe('users tab', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists users with unit names, role names and a pending grant, and searches by name and status', async () => {
    const calls = fakeApi({
      ...base,
      'GET /api/admin/users': {
        items: [
          user({
            pendingGrants: [{ approvalId: 'apr_1', roles: ['rm'], requestedAt: '2026-03-02T00:00:00Z' }],
            roles: [],
          }),
        ],
        nextCursor: null,
      },
    });
    renderApp('/admin/users', secAdmin());
    expect(await screen.findByText('待审批：客户经理')).toBeTruthy();
    expect(await screen.findByText('北京海淀支行')).toBeTruthy();
    fill('搜索用户', '李');
    fireEvent.keyDown(screen.getByLabelText('搜索用户'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() =>
      expect(calls.some((c) => c.path === '/api/admin/users' && c.query.get('q') === '李')).toBe(true),
    );
  });

  it('creates a user, shows the password policy reason on the field, then says the roles await approval', async () => {
    setCsrfCookie('csrf-1');
    let attempts = 0;
    const calls = fakeApi({
      ...base,
      'GET /api/admin/users': { items: [], nextCursor: null },
      'POST /api/admin/users': () =>
        ++attempts === 1
          ? apiError(400, 'auth.password_policy', 'password: must be at least 12 characters', {
              field: 'password',
              reason: 'too_short',
              minLength: 12,
            })
          : { status: 201, body: { user: user({ username: 'wang.wu', roles: [] }), approvalId: 'apr_9' } },
    });
    renderApp('/admin/users', secAdmin());
    fireEvent.click(await screen.findByRole('button', { name: '新建用户' }));
    await screen.findByLabelText('初始密码');
    const drawer = document.querySelector('.ant-drawer') as HTMLElement;
    fill('用户名', 'wang.wu', drawer);
    fill('姓名', '王五', drawer);
    await pickTreeUnit(drawer, '北京海淀支行（BJ01）');
    fireEvent.mouseDown(within(drawer).getByLabelText('角色'));
    fireEvent.click(await screen.findByTitle('客户经理（rm）'));
    fill('初始密码', 'short-one', drawer);
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(await within(drawer).findByText('密码长度至少 12 位')).toBeTruthy();

    fill('初始密码', 'long enough passphrase', drawer);
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect((await screen.findAllByText('用户 wang.wu 已创建')).length).toBeGreaterThan(0);
    expect(screen.getByText(/所选角色已提交审批（待审批）/)).toBeTruthy();
    const posted = calls.filter((c) => c.method === 'POST');
    expect(posted[1]?.body).toEqual({
      username: 'wang.wu',
      displayName: '王五',
      email: null,
      unitId: 'org_bj01',
      roles: ['rm'],
      password: 'long enough passphrase',
    });
  });

  it('warns that disabling ends the sessions at once before it disables', async () => {
    setCsrfCookie('csrf-1');
    const calls = fakeApi({
      ...base,
      'GET /api/admin/users': { items: [user()], nextCursor: null },
      'POST /api/admin/users/:id/disable': user({ status: 'disabled' }),
    });
    renderApp('/admin/users', secAdmin());
    fireEvent.click(await screen.findByRole('button', { name: '停用' }));
    expect(await screen.findByText(/所有会话将立即结束/)).toBeTruthy();
    expect(calls.some((c) => c.path.endsWith('/disable'))).toBe(false);
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '停用' }));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/admin/users/usr_li/disable')).toBe(true));
  });

  it('requests a role grant with a reason and tells that it awaits approval', async () => {
    setCsrfCookie('csrf-1');
    const calls = fakeApi({
      ...base,
      'GET /api/admin/users': { items: [user({ roles: [] })], nextCursor: null },
      'POST /api/admin/users/:id/roles': { status: 202, body: { approvalId: 'apr_2' } },
    });
    renderApp('/admin/users', secAdmin());
    fireEvent.click(await screen.findByRole('button', { name: '授予角色' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByLabelText('角色'));
    fireEvent.click(await screen.findByTitle('客户经理（rm）'));
    fill('申请理由', '新入职', dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: '提交审批' }));
    expect(await screen.findByText('已提交审批，待另一名管理员批准')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ roles: ['rm'], reason: '新入职' });
  });

  it('hides the write actions from a read-only administrator', async () => {
    fakeApi({ ...base, 'GET /api/admin/users': { items: [user()], nextCursor: null } });
    renderApp('/admin/users', secAdmin({ permissions: ['admin:read', 'audit:read'] }));
    expect(await screen.findByText('li.na')).toBeTruthy();
    for (const name of ['新建用户', '停用', '重置密码', '授予角色', '编辑']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
  });
});
