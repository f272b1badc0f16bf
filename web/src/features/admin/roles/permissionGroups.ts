import type { Permission } from '../adminApi';

export type PermissionClass = 'admin' | 'business' | 'oversight';
export const permissionClasses: readonly PermissionClass[] = ['admin', 'business', 'oversight'];

/** The catalogue grouped by class, in catalogue order within each. */
export function groupPermissions(catalogue: readonly Permission[]): Record<PermissionClass, Permission[]> {
  const groups: Record<PermissionClass, Permission[]> = { admin: [], business: [], oversight: [] };
  for (const p of catalogue) {
    if (p.class === 'admin' || p.class === 'business' || p.class === 'oversight') groups[p.class].push(p);
  }
  return groups;
}

/**
 * AUD-04: which class a role of this kind may not hold: an admin role no
 * business (customer) permission, a business role no admin permission.
 */
export function forbiddenClass(kind: 'admin' | 'business'): PermissionClass {
  return kind === 'admin' ? 'business' : 'admin';
}

/** The permissions of `selected` that a role of `kind` may keep. */
export function allowedFor(kind: 'admin' | 'business', selected: readonly string[], catalogue: readonly Permission[]) {
  const forbidden = forbiddenClass(kind);
  const classOf = new Map(catalogue.map((p) => [p.name, p.class]));
  return selected.filter((name) => classOf.get(name) !== forbidden);
}
