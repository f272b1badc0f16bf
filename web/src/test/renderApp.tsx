import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProviders } from '../app/AppProviders';
import type { CurrentUser } from '../app/auth/authApi';
import { currentUserQuery } from '../app/auth/useCurrentUser';
import { createQueryClient } from '../app/queryClient';
import { routes } from '../app/routes';

/** A relationship manager of a sub-branch, with the areas such a role typically has. */
export function testUser(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: 'usr_test_rm01',
    username: 'rm01',
    displayName: '李经理',
    unit: { id: 'unit_sz_futian', code: 'SZ-FT', name: '深圳福田支行' },
    roles: ['relationship_manager'],
    permissions: ['workbench:read', 'customers:read', 'products:read', 'complaints:read'],
    totpEnabled: false,
    totpEnrolmentRequired: false,
    ...overrides,
  };
}

/** Render the whole app at a path; `user: null` means no session, undefined leaves the session to fetch. */
export function renderApp(path: string, user?: CurrentUser | null) {
  const queryClient = createQueryClient();
  if (user !== undefined) queryClient.setQueryData(currentUserQuery.queryKey, user);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, queryClient };
}
