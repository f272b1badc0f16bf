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

  it('opens marketing with campaigns:read and admin with admin:users', () => {
    expect(canOpenArea(['campaigns:read'], 'marketing')).toBe(true);
    expect(canOpenArea(['admin:read'], 'admin')).toBe(false);
    expect(canOpenArea(['admin:users'], 'admin')).toBe(true);
  });

  it('gives every area a distinct path and permission', () => {
    expect(new Set(areas.map((a) => a.path)).size).toBe(areas.length);
    expect(new Set(areas.map((a) => a.permission)).size).toBe(areas.length);
  });
});
