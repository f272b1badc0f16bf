import { queryOptions } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { type CurrentUser, fetchCurrentUser } from './authApi';

/** One cache entry for the session's user: null means "not logged in". */
export const currentUserQuery = queryOptions({
  queryKey: ['auth', 'me'] as const,
  queryFn: fetchCurrentUser,
  staleTime: 5 * 60_000,
  retry: false,
});

/**
 * The signed-in user, provided by <RequireAuth>. A context rather than a read of the query
 * cache, so that when the session ends the pages below unmount before they could see no user.
 */
export const CurrentUserContext = createContext<CurrentUser | null>(null);

/** The signed-in user; only call below <RequireAuth>, which guarantees there is one. */
export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser used outside <RequireAuth>');
  return user;
}
