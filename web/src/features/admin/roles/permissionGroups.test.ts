import { describe, expect, it } from 'vitest';
import type { Permission } from '../adminApi';
import { allowedFor, forbiddenClass, groupPermissions } from './permissionGroups';

const catalogue: Permission[] = [
  { name: 'customers:read', class: 'business', description: '' },
  { name: 'audit:read', class: 'oversight', description: '' },
  { name: 'admin:read', class: 'admin', description: '' },
  { name: 'admin:users', class: 'admin', description: '' },
];

describe('permission classes (AUD-04)', () => {
  it('groups the catalogue by class in catalogue order', () => {
    const g = groupPermissions(catalogue);
    expect(g.admin.map((p) => p.name)).toEqual(['admin:read', 'admin:users']);
    expect(g.business.map((p) => p.name)).toEqual(['customers:read']);
    expect(g.oversight.map((p) => p.name)).toEqual(['audit:read']);
  });

  it('keeps business permissions off admin roles and admin permissions off business roles', () => {
    expect(forbiddenClass('admin')).toBe('business');
    expect(forbiddenClass('business')).toBe('admin');
    const picked = ['customers:read', 'audit:read', 'admin:read'];
    expect(allowedFor('admin', picked, catalogue)).toEqual(['audit:read', 'admin:read']);
    expect(allowedFor('business', picked, catalogue)).toEqual(['customers:read', 'audit:read']);
  });
});
