import type { Actor } from '../../kernel/actor';
import { MS } from '../../kernel/clock';
import { inTransaction } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { auditContext } from '../audit';
import type { AccessDeps } from './access.deps';
import { accessError } from './access.errors';
import type { ApiTokenRow } from './access.tables';
import { loadActor } from './actor';
import { apiTokenPrefix, randomToken, sha256 } from './secrets';
import { findToken, insertToken, listTokens, updateToken } from './sessions.repository';
import { type StaffName, staffNames } from './staff.service';
import { findUserById } from './users.repository';

type Req = { id: string; ip: string };

export type TokenView = {
  id: string;
  ownerId: string;
  name: string;
  prefix: string;
  permissions: string[];
  expiresAt: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  owner: StaffName | null;
};

function tokenView(t: ApiTokenRow, names: Map<string, StaffName>): TokenView {
  return {
    id: t.id,
    ownerId: t.ownerId,
    name: t.name,
    prefix: t.prefix,
    permissions: t.permissions,
    expiresAt: t.expiresAt.toISOString(),
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    owner: names.get(t.ownerId) ?? null,
  };
}

/**
 * Issue an integration token for a user: a subset of the owner's current
 * permissions, the owner's data scope, an expiry. The secret is shown once;
 * only its SHA-256 is stored.
 */
export async function createApiToken(
  deps: AccessDeps,
  actor: Actor,
  input: { ownerId: string; name: string; permissions: string[]; expiresInDays: number },
  request?: Req,
): Promise<{ token: TokenView; secret: string }> {
  if (input.expiresInDays > deps.config.apiTokenMaxDays) {
    throw accessError('access.token_permissions', `expiresInDays: at most ${deps.config.apiTokenMaxDays}`, {
      field: 'expiresInDays',
    });
  }
  const owner = await findUserById(deps.db, input.ownerId);
  if (owner?.status !== 'active') throw accessError('access.user_not_found', 'ownerId: no such active user');
  const now = deps.clock.now();
  const ownerActor = await loadActor(deps.db, owner, now);
  const beyond = input.permissions.filter((p) => !ownerActor.permissions.has(p));
  if (beyond.length > 0) {
    throw accessError('access.token_permissions', 'permissions: the owner does not hold these', {
      field: 'permissions',
      permissions: beyond,
    });
  }
  const secret = `${apiTokenPrefix}${randomToken()}`;
  const row: ApiTokenRow = {
    id: newId('token'),
    ownerId: owner.id,
    name: input.name,
    tokenHash: sha256(secret),
    prefix: secret.slice(0, 9),
    permissions: [...new Set(input.permissions)].sort(),
    expiresAt: new Date(now.getTime() + input.expiresInDays * MS.day),
    createdAt: now,
    createdBy: actor.userId,
    lastUsedAt: null,
    revokedAt: null,
  };
  await inTransaction(deps.db, async (tx) => {
    await insertToken(tx, row);
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'token.create',
      subjectType: 'api_token',
      subjectId: row.id,
      changes: { ownerId: owner.id, permissions: row.permissions, expiresAt: row.expiresAt.toISOString() },
    });
  });
  return { token: tokenView(row, await staffNames(deps.db, [row.ownerId])), secret };
}

export async function tokenViews(deps: AccessDeps, ownerId?: string): Promise<TokenView[]> {
  const rows = await listTokens(deps.db, ownerId);
  const names = await staffNames(
    deps.db,
    rows.map((t) => t.ownerId),
  );
  return rows.map((t) => tokenView(t, names));
}

export async function revokeApiToken(deps: AccessDeps, actor: Actor, id: string, request?: Req): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const t = await findToken(tx, id);
    if (!t) throw accessError('access.token_not_found', 'No such token');
    if (t.revokedAt) return;
    await updateToken(tx, id, { revokedAt: deps.clock.now() });
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'token.revoke',
      subjectType: 'api_token',
      subjectId: id,
    });
  });
}
