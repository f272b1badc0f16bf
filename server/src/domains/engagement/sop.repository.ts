import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { users } from '../access';
import { type SopRunRow, type SopTemplateRow, sopRunSteps, sopRuns, sopTemplates } from './engagement.tables';

export async function insertTemplates(db: DbOrTx, rows: (typeof sopTemplates.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(sopTemplates).values(rows).onConflictDoNothing();
}

export async function listTemplates(db: DbOrTx): Promise<SopTemplateRow[]> {
  return db.select().from(sopTemplates).where(eq(sopTemplates.active, true)).orderBy(asc(sopTemplates.code));
}

export async function templateByCode(db: DbOrTx, code: string): Promise<SopTemplateRow | null> {
  const rows = await db.select().from(sopTemplates).where(eq(sopTemplates.code, code)).limit(1);
  return rows[0] ?? null;
}

export async function templatesById(db: DbOrTx, ids: readonly string[]): Promise<SopTemplateRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(sopTemplates)
    .where(inArray(sopTemplates.id, [...ids]));
}

export async function insertRun(tx: DbOrTx, row: typeof sopRuns.$inferInsert): Promise<void> {
  await tx.insert(sopRuns).values(row);
}

export async function findRun(db: DbOrTx, id: string, opts: { lock?: boolean } = {}): Promise<SopRunRow | null> {
  const q = db.select().from(sopRuns).where(eq(sopRuns.id, id)).limit(1);
  const rows = opts.lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function runsOfCustomer(db: DbOrTx, customerId: string, limit: number): Promise<SopRunRow[]> {
  return db
    .select()
    .from(sopRuns)
    .where(eq(sopRuns.customerId, customerId))
    .orderBy(desc(sopRuns.startedAt), desc(sopRuns.id))
    .limit(limit);
}

export async function updateRun(tx: DbOrTx, id: string, set: Partial<typeof sopRuns.$inferInsert>): Promise<void> {
  await tx.update(sopRuns).set(set).where(eq(sopRuns.id, id));
}

/** Record a step; false when it was already done. */
export async function insertStep(tx: DbOrTx, row: typeof sopRunSteps.$inferInsert): Promise<boolean> {
  const r = await tx.insert(sopRunSteps).values(row).onConflictDoNothing().returning({ key: sopRunSteps.stepKey });
  return r.length > 0;
}

export async function stepsOf(db: DbOrTx, runIds: readonly string[]) {
  if (runIds.length === 0) return [];
  return db
    .select({ s: sopRunSteps, doneByName: users.displayName })
    .from(sopRunSteps)
    .leftJoin(users, eq(users.id, sopRunSteps.doneBy))
    .where(and(inArray(sopRunSteps.runId, [...runIds])));
}
