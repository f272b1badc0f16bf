import { and, desc, eq, isNull, ne, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { type ApiTokenRow, apiTokens, type SessionRow, sessions, type UserRow, users } from './access.tables';

export async function insertSession(db: DbOrTx, row: SessionRow): Promise<void> {
  await db.insert(sessions).values(row);
}

export async function findSessionByTokenHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<{ session: SessionRow; user: UserRow } | null> {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash));
  return row ?? null;
}

export async function findSessionById(db: DbOrTx, id: string): Promise<SessionRow | null> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row ?? null;
}

export async function touchSession(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function endSession(db: DbOrTx, id: string, reason: string, at: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: at, endReason: reason })
    .where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
}

/** End every live session of a user (optionally but one); returns how many ended. */
export async function endUserSessions(
  db: DbOrTx,
  userId: string,
  reason: string,
  at: Date,
  exceptId?: string,
): Promise<number> {
  const conds: (SQL | undefined)[] = [
    eq(sessions.userId, userId),
    isNull(sessions.endedAt),
    exceptId ? ne(sessions.id, exceptId) : undefined,
  ];
  const rows = await db
    .update(sessions)
    .set({ endedAt: at, endReason: reason })
    .where(and(...conds))
    .returning({ id: sessions.id });
  return rows.length;
}

export function listUserSessions(db: DbOrTx, userId: string, live: boolean): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), live ? isNull(sessions.endedAt) : undefined))
    .orderBy(desc(sessions.createdAt))
    .limit(200);
}

export async function insertToken(db: DbOrTx, row: ApiTokenRow): Promise<void> {
  await db.insert(apiTokens).values(row);
}

export async function findTokenByHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<{ token: ApiTokenRow; user: UserRow } | null> {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.ownerId))
    .where(eq(apiTokens.tokenHash, tokenHash));
  return row ?? null;
}

export async function findToken(db: DbOrTx, id: string): Promise<ApiTokenRow | null> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row ?? null;
}

export function listTokens(db: DbOrTx, ownerId?: string): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(ownerId ? eq(apiTokens.ownerId, ownerId) : undefined)
    .orderBy(desc(apiTokens.createdAt))
    .limit(500);
}

export async function updateToken(
  db: DbOrTx,
  id: string,
  patch: Partial<Pick<ApiTokenRow, 'revokedAt' | 'lastUsedAt'>>,
) {
  await db.update(apiTokens).set(patch).where(eq(apiTokens.id, id));
}
