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

/** Insert messages whose idempotency key is new; returns (id, key) of every message of the keys, new or not. */
export async function insertMessagesOnce(
  tx: DbOrTx,
  rows: (typeof messages.$inferInsert)[],
): Promise<{ id: string; key: string; created: boolean }[]> {
  const out: { id: string; key: string; created: boolean }[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000);
    const made = await tx
      .insert(messages)
      .values(part)
      .onConflictDoNothing({ target: messages.idempotencyKey })
      .returning({ id: messages.id, key: messages.idempotencyKey });
    for (const m of made) out.push({ ...m, created: true });
    if (made.length < part.length) {
      const got = new Set(made.map((m) => m.key));
      const missing = part.map((r) => r.idempotencyKey).filter((k) => !got.has(k));
      const old = await tx
        .select({ id: messages.id, key: messages.idempotencyKey })
        .from(messages)
        .where(inArray(messages.idempotencyKey, missing));
      for (const m of old) out.push({ ...m, created: false });
    }
  }
  return out;
}

/** The customers' facts a message is rendered with (name, title, language), one statement. */
export async function renderFactsOf(db: DbOrTx, customerIds: readonly string[]) {
  if (customerIds.length === 0) return [];
  return db
    .select({
      id: customers.id,
      name: customers.name,
      gender: customers.gender,
      kind: customers.kind,
      preferences: customers.preferences,
      status: customers.status,
    })
    .from(customers)
    .where(inArray(customers.id, [...customerIds]));
}

/** Lock the listed messages a batch may take (skipping those another sender holds). */
export async function lockMessages(tx: DbOrTx, ids: readonly string[]): Promise<MessageRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(messages)
    .where(inArray(messages.id, [...ids]))
    .orderBy(messages.id)
    .for('update', { skipLocked: true });
}

export type MessageUpdate = {
  id: string;
  status: MessageStatus;
  attempts?: number | null;
  notBefore?: Date | null;
  suppressionReason?: string | null;
  providerMessageId?: string | null;
  sentAt?: Date | null;
  deliveredAt?: Date | null;
  failedAt?: Date | null;
  lastError?: string | null;
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * Set the outcome of many messages in one statement. A column left undefined
 * keeps its value except `suppression_reason` and `last_error`, which are
 * written as given (null clears them).
 */
export async function updateMessages(tx: DbOrTx, rows: readonly MessageUpdate[], at: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const part = rows.slice(i, i + 2000);
    const col = <T>(f: (r: MessageUpdate) => T) => sql.param(part.map(f));
    await tx.execute(sql`update ${messages} m set
        status = v.status,
        attempts = coalesce(v.attempts, m.attempts),
        not_before = coalesce(v.not_before, m.not_before),
        suppression_reason = v.reason,
        provider_message_id = coalesce(v.provider, m.provider_message_id),
        sent_at = coalesce(v.sent_at, m.sent_at),
        delivered_at = coalesce(v.delivered_at, m.delivered_at),
        failed_at = coalesce(v.failed_at, m.failed_at),
        last_error = v.last_error,
        updated_at = ${at.toISOString()}::timestamptz
      from (select unnest(${col((r) => r.id)}::text[]) as id,
                   unnest(${col((r) => r.status)}::text[]) as status,
                   unnest(${col((r) => r.attempts ?? null)}::int[]) as attempts,
                   unnest(${col((r) => iso(r.notBefore))}::timestamptz[]) as not_before,
                   unnest(${col((r) => r.suppressionReason ?? null)}::text[]) as reason,
                   unnest(${col((r) => r.providerMessageId ?? null)}::text[]) as provider,
                   unnest(${col((r) => iso(r.sentAt))}::timestamptz[]) as sent_at,
                   unnest(${col((r) => iso(r.deliveredAt))}::timestamptz[]) as delivered_at,
                   unnest(${col((r) => iso(r.failedAt))}::timestamptz[]) as failed_at,
                   unnest(${col((r) => r.lastError ?? null)}::text[]) as last_error) v
      where m.id = v.id`);
  }
}

/** The first contact point of each kind (primary first) of many customers, encrypted, one statement. */
export async function contactsOf(db: DbOrTx, customerIds: readonly string[]): Promise<Map<string, string>> {
  if (customerIds.length === 0) return new Map();
  const rows = await queryRows<{ customer_id: string; kind: string; value_enc: string }>(
    db,
    sql`select distinct on (k.customer_id, k.kind) k.customer_id, k.kind, k.value_enc from ${customerContacts} k
      where k.customer_id = any(${sql.param([...customerIds])}::text[]) and k.kind in ('mobile', 'email', 'wechat')
      order by k.customer_id, k.kind, k.is_primary desc, k.created_at`,
  );
  return new Map(rows.map((r) => [`${r.customer_id}:${r.kind}`, r.value_enc]));
}
