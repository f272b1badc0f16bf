import { describe, expect, it } from 'vitest';
import { areas, canOpenArea, visibleAreas } from './navigation';

describe('navigation areas', () => {
  it('shows only the areas whose permission the user has, in menu order', () => {
    const keys = visibleAreas(['customers:read', 'workbench:read', 'reports:read']).map((a) => a.key);
    expect(keys).toEqual(['workbench', 'customers', 'reports']);
  });

  it('hides every area from a user without permissions', () => {
    expect(visibleAreas([])).toEqual([]);
  });

  it('opens marketing with campaigns:read', () => {
    expect(canOpenArea(['campaigns:read'], 'marketing')).toBe(true);
    expect(canOpenArea(['customers:read'], 'marketing')).toBe(false);
  });

  it('opens admin with any one admin, audit, approval or cover permission, and not with business ones', () => {
    for (const p of [
      'admin:read',
      'admin:users',
      'admin:units',
      'admin:sessions',
      'admin:tokens',
      'audit:read',
      'approvals:decide',
      'covers:manage',
    ]) {
      expect(canOpenArea([p], 'admin'), p).toBe(true);
    }
    expect(canOpenArea(['customers:read', 'workbench:read', 'audit:verify'], 'admin')).toBe(false);
    expect(visibleAreas(['workbench:read', 'audit:read']).map((a) => a.key)).toEqual(['workbench', 'admin']);
  });

  it('gives every area a distinct path, and no permission opens two areas', () => {
    expect(new Set(areas.map((a) => a.path)).size).toBe(areas.length);
    const all = areas.flatMap((a) => a.permissions);
    expect(new Set(all).size).toBe(all.length);
    for (const a of areas) expect(a.permissions.length, a.key).toBeGreaterThan(0);
  });
});
