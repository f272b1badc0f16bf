import { and, asc, eq, gt, isNull, like, lte, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { type CoverRow, rmCovers, type UnitRow, units } from './access.tables';

export async function insertUnits(db: DbOrTx, rows: UnitRow[], opts: { ignoreExisting?: boolean } = {}): Promise<void> {
  if (rows.length === 0) return;
  const q = db.insert(units).values(rows);
  await (opts.ignoreExisting ? q.onConflictDoNothing() : q);
}

export async function findUnitById(db: DbOrTx, id: string): Promise<UnitRow | null> {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  return row ?? null;
}

export async function findUnitByCode(db: DbOrTx, code: string): Promise<UnitRow | null> {
  const [row] = await db.select().from(units).where(eq(units.code, code));
  return row ?? null;
}

export function listUnits(db: DbOrTx): Promise<UnitRow[]> {
  return db.select().from(units).orderBy(asc(units.path));
}

/** The unit with this path and every unit below it (the path index serves the prefix LIKE). */
export function subtreeUnits(db: DbOrTx, path: string): Promise<{ id: string; path: string }[]> {
  return db
    .select({ id: units.id, path: units.path })
    .from(units)
    .where(like(units.path, `${path}%`));
}

export async function insertCover(db: DbOrTx, row: CoverRow): Promise<void> {
  await db.insert(rmCovers).values(row);
}

/** Covers held by `covererId` that are in force at `now`. */
export function activeCoversOf(db: DbOrTx, covererId: string, now: Date): Promise<CoverRow[]> {
  return db
    .select()
    .from(rmCovers)
    .where(
      and(
        eq(rmCovers.covererId, covererId),
        isNull(rmCovers.endedAt),
        lte(rmCovers.startsAt, now),
        gt(rmCovers.expiresAt, now),
      ),
    );
}

export function listCovers(db: DbOrTx, opts: { activeAt?: Date; userId?: string }): Promise<CoverRow[]> {
  const conds: SQL[] = [];
  if (opts.activeAt) {
    conds.push(isNull(rmCovers.endedAt) as SQL, gt(rmCovers.expiresAt, opts.activeAt) as SQL);
  }
  if (opts.userId) conds.push(eq(rmCovers.covererId, opts.userId) as SQL);
  return db
    .select()
    .from(rmCovers)
    .where(and(...conds))
    .orderBy(asc(rmCovers.startsAt), asc(rmCovers.id))
    .limit(500);
}

export async function findCover(db: DbOrTx, id: string): Promise<CoverRow | null> {
  const [row] = await db.select().from(rmCovers).where(eq(rmCovers.id, id));
  return row ?? null;
}

export async function endCover(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(rmCovers).set({ endedAt: at }).where(eq(rmCovers.id, id));
}
