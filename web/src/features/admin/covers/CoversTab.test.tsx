import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfCookie } from '../../../test/cookies';
import { renderApp, testUser } from '../../../test/renderApp';
import { fakeApi } from '../test/fakeApi';

const branchManager = () =>
  testUser({
    id: 'usr_bm',
    username: 'bm01',
    roles: ['branch_manager'],
    permissions: ['customers:read', 'covers:manage'],
  });

const staff = [
  { id: 'usr_rm1', username: 'rm01', displayName: '张伟', unitId: 'org_bj01' },
  { id: 'usr_rm2', username: 'rm02', displayName: '王芳', unitId: 'org_bj01' },
];

describe('covers tab (DS-05)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('picks RMs from the cover candidates of the manager and refuses the same person on both sides before sending', async () => {
    setCsrfCookie('csrf-1');
    const cover = {
      id: 'rel_1',
      covererId: 'usr_rm2',
      coveredId: 'usr_rm1',
      startsAt: '2026-03-02T01:00:00.000Z',
      expiresAt: '2099-03-09T01:00:00.000Z',
      reason: '休假',
      endedAt: null,
      coverer: { username: 'rm02', displayName: '王芳' },
      covered: { username: 'rm01', displayName: '张伟' },
    };
    let created = false;
    const calls = fakeApi({
      'GET /api/covers': () => ({ items: created ? [cover] : [] }),
      'GET /api/covers/staff': { items: staff },
      'POST /api/covers': () => {
        created = true;
        return { status: 201, body: cover };
      },
    });
    renderApp('/admin/covers', branchManager());
    expect(await screen.findByRole('tab', { name: '代管安排' })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: '用户' })).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: '新增代管' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByLabelText('被代管客户经理'));
    fireEvent.click((await screen.findAllByTitle('张伟（rm01）'))[0] as HTMLElement);
    fireEvent.mouseDown(within(dialog).getByLabelText('代管人'));
    const options = await screen.findAllByTitle('张伟（rm01）');
    fireEvent.click(options.at(-1) as HTMLElement);
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('代管人与被代管人不能是同一人')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(calls.some((c) => c.path === '/api/covers/staff')).toBe(true);
  }, 150_000);

  it('ends a live cover after saying who loses access', async () => {
    setCsrfCookie('csrf-1');
    const calls = fakeApi({
      'GET /api/covers': {
        items: [
          {
            id: 'rel_1',
            covererId: 'usr_rm2',
            coveredId: 'usr_rm1',
            startsAt: '2026-03-02T01:00:00.000Z',
            expiresAt: '2099-03-09T01:00:00.000Z',
            reason: '休假',
            endedAt: null,
            coverer: { username: 'rm02', displayName: '王芳' },
            covered: { username: 'rm01', displayName: '张伟' },
          },
        ],
      },
      'POST /api/covers/:id/end': { status: 204 },
    });
    renderApp('/admin/covers', branchManager());
    fireEvent.click(await screen.findByRole('button', { name: '提前结束' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('王芳（rm02） 将立即无法查看 张伟（rm01） 名下的客户。')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '提前结束' }));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/covers/rel_1/end')).toBe(true));
  });
});
