import { QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { testUser } from '../test/renderApp';
import { currentUserQuery } from './auth/useCurrentUser';
import { createQueryClient } from './queryClient';

const expired = () => Promise.reject(new ApiError(401, 'auth.unauthenticated', 'Log in first'));

describe('query client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('rechecks the session when a signed-in call gets 401', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ error: {} }), { status: 401 })),
    );
    const client = createQueryClient();
    client.setQueryData(currentUserQuery.queryKey, testUser());
    // the shell watches the session, as <RequireAuth> does in the app
    const unsubscribe = new QueryObserver(client, currentUserQuery).subscribe(() => undefined);
    await client.fetchQuery({ queryKey: ['customers'], queryFn: expired }).catch(() => undefined);
    await vi.waitFor(() => expect(client.getQueryData(currentUserQuery.queryKey)).toBeNull());
    unsubscribe();
  });

  it('leaves the login form alone when the session was never there', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const client = createQueryClient();
    client.setQueryData(currentUserQuery.queryKey, null);
    await client.fetchQuery({ queryKey: ['customers'], queryFn: expired }).catch(() => undefined);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('does not retry client errors', async () => {
    const client = createQueryClient();
    const queryFn = vi.fn(() => Promise.reject(new ApiError(404, 'resource.not_found', 'No such customer')));
    const observer = client.getQueryCache().build(client, { queryKey: ['x'], queryFn });
    await observer.fetch().catch(() => undefined);
    expect(queryFn).toHaveBeenCalledTimes(1);
  });
});
