import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../../test/renderApp';
import { auditorUser, fakeApi } from '../test/fakeApi';

function record(seq: number, overrides: Record<string, unknown> = {}) {
  return {
    id: `aud_${seq}`,
    seq,
    at: '2026-03-02T01:00:00.000Z',
    actorId: 'usr_sec',
    actorRoles: ['sec_admin'],
    actorUnitId: 'org_hq',
    action: 'user.create',
    subjectType: 'user',
    subjectId: `usr_new${seq}`,
    customerId: null,
    requestId: `req_${seq}`,
    ip: '10.0.0.8',
    channel: 'web',
    reason: null,
    changes: { username: `new${seq}`, unitId: { from: 'org_bj01', to: 'org_bj02' } },
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    ...overrides,
  };
}

describe('audit tab', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('searches by action and request id, names the actor, and pages on with the cursor', async () => {
    const calls = fakeApi({
      'GET /api/audit': ({ query }: { query: URLSearchParams }) =>
        query.get('cursor') === 'c2'
          ? { items: [record(1)], nextCursor: null }
          : { items: [record(3), record(2)], nextCursor: 'c2' },
      'GET /api/audit/actors': {
        items: [{ id: 'usr_sec', username: 'secadmin', displayName: '安全管理员甲', unitId: 'org_hq' }],
      },
    });
    renderApp('/admin/audit', auditorUser());
    expect((await screen.findAllByText('安全管理员甲（secadmin）')).length).toBe(2);
    fireEvent.change(screen.getByLabelText('操作'), { target: { value: 'user.create' } });
    fireEvent.change(screen.getByLabelText('请求 ID'), { target: { value: ' req_3 ' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    await waitFor(() => {
      const q = calls.filter((c) => c.path === '/api/audit').at(-1)?.query;
      expect(q?.get('action')).toBe('user.create');
      expect(q?.get('requestId')).toBe('req_3');
      expect(q?.get('limit')).toBe('50');
    });
    fireEvent.click(await screen.findByRole('button', { name: '加载更多' }));
    expect(await screen.findByText('usr_new1')).toBeTruthy();
    expect(
      calls
        .filter((c) => c.path === '/api/audit')
        .at(-1)
        ?.query.get('cursor'),
    ).toBe('c2');
  });

  it('refuses an action that is not an action name or prefix before asking the server', async () => {
    const calls = fakeApi({ 'GET /api/audit': { items: [], nextCursor: null } });
    renderApp('/admin/audit', auditorUser());
    await screen.findByText('没有符合条件的审计记录');
    fireEvent.change(screen.getByLabelText('操作'), { target: { value: 'DROP TABLE' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    expect(await screen.findByText('如 user.create，或前缀 customer.*')).toBeTruthy();
    expect(calls.filter((c) => c.path === '/api/audit')).toHaveLength(1);
  });

  it('opens the details drawer with the changed fields, from and to', async () => {
    fakeApi({
      'GET /api/audit': { items: [record(7)], nextCursor: null },
      'GET /api/audit/actors': { items: [] },
    });
    renderApp('/admin/audit', auditorUser());
    fireEvent.click(await screen.findByRole('button', { name: '详情' }));
    const drawer = (await screen.findByText('审计记录 #7')).closest('.ant-drawer') as HTMLElement;
    expect(within(drawer).getByText('new7')).toBeTruthy();
    expect(within(drawer).getByText(/org_bj01/)).toBeTruthy();
    expect(within(drawer).getByText(/org_bj02/)).toBeTruthy();
    expect(within(drawer).getByText('req_7')).toBeTruthy();
  });

  it('verifies the chain and names the first broken record', async () => {
    fakeApi({
      'GET /api/audit': { items: [], nextCursor: null },
      'GET /api/audit/verify': {
        ok: false,
        checked: 41,
        head: { seq: 41, hash: 'c'.repeat(64) },
        firstBroken: { seq: 17, id: 'aud_17', reason: 'hash_mismatch' },
      },
    });
    renderApp('/admin/audit', auditorUser());
    fireEvent.click(await screen.findByRole('button', { name: '校验哈希链' }));
    expect(await screen.findByText('哈希链已被破坏（已校验 41 条）')).toBeTruthy();
    expect(screen.getByText('第一条异常记录：序号 17，ID aud_17，原因：记录内容与哈希不符（被修改）')).toBeTruthy();
  });

  it('offers chain verification only with audit:verify', async () => {
    fakeApi({ 'GET /api/audit': { items: [], nextCursor: null } });
    renderApp('/admin/audit', { ...auditorUser(), permissions: ['audit:read'] });
    await screen.findByText('没有符合条件的审计记录');
    expect(screen.queryByRole('button', { name: '校验哈希链' })).toBeNull();
  });
});
