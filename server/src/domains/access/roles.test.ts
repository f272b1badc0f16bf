import { describe, expect, it } from 'vitest';
import { permissionCatalogue } from './permissions';
import { checkRoleCombination, checkRolePermissions, defaultRoleCodes, defaultRoles } from './roles';

const role = (code: string) => ({ code, kind: defaultRoles[code as keyof typeof defaultRoles].kind });

describe('AUD-04 admin roles are separated', () => {
  it('rejects one user holding both sec_admin and auditor', () => {
    expect(() => checkRoleCombination([role('sec_admin'), role('auditor')])).toThrow(/AUD-04/);
    expect(() => checkRoleCombination([role('sys_admin'), role('sec_admin')])).toThrow(/AUD-04/);
  });

  it('rejects an admin role combined with a business role', () => {
    expect(() => checkRoleCombination([role('sys_admin'), role('rm')])).toThrow(/business role/);
  });

  it('accepts business roles together and one admin role alone', () => {
    expect(() => checkRoleCombination([role('rm'), role('wealth_advisor')])).not.toThrow();
    expect(() => checkRoleCombination([role('auditor')])).not.toThrow();
  });

  it('gives no admin role a customer permission, and no business role an admin one', () => {
    for (const code of defaultRoleCodes) {
      const r = defaultRoles[code];
      expect(() => checkRolePermissions(r.kind, r.permissions), code).not.toThrow();
      if (r.kind === 'admin') {
        expect(r.dataScope).toBe('none');
        expect(r.permissions.filter((p) => permissionCatalogue[p].class === 'business')).toEqual([]);
      }
    }
    expect(() => checkRolePermissions('admin', ['customers:read'])).toThrow(/admin role/);
    expect(() => checkRolePermissions('business', ['admin:users'])).toThrow(/business role/);
    expect(() => checkRolePermissions('business', ['customers:fly'])).toThrow(/Unknown permission/);
  });

  it('seeds exactly the ten documented roles, TOTP required for admins and compliance', () => {
    expect(Object.keys(defaultRoles).sort()).toEqual([...defaultRoleCodes].sort());
    const totp = defaultRoleCodes.filter((c) => defaultRoles[c].requiresTotp).sort();
    expect(totp).toEqual(['auditor', 'compliance_officer', 'sec_admin', 'sys_admin']);
  });
});
