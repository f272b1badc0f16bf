import { and, eq, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { queryRows } from '../../kernel/db/query';
import { keysetAfter, orderByKeys, type SortKey } from '../../kernel/pagination';
import { customerContacts, customers } from '../customers';
import { inboundReplies, inboxItems, type MessageRow, type MessageStatus, messages } from './messaging.tables';

/** Insert a message unless its idempotency key exists; returns the stored message either way. */
export async function insertMessageOnce(
  tx: DbOrTx,
  row: typeof messages.$inferInsert,
): Promise<{ row: MessageRow; created: boolean }> {
  const made = await tx
    .insert(messages)
    .values(row)
    .onConflictDoNothing({ target: messages.idempotencyKey })
    .returning();
  if (made[0]) return { row: made[0], created: true };
  const [existing] = await tx.select().from(messages).where(eq(messages.idempotencyKey, row.idempotencyKey));
  if (!existing) throw new Error('message vanished after an idempotency conflict');
  return { row: existing, created: false };
}

export async function lockMessage(tx: DbOrTx, id: string): Promise<MessageRow | null> {
  const [row] = await tx.select().from(messages).where(eq(messages.id, id)).for('update');
  return row ?? null;
}

export async function findMessage(db: DbOrTx, id: string): Promise<MessageRow | null> {
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  return row ?? null;
}

export async function updateMessage(tx: DbOrTx, id: string, set: Partial<typeof messages.$inferInsert>): Promise<void> {
  await tx.update(messages).set(set).where(eq(messages.id, id));
}

/** The first contact point of a kind (primary first), encrypted. */
export async function contactOf(
  db: DbOrTx,
  customerId: string,
  kind: 'mobile' | 'email' | 'wechat',
): Promise<string | null> {
  const [row] = await db
    .select({ v: customerContacts.valueEnc })
    .from(customerContacts)
    .where(and(eq(customerContacts.customerId, customerId), eq(customerContacts.kind, kind)))
    .orderBy(sql`${customerContacts.isPrimary} desc`, customerContacts.createdAt)
    .limit(1);
  return row?.v ?? null;
}

/** Which contact kinds a customer has (care picks a usable channel). */
export async function contactKindsOf(db: DbOrTx, customerId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ kind: customerContacts.kind })
    .from(customerContacts)
    .where(eq(customerContacts.customerId, customerId));
  return new Set(rows.map((r) => r.kind));
}

export async function insertInboxItem(db: DbOrTx, row: typeof inboxItems.$inferInsert): Promise<string> {
  const made = await db
    .insert(inboxItems)
    .values(row)
    .onConflictDoNothing({ target: inboxItems.messageId })
    .returning({ id: inboxItems.id });
  if (made[0]) return made[0].id;
  const [existing] = await db
    .select({ id: inboxItems.id })
    .from(inboxItems)
    .where(eq(inboxItems.messageId, row.messageId));
  return existing?.id ?? row.id;
}

export async function inboxOf(db: DbOrTx, customerId: string, limit: number) {
  return db
    .select()
    .from(inboxItems)
    .where(eq(inboxItems.customerId, customerId))
    .orderBy(sql`${inboxItems.createdAt} desc`, sql`${inboxItems.id} desc`)
    .limit(limit);
}

/** Messages the sweep should (re)send a job for: due, and not touched for a while (a lost job or a crashed worker). */
export async function dueMessageIds(db: DbOrTx, now: Date, staleBefore: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        inArray(messages.status, ['queued', 'deferred', 'sending'] satisfies MessageStatus[]),
        lte(messages.notBefore, now),
        or(eq(messages.status, 'deferred'), lt(messages.updatedAt, staleBefore)),
      ),
    )
    .orderBy(messages.notBefore)
    .limit(limit);
  return rows.map((r) => r.id);
}

export async function findByProvider(db: DbOrTx, channel: string, providerMessageId: string) {
  const [row] = await db
    .select()
    .from(messages)
    .where(
      and(eq(messages.channel, channel as MessageRow['channel']), eq(messages.providerMessageId, providerMessageId)),
    );
  return row ?? null;
}

/** Customers whose contact point has this blind index (inbound replies). */
export async function customersByContactIndex(db: DbOrTx, bidx: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: customerContacts.customerId })
    .from(customerContacts)
    .innerJoin(customers, eq(customers.id, customerContacts.customerId))
    .where(and(eq(customerContacts.valueBidx, bidx), eq(customers.status, 'active')));
  return rows.map((r) => r.id);
}

export async function insertReply(tx: DbOrTx, row: typeof inboundReplies.$inferInsert): Promise<boolean> {
  const made = await tx
    .insert(inboundReplies)
    .values(row)
    .onConflictDoNothing({ target: [inboundReplies.channel, inboundReplies.providerMessageId] })
    .returning({ id: inboundReplies.id });
  return made.length > 0;
}

const logKeys: SortKey[] = [
  { column: messages.createdAt, direction: 'desc' },
  { column: messages.id, direction: 'desc' },
];

/** The message log, newest first, within the scope (joined through customers). */
export async function listMessages(
  db: DbOrTx,
  f: {
    scope: SQL;
    id?: string;
    customerId?: string;
    status?: MessageStatus;
    channel?: MessageRow['channel'];
    sourceId?: string;
  },
  after: unknown[] | null,
  limit: number,
) {
  const rows = await db
    .select({ m: messages, customerName: customers.name, customerKind: customers.kind })
    .from(messages)
    .innerJoin(customers, eq(customers.id, messages.customerId))
    .where(
      and(
        f.scope,
        f.id ? eq(messages.id, f.id) : undefined,
        f.customerId ? eq(messages.customerId, f.customerId) : undefined,
        f.status ? eq(messages.status, f.status) : undefined,
        f.channel ? eq(messages.channel, f.channel) : undefined,
        f.sourceId ? eq(messages.sourceId, f.sourceId) : undefined,
        after ? keysetAfter(logKeys, after) : undefined,
      ),
    )
    .orderBy(...orderByKeys(logKeys))
    .limit(limit);
  return rows;
}

/** How many of the messages (a subquery of message ids) are in each status. */
export async function messageStatusCounts(db: DbOrTx, ids: SQL): Promise<Record<string, number>> {
  const rows = await queryRows<{ status: string; n: string | number }>(
    db,
    sql`select ms.status, count(*) as n from ${messages} ms where ms.id in (${ids}) group by ms.status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
