import type { Actor } from '../../kernel/actor';
import type { Clock } from '../../kernel/clock';
import { type DbOrTx, inTransaction, type Tx } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { decodeCursor, type Page, toPage } from '../../kernel/pagination';
import { type AuditEntry, auditContext } from '../audit';
import type { AccessConfig, AccessDeps, AuditWriter } from './access.deps';
import { accessError } from './access.errors';
import type { RoleRow, UserRow } from './access.tables';
import { pendingForSubjects } from './approvals.repository';
import { requestApproval } from './approvals.service';
import { normaliseUsername } from './auth.service';
import { findUnitById } from './org.repository';
import { assertPasswordPolicy, hashParamsFrom, hashPassword } from './password';
import { checkRoleCombination } from './roles';
import { endUserSessions } from './sessions.repository';
import {
  findRolesByCodes,
  findUserById,
  findUserByUsername,
  insertUserRoles,
  insertUsers,
  listUsers,
  roleCodesOfUsers,
  rolesOfUser,
  updateUser,
} from './users.repository';

type Req = { id: string; ip: string };

export const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export type NewUser = {
  /** a fixed id (demo data); otherwise a new one */
  id?: string;
  username: string;
  displayName: string;
  email?: string | null;
  unitId: string;
  roleCodes: readonly string[];
  /** a plain password (checked against SEC-02 and hashed) ... */
  password?: string;
  /** ... or a hash made with hashPassword (bulk loads hash once for many users) */
  passwordHash?: string;
};

export type CreateUserDeps = { clock: Clock; audit: AuditWriter; config: AccessConfig };

export async function resolveRoles(tx: DbOrTx, codes: readonly string[]): Promise<RoleRow[]> {
  const found = await findRolesByCodes(tx, codes);
  const missing = codes.filter((c) => !found.some((r) => r.code === c));
  if (missing.length > 0) {
    throw accessError('access.role_not_found', `Unknown role ${missing.join(', ')}`, { field: 'roles', missing });
  }
  return found;
}

/**
 * Create staff users with their roles directly, without maker-checker: for
 * the operator's CLI and the demo loader (bootstrap paths). Staff created
 * through the API get their roles through approval instead.
 */
export async function createUsers(
  tx: Tx,
  deps: CreateUserDeps,
  inputs: readonly NewUser[],
  actor: Pick<AuditEntry, 'actorId' | 'actorRoles' | 'actorUnitId' | 'requestId' | 'ip' | 'channel'> = {
    actorId: 'system',
    channel: 'system',
  },
): Promise<UserRow[]> {
  const now = deps.clock.now();
  const params = hashParamsFrom(deps.config);
  const rows: UserRow[] = [];
  const grants: { userId: string; roleId: string; grantedAt: Date; grantedBy: string; approvalId: null }[] = [];
  const roleCache = new Map<string, RoleRow[]>();
  for (const input of inputs) {
    const username = normaliseUsername(input.username);
    if (!usernamePattern.test(username)) {
      throw accessError('auth.password_policy', 'username: 2-64 of a-z, 0-9, ".", "_", "-"', { field: 'username' });
    }
    if (await findUserByUsername(tx, username)) {
      throw accessError('access.username_taken', `username: ${username} is taken`, { field: 'username' });
    }
    if (!(await findUnitById(tx, input.unitId))) {
      throw accessError('access.unit_not_found', 'unit: no such unit', { field: 'unit' });
    }
    const key = [...input.roleCodes].sort().join(',');
    const roles = roleCache.get(key) ?? (await resolveRoles(tx, input.roleCodes));
    roleCache.set(key, roles);
    checkRoleCombination(roles);
    let passwordHash = input.passwordHash;
    if (!passwordHash) {
      if (input.password === undefined) throw accessError('auth.password_policy', 'password: required');
      assertPasswordPolicy(input.password, { minLength: deps.config.passwordMinLength, username });
      passwordHash = await hashPassword(input.password, params);
    }
    const row: UserRow = {
      id: input.id ?? newId('user'),
      username,
      displayName: input.displayName,
      email: input.email ?? null,
      unitId: input.unitId,
      status: 'active',
      passwordHash,
      passwordChangedAt: now,
      failedLogins: 0,
      lockedUntil: null,
      totpSecretEnc: null,
      totpPendingEnc: null,
      totpEnabledAt: null,
      totpLastStep: null,
      createdAt: now,
      updatedAt: now,
      disabledAt: null,
    };
    rows.push(row);
    for (const r of roles)
      grants.push({ userId: row.id, roleId: r.id, grantedAt: now, grantedBy: actor.actorId, approvalId: null });
  }
  await insertUsers(tx, rows);
  await insertUserRoles(tx, grants);
  for (const row of rows) {
    await deps.audit(tx, {
      ...actor,
      channel: actor.channel ?? 'system',
      action: 'user.create',
      subjectType: 'user',
      subjectId: row.id,
      changes: { username: row.username, unitId: row.unitId, roles: grants.filter((g) => g.userId === row.id).length },
    });
  }
  return rows;
}

/** Create one user (see createUsers). */
export async function createUser(tx: Tx, deps: CreateUserDeps, input: NewUser, actorId = 'system'): Promise<UserRow> {
  const [row] = await createUsers(tx, deps, [input], { actorId, channel: actorId === 'system' ? 'system' : 'cli' });
  if (!row) throw new Error('user not created');
  return row;
}

export type UserView = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  unitId: string;
  status: 'active' | 'disabled';
  roles: string[];
  totpEnabled: boolean;
  locked: boolean;
  createdAt: string;
  /** AUD-03: role grants requested for this user and not decided yet */
  pendingGrants: PendingGrant[];
};

export type PendingGrant = { approvalId: string; roles: string[]; requestedAt: string };

export function userView(u: UserRow, roles: string[], now: Date, pendingGrants: PendingGrant[] = []): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    unitId: u.unitId,
    status: u.status,
    roles,
    totpEnabled: !!u.totpEnabledAt,
    locked: !!u.lockedUntil && u.lockedUntil > now,
    createdAt: u.createdAt.toISOString(),
    pendingGrants,
  };
}

/** The pending `role.grant` requests of these users, by user id. */
async function pendingGrantsOf(db: DbOrTx, userIds: readonly string[]): Promise<Map<string, PendingGrant[]>> {
  const rows = await pendingForSubjects(db, { action: 'role.grant', subjectType: 'user', subjectIds: userIds });
  const out = new Map<string, PendingGrant[]>();
  for (const a of rows) {
    const codes = (a.payload as { roleCodes?: unknown }).roleCodes;
    const grant = {
      approvalId: a.id,
      roles: Array.isArray(codes) ? codes.map(String) : [],
      requestedAt: a.createdAt.toISOString(),
    };
    out.set(a.subjectId, [...(out.get(a.subjectId) ?? []), grant]);
  }
  return out;
}

export async function listUserViews(
  deps: AccessDeps,
  q: { limit: number; cursor?: string; unitId?: string; status?: 'active' | 'disabled'; q?: string },
): Promise<Page<UserView>> {
  const after = q.cursor ? decodeCursor(q.cursor, 1) : undefined;
  const rows = await listUsers(deps.db, { limit: q.limit, after, unitId: q.unitId, status: q.status, q: q.q });
  const page = toPage(rows, q.limit, (u) => [u.username]);
  const ids = page.items.map((u) => u.id);
  const codes = await roleCodesOfUsers(deps.db, ids);
  const pending = await pendingGrantsOf(deps.db, ids);
  const now = deps.clock.now();
  return {
    items: page.items.map((u) =>
      userView(
        u,
        codes.filter((c) => c.userId === u.id).map((c) => c.code),
        now,
        pending.get(u.id),
      ),
    ),
    nextCursor: page.nextCursor,
  };
}

export async function getUserView(deps: AccessDeps, id: string): Promise<UserView> {
  const u = await findUserById(deps.db, id);
  if (!u) throw accessError('access.user_not_found', 'No such user');
  const roles = await rolesOfUser(deps.db, id);
  const pending = await pendingGrantsOf(deps.db, [id]);
  return userView(
    u,
    roles.map((r) => r.code),
    deps.clock.now(),
    pending.get(id),
  );
}

/**
 * An administrator creates a user (API): the user exists at once, without
 * roles; the requested roles go to maker-checker (AUD-03).
 */
export async function createUserByAdmin(
  deps: AccessDeps,
  actor: Actor,
  input: Omit<NewUser, 'id' | 'passwordHash'> & { password: string },
  request?: Req,
): Promise<{ user: UserView; approvalId: string | null }> {
  return inTransaction(deps.db, async (tx) => {
    const roles = await resolveRoles(tx, input.roleCodes);
    checkRoleCombination(roles);
    const [user] = await createUsers(tx, deps, [{ ...input, roleCodes: [] }], auditContext(actor, request));
    if (!user) throw new Error('user not created');
    const approval =
      roles.length > 0
        ? await requestApproval(tx, deps, {
            actor,
            action: 'role.grant',
            subject: { type: 'user', id: user.id },
            payload: { userId: user.id, roleCodes: roles.map((r) => r.code) },
            summary: `Grant ${roles.map((r) => r.code).join(', ')} to new user ${user.username}`,
            request,
          })
        : null;
    const pendingGrants = approval
      ? [{ approvalId: approval.id, roles: roles.map((r) => r.code), requestedAt: approval.createdAt.toISOString() }]
      : [];
    return { user: userView(user, [], deps.clock.now(), pendingGrants), approvalId: approval?.id ?? null };
  });
}

export async function updateUserByAdmin(
  deps: AccessDeps,
  actor: Actor,
  id: string,
  patch: { displayName?: string; email?: string | null; unitId?: string },
  request?: Req,
): Promise<UserView> {
  await inTransaction(deps.db, async (tx) => {
    const u = await findUserById(tx, id);
    if (!u) throw accessError('access.user_not_found', 'No such user');
    if (patch.unitId && !(await findUnitById(tx, patch.unitId))) {
      throw accessError('access.unit_not_found', 'unitId: no such unit', { field: 'unitId' });
    }
    await updateUser(tx, id, { ...patch, updatedAt: deps.clock.now() });
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'user.update',
      subjectType: 'user',
      subjectId: id,
      changes: {
        fields: Object.keys(patch),
        ...(patch.unitId ? { unitId: { from: u.unitId, to: patch.unitId } } : {}),
      },
    });
  });
  return getUserView(deps, id);
}

/** Disable or enable a user. SEC-04: disabling ends every session of the user at once. */
export async function setUserStatus(
  deps: AccessDeps,
  actor: Actor,
  id: string,
  status: 'active' | 'disabled',
  request?: Req,
): Promise<UserView> {
  await inTransaction(deps.db, async (tx) => {
    const u = await findUserById(tx, id);
    if (!u) throw accessError('access.user_not_found', 'No such user');
    const now = deps.clock.now();
    await updateUser(tx, id, {
      status,
      updatedAt: now,
      disabledAt: status === 'disabled' ? now : null,
      ...(status === 'active' ? { failedLogins: 0, lockedUntil: null } : {}),
    });
    const ended = status === 'disabled' ? await endUserSessions(tx, id, 'disabled', now) : 0;
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: status === 'disabled' ? 'user.disable' : 'user.enable',
      subjectType: 'user',
      subjectId: id,
      changes: { sessionsEnded: ended },
    });
  });
  return getUserView(deps, id);
}

/** An administrator sets a new password; the user's sessions end. */
export async function resetPassword(
  deps: AccessDeps,
  actor: Actor,
  id: string,
  password: string,
  request?: Req,
): Promise<void> {
  const u = await findUserById(deps.db, id);
  if (!u) throw accessError('access.user_not_found', 'No such user');
  assertPasswordPolicy(password, { minLength: deps.config.passwordMinLength, username: u.username });
  const hash = await hashPassword(password, hashParamsFrom(deps.config));
  await inTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    await updateUser(tx, id, {
      passwordHash: hash,
      passwordChangedAt: now,
      updatedAt: now,
      failedLogins: 0,
      lockedUntil: null,
    });
    const ended = await endUserSessions(tx, id, 'password', now);
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'user.password_reset',
      subjectType: 'user',
      subjectId: id,
      changes: { sessionsEnded: ended },
    });
  });
}
