/** The tabs of the admin area and the permissions each needs (all of them). */
export type AdminTabKey = 'users' | 'roles' | 'units' | 'sessions' | 'tokens' | 'approvals' | 'covers' | 'audit';

export type AdminTab = { key: AdminTabKey; requires: readonly string[] };

export const adminTabs: readonly AdminTab[] = [
  { key: 'users', requires: ['admin:read'] },
  { key: 'roles', requires: ['admin:read'] },
  { key: 'units', requires: ['admin:read'] },
  // the user picker of these two tabs lists users (admin:read)
  { key: 'sessions', requires: ['admin:sessions', 'admin:read'] },
  { key: 'tokens', requires: ['admin:tokens', 'admin:read'] },
  { key: 'approvals', requires: ['approvals:decide'] },
  { key: 'covers', requires: ['covers:manage'] },
  { key: 'audit', requires: ['audit:read'] },
];

/** The tabs a user with these permissions sees, in order. */
export function visibleAdminTabs(permissions: readonly string[]): AdminTab[] {
  const held = new Set(permissions);
  return adminTabs.filter((tab) => tab.requires.every((p) => held.has(p)));
}
