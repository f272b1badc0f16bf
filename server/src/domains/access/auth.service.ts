import type { Actor } from '../../kernel/actor';
import { MS } from '../../kernel/clock';
import { inTransaction } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import type { AuditEntry } from '../audit';
import type { AccessDeps } from './access.deps';
import { accessError } from './access.errors';
import type { UserRow } from './access.tables';
import { loadActor, totpRequired } from './actor';
import { hashParamsFrom, hashPassword, needsRehash, verifyPassword } from './password';
import { randomToken, sha256 } from './secrets';
import { insertSession } from './sessions.repository';
import { checkTotp } from './totp';
import { findUserByUsername, recordLoginFailure, rolesOfUser, updateUser } from './users.repository';

export type RequestInfo = { ip?: string | null; userAgent?: string | null; requestId?: string | null };

export type LoginResult = {
  actor: Actor;
  user: UserRow;
  /** the session token and CSRF token, to set as cookies; never stored */
  sessionToken: string;
  csrfToken: string;
  sessionId: string;
  totpPending: boolean;
};

let dummyHash: Promise<string> | null = null;

/** A hash to verify against when the username is unknown, so both cases take the same time. */
function dummy(deps: AccessDeps): Promise<string> {
  if (!dummyHash) dummyHash = hashPassword(randomToken(), hashParamsFrom(deps.config));
  return dummyHash;
}

export function normaliseUsername(u: string): string {
  return u.trim().toLowerCase();
}

function loginAudit(user: UserRow | null, action: string, info: RequestInfo, reason?: string): AuditEntry {
  return {
    actorId: user?.id ?? 'anonymous',
    actorUnitId: user?.unitId ?? null,
    action,
    subjectType: 'user',
    subjectId: user?.id ?? 'unknown',
    requestId: info.requestId ?? null,
    ip: info.ip ?? null,
    channel: 'web',
    reason: reason ?? null,
  };
}

async function fail(deps: AccessDeps, user: UserRow | null, info: RequestInfo, reason: string): Promise<number> {
  const now = deps.clock.now();
  let count = 0;
  await inTransaction(deps.db, async (tx) => {
    if (user) {
      count = await recordLoginFailure(tx, user.id, {
        threshold: deps.config.loginLockoutThreshold,
        lockUntil: new Date(now.getTime() + deps.config.loginLockoutMinutes * MS.minute),
      });
    }
    await deps.audit(tx, loginAudit(user, 'auth.login_failed', info, reason));
  });
  return count;
}

const invalid = () => accessError('auth.invalid_credentials', 'Wrong username or password');

/**
 * Log in with username, password and (when enrolled) a TOTP code. SEC-03:
 * consecutive failures lock the account for a while; the same answer for an
 * unknown user and a wrong password. SEC-04: every login makes a new session.
 */
export async function login(
  deps: AccessDeps,
  input: { username: string; password: string; totp?: string | undefined },
  info: RequestInfo,
): Promise<LoginResult> {
  const now = deps.clock.now();
  let user = await findUserByUsername(deps.db, normaliseUsername(input.username));
  if (!user) {
    await verifyPassword(await dummy(deps), input.password);
    await fail(deps, null, info, 'unknown_user');
    throw invalid();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await inTransaction(deps.db, (tx) => deps.audit(tx, loginAudit(user, 'auth.login_failed', info, 'locked')));
    const retryAfter = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
    throw accessError('auth.locked', 'Too many failed logins; the account is locked for a while', {
      retryAfterSeconds: retryAfter,
    });
  }
  if (user.lockedUntil) {
    // SEC-03: the lock has run out; the count starts again.
    await updateUser(deps.db, user.id, { failedLogins: 0, lockedUntil: null });
    user = { ...user, failedLogins: 0, lockedUntil: null };
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (!passwordOk || user.status !== 'active') {
    await fail(deps, user, info, passwordOk ? 'disabled' : 'password');
    throw invalid();
  }
  let totpStep: number | null = null;
  if (user.totpSecretEnc) {
    if (!input.totp) throw accessError('auth.totp_required', 'Enter the code from your authenticator app');
    totpStep = await checkTotp({
      secret: deps.totpBox.open(user.totpSecretEnc),
      code: input.totp,
      now,
      lastStep: user.totpLastStep,
    });
    if (totpStep === null) {
      await fail(deps, user, info, 'totp');
      throw accessError('auth.totp_invalid', 'The authenticator code is wrong or was used already');
    }
  }
  const params = hashParamsFrom(deps.config);
  const rehash = needsRehash(user.passwordHash, params) ? await hashPassword(input.password, params) : null;
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const sessionId = newId('session');
  const u = user;
  await inTransaction(deps.db, async (tx) => {
    await updateUser(tx, u.id, {
      failedLogins: 0,
      lockedUntil: null,
      ...(totpStep !== null ? { totpLastStep: totpStep } : {}),
      ...(rehash ? { passwordHash: rehash } : {}),
    });
    await insertSession(tx, {
      id: sessionId,
      userId: u.id,
      tokenHash: sha256(sessionToken),
      csrfHash: sha256(csrfToken),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + deps.config.sessionAbsoluteHours * MS.hour),
      endedAt: null,
      endReason: null,
      ip: info.ip ?? null,
      userAgent: info.userAgent?.slice(0, 300) ?? null,
    });
    await deps.audit(tx, {
      ...loginAudit(u, 'auth.login', info, totpStep !== null ? 'password+totp' : 'password'),
      changes: { sessionId, ...(rehash ? { hashUpgraded: true } : {}) },
    });
  });
  const actor = await loadActor(deps.db, u, now, { sessionId });
  return { actor, user: u, sessionToken, csrfToken, sessionId, totpPending: actor.totpPending };
}

/** Whether a user's roles require TOTP (SEC-03), for `me`. */
export async function userNeedsTotp(deps: AccessDeps, userId: string): Promise<boolean> {
  return totpRequired(await rolesOfUser(deps.db, userId));
}
