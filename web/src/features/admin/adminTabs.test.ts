import { describe, expect, it } from 'vitest';
import { visibleAdminTabs } from './adminTabs';

// the permission sets of the seeded roles (server/src/domains/access/roles.ts)
const secAdmin = ['admin:read', 'admin:users', 'admin:roles', 'admin:sessions', 'approvals:decide'];
const sysAdmin = ['admin:read', 'admin:units', 'admin:sessions', 'admin:tokens'];
const auditor = ['admin:read', 'audit:read', 'audit:verify'];
const compliance = ['customers:read', 'audit:read', 'approvals:decide'];
const branchManager = ['customers:read', 'covers:manage', 'approvals:decide'];

const keys = (permissions: string[]) => visibleAdminTabs(permissions).map((t) => t.key);

describe('admin tabs by permission', () => {
  it('shows the security administrator users, roles, units, sessions and approvals', () => {
    expect(keys(secAdmin)).toEqual(['users', 'roles', 'units', 'sessions', 'approvals']);
  });

  it('shows the system administrator sessions and API tokens but no approvals', () => {
    expect(keys(sysAdmin)).toEqual(['users', 'roles', 'units', 'sessions', 'tokens']);
  });

  it('shows the auditor the read-only lists and the audit log', () => {
    expect(keys(auditor)).toEqual(['users', 'roles', 'units', 'audit']);
  });

  it('shows compliance only approvals and the audit log, and a branch manager approvals and covers', () => {
    expect(keys(compliance)).toEqual(['approvals', 'audit']);
    expect(keys(branchManager)).toEqual(['approvals', 'covers']);
  });

  it('shows no tab without permissions, and no token tab without the user list', () => {
    expect(keys([])).toEqual([]);
    expect(keys(['admin:tokens'])).toEqual([]);
  });
});
