import { and, desc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import {
  type MessageChannel,
  messageTemplates,
  type TemplateKind,
  type TemplateRow,
  type TemplateStatus,
} from './messaging.tables';

export async function insertTemplate(tx: DbOrTx, row: typeof messageTemplates.$inferInsert): Promise<void> {
  await tx.insert(messageTemplates).values(row);
}

export async function findTemplate(db: DbOrTx, id: string, lock = false): Promise<TemplateRow | null> {
  const q = db.select().from(messageTemplates).where(eq(messageTemplates.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function liveTemplateByCode(
  db: DbOrTx,
  code: string,
  channel: MessageChannel,
): Promise<TemplateRow | null> {
  const [row] = await db
    .select()
    .from(messageTemplates)
    .where(
      and(
        eq(messageTemplates.code, code),
        eq(messageTemplates.channel, channel),
        ne(messageTemplates.status, 'retired'),
      ),
    );
  return row ?? null;
}

export async function updateTemplate(
  tx: DbOrTx,
  id: string,
  set: Partial<typeof messageTemplates.$inferInsert>,
): Promise<void> {
  await tx.update(messageTemplates).set(set).where(eq(messageTemplates.id, id));
}

export async function listTemplates(
  db: DbOrTx,
  f: { status?: TemplateStatus; kind?: TemplateKind },
): Promise<TemplateRow[]> {
  const conds: SQL[] = [];
  if (f.status) conds.push(eq(messageTemplates.status, f.status));
  if (f.kind) conds.push(eq(messageTemplates.kind, f.kind));
  return db
    .select()
    .from(messageTemplates)
    .where(and(...conds))
    .orderBy(desc(messageTemplates.updatedAt))
    .limit(500);
}

/** Templates by id (campaigns check and send the templates they name); unknown ids are absent. */
export async function templatesByIds(db: DbOrTx, ids: readonly string[]): Promise<TemplateRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(messageTemplates)
    .where(inArray(messageTemplates.id, [...ids]));
}
