import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client';
import { currentUserQuery } from './auth/useCurrentUser';

/**
 * The app's query client. A 401 from any call means the session ended (expiry, logout
 * elsewhere): refetching the current user then sends the shell back to the login page.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey[0]) }),
    mutationCache: new MutationCache({ onError: (error) => onError(error, undefined) }),
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        // client errors (4xx) will not change on retry; network and 5xx errors may
        retry: (failures, error) => failures < 2 && !(isApiError(error) && error.status < 500),
      },
    },
  });
  function onError(error: unknown, root: unknown): void {
    // only a signed-in shell reacts: a 401 from the login form itself is a wrong password, not an expiry
    const signedIn = Boolean(client.getQueryData(currentUserQuery.queryKey));
    if (signedIn && isApiError(error) && error.status === 401 && root !== currentUserQuery.queryKey[0]) {
      void client.invalidateQueries({ queryKey: currentUserQuery.queryKey });
    }
  }
  return client;
}
