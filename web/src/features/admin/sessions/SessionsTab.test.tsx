import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfCookie } from '../../../test/cookies';
import { renderApp } from '../../../test/renderApp';
import { fakeApi, secAdmin, user } from '../test/fakeApi';

const session = (id: string) => ({
  id,
  createdAt: '2026-03-02T01:00:00.000Z',
  lastSeenAt: '2026-03-02T01:10:00.000Z',
  expiresAt: '2026-03-02T11:00:00.000Z',
  endedAt: null,
  endReason: null,
  ip: '10.1.2.3',
  userAgent: `Browser ${id}`,
  live: true,
});

describe('sessions tab (SEC-04)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lists a user's live sessions and ends one, then all, after confirmations", async () => {
    setCsrfCookie('csrf-1');
    const calls = fakeApi({
      'GET /api/admin/users/:id': user(),
      'GET /api/admin/users': { items: [user()], nextCursor: null },
      'GET /api/admin/users/:id/sessions': { items: [session('ses_a'), session('ses_b')] },
      'DELETE /api/admin/users/:id/sessions/:sessionId': { status: 204 },
      'DELETE /api/admin/users/:id/sessions': { ended: 2 },
    });
    renderApp('/admin/sessions?user=usr_li', secAdmin());
    const row = (await screen.findByText('Browser ses_b')).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: '结束会话' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '结束会话' }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/admin/users/usr_li/sessions/ses_b')).toBe(
        true,
      ),
    );
    await waitFor(() => expect(screen.queryAllByRole('dialog')).toHaveLength(0));
    fireEvent.click(screen.getByRole('button', { name: '结束全部会话' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('该用户在所有设备上将立即退出登录。')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '结束全部会话' }));
    expect(await screen.findByText('已结束 2 个会话')).toBeTruthy();
  }, 150_000);
});
