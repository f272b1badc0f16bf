import type { Actor } from '../../kernel/actor';
import type { DbOrTx } from '../../kernel/db';
import type { RoleRow, UserRow } from './access.tables';
import { activeCoversOf, findUnitById, subtreeUnits } from './org.repository';
import { scopeFor } from './scope';
import { rolesOfUser } from './users.repository';

/** SEC-03: a user holding a role that requires TOTP has no permission until TOTP is enrolled. */
export function totpRequired(roles: readonly Pick<RoleRow, 'requiresTotp'>[]): boolean {
  return roles.some((r) => r.requiresTotp);
}

/**
 * Build the actor of a user from the database as it is now: permissions are
 * the union of their roles' (SEC-06: recomputed per request, so a change
 * applies at once), scope from scopeFor.
 */
export async function loadActor(
  db: DbOrTx,
  user: UserRow,
  now: Date,
  via: { sessionId?: string | null; tokenId?: string | null } = {},
): Promise<Actor & { totpPending: boolean }> {
  const roles = await rolesOfUser(db, user.id);
  const totpPending = totpRequired(roles) && !user.totpEnabledAt;
  const permissions = new Set<string>();
  if (!totpPending) for (const r of roles) for (const p of r.permissions) permissions.add(p);
  const kinds = new Set(roles.map((r) => r.dataScope));
  let units: { id: string; path: string }[] = [];
  if (kinds.has('units') && !kinds.has('all')) {
    const own = await findUnitById(db, user.unitId);
    units = own ? await subtreeUnits(db, own.path) : [];
  }
  const covers = kinds.has('book') ? await activeCoversOf(db, user.id, now) : [];
  const scope = totpPending ? ({ kind: 'none' } as const) : scopeFor(user, roles, units, covers, now);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    unitId: user.unitId,
    roles: roles.map((r) => r.code),
    permissions,
    scope,
    sessionId: via.sessionId ?? null,
    tokenId: via.tokenId ?? null,
    totpPending,
  };
}
