import type { Actor } from '../../kernel/actor';
import { inTransaction } from '../../kernel/db';
import { auditContext } from '../audit';
import type { AccessDeps } from './access.deps';
import { accessError } from './access.errors';
import { unitOf } from './org.service';
import { assertPasswordPolicy, hashParamsFrom, hashPassword, verifyPassword } from './password';
import { endUserSessions } from './sessions.repository';
import { checkTotp, newTotpSecret, totpUri } from './totp';
import { findUserById, rolesOfUser, updateUser } from './users.repository';

type Req = { id: string; ip: string };

async function self(deps: AccessDeps, actor: Actor) {
  const u = await findUserById(deps.db, actor.userId);
  if (!u) throw accessError('access.user_not_found', 'No such user');
  return u;
}

export type Me = {
  id: string;
  username: string;
  displayName: string;
  unit: { id: string; code: string; name: string };
  roles: string[];
  permissions: string[];
  totpEnabled: boolean;
  /** a role requires TOTP and it is not enrolled yet: no permission until it is (SEC-03) */
  totpEnrolmentRequired: boolean;
};

export async function me(deps: AccessDeps, actor: Actor): Promise<Me> {
  const u = await self(deps, actor);
  const unit = await unitOf(deps.db, u.unitId);
  const roles = await rolesOfUser(deps.db, u.id);
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    unit: { id: u.unitId, code: unit?.code ?? '', name: unit?.name ?? '' },
    roles: [...actor.roles],
    permissions: [...actor.permissions].sort(),
    totpEnabled: !!u.totpEnabledAt,
    totpEnrolmentRequired: roles.some((r) => r.requiresTotp) && !u.totpEnabledAt,
  };
}

/** SEC-02 (ASVS 6.2.3): changing the password needs the current one; other sessions end. */
export async function changePassword(
  deps: AccessDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  request?: Req,
): Promise<void> {
  const u = await self(deps, actor);
  if (!(await verifyPassword(u.passwordHash, input.currentPassword))) {
    throw accessError('auth.current_password', 'currentPassword: wrong password', { field: 'currentPassword' });
  }
  assertPasswordPolicy(input.newPassword, {
    minLength: deps.config.passwordMinLength,
    username: u.username,
    field: 'newPassword',
  });
  const hash = await hashPassword(input.newPassword, hashParamsFrom(deps.config));
  await inTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    await updateUser(tx, u.id, { passwordHash: hash, passwordChangedAt: now, updatedAt: now });
    const ended = await endUserSessions(tx, u.id, 'password', now, actor.sessionId ?? undefined);
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'user.password_change',
      subjectType: 'user',
      subjectId: u.id,
      changes: { otherSessionsEnded: ended },
    });
  });
}

/**
 * Start TOTP enrolment (ASVS 7.5.1: re-authenticate with the password first).
 * The secret is kept sealed as pending until a code from it is confirmed.
 */
export async function startTotpEnrolment(
  deps: AccessDeps,
  actor: Actor,
  password: string,
): Promise<{ otpauthUri: string; secret: string }> {
  const u = await self(deps, actor);
  if (!(await verifyPassword(u.passwordHash, password))) {
    throw accessError('auth.current_password', 'password: wrong password', { field: 'password' });
  }
  const secret = newTotpSecret();
  await updateUser(deps.db, u.id, { totpPendingEnc: deps.totpBox.seal(secret), updatedAt: deps.clock.now() });
  return { otpauthUri: totpUri({ issuer: deps.config.totpIssuer, label: u.username, secret }), secret };
}

/** Confirm enrolment with a code from the new secret; from then on login needs a code. */
export async function confirmTotpEnrolment(deps: AccessDeps, actor: Actor, code: string, request?: Req): Promise<void> {
  const u = await self(deps, actor);
  if (!u.totpPendingEnc) throw accessError('auth.totp_not_pending', 'Start TOTP enrolment first');
  const now = deps.clock.now();
  const step = await checkTotp({ secret: deps.totpBox.open(u.totpPendingEnc), code, now, lastStep: null });
  if (step === null) throw accessError('auth.totp_invalid', 'The authenticator code is wrong');
  await inTransaction(deps.db, async (tx) => {
    await updateUser(tx, u.id, {
      totpSecretEnc: u.totpPendingEnc,
      totpPendingEnc: null,
      totpEnabledAt: now,
      totpLastStep: step,
      updatedAt: now,
    });
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'user.totp_enrol',
      subjectType: 'user',
      subjectId: u.id,
    });
  });
}
