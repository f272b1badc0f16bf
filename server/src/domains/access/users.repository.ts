import { and, asc, eq, exists, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { keysetAfter, orderByKeys, type SortKey } from '../../kernel/pagination';
import { type RoleRow, roles, type UserRow, userRoles, users } from './access.tables';

export async function insertUsers(db: DbOrTx, rows: UserRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(users).values(rows);
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function findUserByUsername(db: DbOrTx, username: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row ?? null;
}

export async function updateUser(db: DbOrTx, id: string, patch: Partial<Omit<UserRow, 'id'>>): Promise<void> {
  await db.update(users).set(patch).where(eq(users.id, id));
}

/** SEC-03: count a failure; lock once the threshold is reached. Returns the new count. */
export async function recordLoginFailure(
  db: DbOrTx,
  id: string,
  opts: { threshold: number; lockUntil: Date },
): Promise<number> {
  const [row] = await db
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${opts.threshold} then ${opts.lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, id))
    .returning({ failedLogins: users.failedLogins });
  return row?.failedLogins ?? 0;
}

/** `%text%` for ILIKE with the wildcards of the text itself escaped (backslash is the default escape). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Username or display name contains the text, case-insensitively. */
function nameMatches(text: string): SQL | undefined {
  const pattern = containsPattern(text);
  return or(ilike(users.username, pattern), ilike(users.displayName, pattern));
}

export type StaffRef = { id: string; username: string; displayName: string; unitId: string };

/**
 * A small staff lookup (pickers and name display): by ids, or by a name
 * fragment, optionally only active users in some units and holding a role
 * of `book` scope (relationship managers, wealth advisors). Username order.
 */
export function findStaff(
  db: DbOrTx,
  opts: { q?: string; ids?: readonly string[]; unitIds?: readonly string[]; bookHolders?: boolean; limit: number },
): Promise<StaffRef[]> {
  const bookRole = db
    .select({ one: sql`1` })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(eq(userRoles.userId, users.id), eq(roles.dataScope, 'book')));
  const conds: (SQL | undefined)[] = [
    opts.ids ? inArray(users.id, opts.ids.length > 0 ? [...opts.ids] : ['']) : undefined,
    opts.q ? nameMatches(opts.q) : undefined,
    opts.unitIds ? inArray(users.unitId, opts.unitIds.length > 0 ? [...opts.unitIds] : ['']) : undefined,
    opts.bookHolders ? and(eq(users.status, 'active'), exists(bookRole)) : undefined,
  ];
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, unitId: users.unitId })
    .from(users)
    .where(and(...conds))
    .orderBy(asc(users.username))
    .limit(opts.limit);
}

const userKeys: SortKey[] = [{ column: users.username, direction: 'asc' }];

export function listUsers(
  db: DbOrTx,
  opts: { limit: number; after?: unknown[]; unitId?: string; status?: 'active' | 'disabled'; q?: string },
): Promise<UserRow[]> {
  const conds: (SQL | undefined)[] = [
    opts.after ? keysetAfter(userKeys, opts.after) : undefined,
    opts.unitId ? eq(users.unitId, opts.unitId) : undefined,
    opts.status ? eq(users.status, opts.status) : undefined,
    opts.q ? nameMatches(opts.q) : undefined,
  ];
  return db
    .select()
    .from(users)
    .where(and(...conds))
    .orderBy(...orderByKeys(userKeys))
    .limit(opts.limit + 1);
}

export async function insertRoles(db: DbOrTx, rows: RoleRow[], opts: { ignoreExisting?: boolean } = {}): Promise<void> {
  if (rows.length === 0) return;
  const q = db.insert(roles).values(rows);
  await (opts.ignoreExisting ? q.onConflictDoNothing() : q);
}

export function listRoles(db: DbOrTx): Promise<RoleRow[]> {
  return db.select().from(roles).orderBy(asc(roles.code));
}

export function findRolesByCodes(db: DbOrTx, codes: readonly string[]): Promise<RoleRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(roles)
    .where(inArray(roles.code, [...codes]));
}

/** The roles with these codes, locked for update until the transaction ends (start-up reconcile). */
export function lockRolesByCodes(tx: DbOrTx, codes: readonly string[]): Promise<RoleRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(roles)
    .where(inArray(roles.code, [...codes]))
    .orderBy(asc(roles.code))
    .for('update');
}

export async function updateRole(db: DbOrTx, id: string, patch: Partial<Omit<RoleRow, 'id' | 'code'>>): Promise<void> {
  await db.update(roles).set(patch).where(eq(roles.id, id));
}

export function rolesOfUser(db: DbOrTx, userId: string): Promise<RoleRow[]> {
  return db
    .select({ role: roles })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(eq(userRoles.userId, userId))
    .orderBy(asc(roles.code))
    .then((rows) => rows.map((r) => r.role));
}

export function roleCodesOfUsers(db: DbOrTx, userIds: readonly string[]): Promise<{ userId: string; code: string }[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .select({ userId: userRoles.userId, code: roles.code })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(inArray(userRoles.userId, [...userIds]));
}

export async function insertUserRoles(
  db: DbOrTx,
  rows: { userId: string; roleId: string; grantedAt: Date; grantedBy: string; approvalId: string | null }[],
): Promise<void> {
  if (rows.length > 0) await db.insert(userRoles).values(rows).onConflictDoNothing();
}

export async function deleteUserRole(db: DbOrTx, userId: string, roleId: string): Promise<number> {
  const rows = await db
    .delete(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.roleId, roleId)))
    .returning({ userId: userRoles.userId });
  return rows.length;
}
