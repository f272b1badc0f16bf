import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfCookie } from '../../test/cookies';
import { renderApp, testUser } from '../../test/renderApp';
import { currentUserQuery } from '../auth/useCurrentUser';

describe('logout', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts the logout with the CSRF header, forgets the session and shows the login page', async () => {
    setCsrfCookie('csrf-abc');
    const sent: Request[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        sent.push(request);
        return new Response(null, { status: 204 });
      }),
    );
    const { router, queryClient } = renderApp('/workbench', testUser());
    fireEvent.click(await screen.findByRole('button', { name: '退出登录' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['POST /api/auth/logout']);
    expect(sent[0]?.headers.get('x-csrf-token')).toBe('csrf-abc');
    expect(queryClient.getQueryData(currentUserQuery.queryKey)).toBeNull();
    expect(await screen.findByRole('button', { name: '登录' })).toBeTruthy();
  });
});
