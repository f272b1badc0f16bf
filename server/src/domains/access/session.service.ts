import type { Actor } from '../../kernel/actor';
import { MS } from '../../kernel/clock';
import { inTransaction } from '../../kernel/db';
import { auditContext } from '../audit';
import type { AccessDeps } from './access.deps';
import { accessError } from './access.errors';
import type { SessionRow } from './access.tables';
import { loadActor } from './actor';
import { apiTokenPrefix, sameSecret, sha256 } from './secrets';
import {
  endSession,
  endUserSessions,
  findSessionById,
  findSessionByTokenHash,
  findTokenByHash,
  listUserSessions,
  touchSession,
  updateToken,
} from './sessions.repository';
import { findUserById } from './users.repository';

/** last-seen is written at most this often (fewer writes; idle timeout precision is one minute) */
const touchEveryMs = MS.minute;

export type Credentials = {
  sessionToken?: string | undefined;
  bearer?: string | undefined;
  /** cookie-authenticated writes must echo the CSRF cookie in a header (double submit) */
  csrfCookie?: string | undefined;
  csrfHeader?: string | undefined;
  /** GET and HEAD are safe; every other method needs the CSRF header */
  safeMethod: boolean;
};

/** Why a live-looking session is over, or null while it is valid (SEC-04). */
export function sessionEndReason(
  s: Pick<SessionRow, 'endedAt' | 'expiresAt' | 'lastSeenAt'>,
  now: Date,
  idleMinutes: number,
): 'ended' | 'absolute' | 'idle' | null {
  if (s.endedAt) return 'ended';
  if (now >= s.expiresAt) return 'absolute';
  if (now.getTime() - s.lastSeenAt.getTime() >= idleMinutes * MS.minute) return 'idle';
  return null;
}

async function fromSession(deps: AccessDeps, creds: Credentials, token: string): Promise<Actor | null> {
  const now = deps.clock.now();
  const found = await findSessionByTokenHash(deps.db, sha256(token));
  if (!found) return null;
  const { session, user } = found;
  const reason = sessionEndReason(session, now, deps.config.sessionIdleMinutes);
  if (reason) {
    if (reason !== 'ended') await endSession(deps.db, session.id, reason, now);
    return null;
  }
  if (user.status !== 'active') {
    // SEC-04: a disabled user's sessions end at once
    await endSession(deps.db, session.id, 'disabled', now);
    return null;
  }
  if (!creds.safeMethod) {
    const header = creds.csrfHeader ?? '';
    if (!header || !creds.csrfCookie || !sameSecret(header, creds.csrfCookie) || sha256(header) !== session.csrfHash) {
      throw accessError('auth.csrf', 'Missing or wrong CSRF token (send the banyan_csrf cookie in x-csrf-token)');
    }
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= touchEveryMs) await touchSession(deps.db, session.id, now);
  return loadActor(deps.db, user, now, { sessionId: session.id });
}

async function fromBearer(deps: AccessDeps, bearer: string): Promise<Actor | null> {
  if (!bearer.startsWith(apiTokenPrefix)) return null;
  const now = deps.clock.now();
  const found = await findTokenByHash(deps.db, sha256(bearer));
  if (!found) return null;
  const { token, user } = found;
  if (token.revokedAt || now >= token.expiresAt || user.status !== 'active') return null;
  const owner = await loadActor(deps.db, user, now, { tokenId: token.id });
  // a token holds at most its owner's current permissions, and the owner's scope
  const permissions = new Set(token.permissions.filter((p) => owner.permissions.has(p)));
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= touchEveryMs) {
    await updateToken(deps.db, token.id, { lastUsedAt: now });
  }
  return { ...owner, permissions };
}

/** Resolve a request's session cookie or bearer token into its actor; null when anonymous or expired. */
export async function authenticate(deps: AccessDeps, creds: Credentials): Promise<Actor | null> {
  if (creds.bearer) return fromBearer(deps, creds.bearer);
  if (creds.sessionToken) return fromSession(deps, creds, creds.sessionToken);
  return null;
}

type Req = { id: string; ip: string };

/** End the caller's session (SEC-04: the server forgets it; the old cookie gives 401). */
export async function logout(deps: AccessDeps, actor: Actor, request?: Req): Promise<void> {
  if (!actor.sessionId) return;
  const sessionId = actor.sessionId;
  await inTransaction(deps.db, async (tx) => {
    await endSession(tx, sessionId, 'logout', deps.clock.now());
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'auth.logout',
      subjectType: 'session',
      subjectId: sessionId,
    });
  });
}

/** End every session of the caller, this one included. */
export async function logoutEverywhere(deps: AccessDeps, actor: Actor, request?: Req): Promise<number> {
  return inTransaction(deps.db, async (tx) => {
    const n = await endUserSessions(tx, actor.userId, 'logout_all', deps.clock.now());
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'auth.logout_all',
      subjectType: 'user',
      subjectId: actor.userId,
      changes: { sessionsEnded: n },
    });
    return n;
  });
}

/** Admin ends a user's sessions (SEC-04, ASVS 7.4.5; AUD-02: audited). */
export async function endSessionsOf(deps: AccessDeps, actor: Actor, userId: string, request?: Req): Promise<number> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw accessError('access.user_not_found', 'No such user');
  return inTransaction(deps.db, async (tx) => {
    const n = await endUserSessions(tx, userId, 'admin', deps.clock.now());
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'session.terminate',
      subjectType: 'user',
      subjectId: userId,
      changes: { sessionsEnded: n },
    });
    return n;
  });
}

/** Admin ends one session of a user (SEC-04; AUD-02: audited). */
export async function endOneSessionOf(
  deps: AccessDeps,
  actor: Actor,
  userId: string,
  sessionId: string,
  request?: Req,
): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const s = await findSessionById(tx, sessionId);
    if (!s || s.userId !== userId || s.endedAt) throw accessError('access.session_not_found', 'No such live session');
    await endSession(tx, sessionId, 'admin', deps.clock.now());
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'session.terminate',
      subjectType: 'session',
      subjectId: sessionId,
      changes: { userId },
    });
  });
}

export type SessionView = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  endedAt: string | null;
  endReason: string | null;
  ip: string | null;
  userAgent: string | null;
  live: boolean;
};

export async function sessionsOf(deps: AccessDeps, userId: string, liveOnly: boolean): Promise<SessionView[]> {
  const now = deps.clock.now();
  const rows = await listUserSessions(deps.db, userId, liveOnly);
  return rows
    .map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      endedAt: s.endedAt?.toISOString() ?? null,
      endReason: s.endReason,
      ip: s.ip,
      userAgent: s.userAgent,
      live: sessionEndReason(s, now, deps.config.sessionIdleMinutes) === null,
    }))
    .filter((s) => !liveOnly || s.live);
}
