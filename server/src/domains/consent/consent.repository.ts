import { and, desc, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { queryRows } from '../../kernel/db/query';
import { keysetAfter, orderByKeys, type SortKey } from '../../kernel/pagination';
import { customers } from '../customers';
import {
  type ConsentChannel,
  type ConsentPurpose,
  type ConsentRecordRow,
  type ConsentStatus,
  consentRecords,
  consentState,
  contactDnd,
  contactLog,
  contactSuppressions,
  type SuppressionRow,
} from './consent.tables';

export async function insertRecord(tx: DbOrTx, row: typeof consentRecords.$inferInsert): Promise<void> {
  await tx.insert(consentRecords).values(row);
}

export async function upsertState(
  tx: DbOrTx,
  row: {
    customerId: string;
    purpose: ConsentPurpose;
    channel: ConsentChannel;
    status: ConsentStatus;
    recordId: string;
    updatedAt: Date;
  },
): Promise<void> {
  await tx
    .insert(consentState)
    .values(row)
    .onConflictDoUpdate({
      target: [consentState.customerId, consentState.purpose, consentState.channel],
      set: { status: row.status, recordId: row.recordId, updatedAt: row.updatedAt },
    });
}

export async function statesOf(db: DbOrTx, customerId: string) {
  return db.select().from(consentState).where(eq(consentState.customerId, customerId));
}

const historyKeys: SortKey[] = [
  { column: consentRecords.occurredAt, direction: 'desc' },
  { column: consentRecords.id, direction: 'desc' },
];

export async function history(
  db: DbOrTx,
  customerId: string,
  after: unknown[] | null,
  limit: number,
): Promise<ConsentRecordRow[]> {
  return db
    .select()
    .from(consentRecords)
    .where(and(eq(consentRecords.customerId, customerId), after ? keysetAfter(historyKeys, after) : undefined))
    .orderBy(...orderByKeys(historyKeys))
    .limit(limit);
}

/** The latest refusal of a purpose (any channel) after `since`, for the MKT-07 cool-down. */
export async function refusalSince(db: DbOrTx, customerId: string, purpose: ConsentPurpose, since: Date) {
  const [row] = await db
    .select({ occurredAt: consentRecords.occurredAt })
    .from(consentRecords)
    .where(
      and(
        eq(consentRecords.customerId, customerId),
        eq(consentRecords.purpose, purpose),
        eq(consentRecords.action, 'refuse'),
        gt(consentRecords.occurredAt, since),
      ),
    )
    .orderBy(desc(consentRecords.occurredAt))
    .limit(1);
  return row?.occurredAt ?? null;
}

/** Serialise the gate for one customer: concurrent sends to the same customer take turns, so a cap cannot be overrun. */
export async function lockCustomer(tx: DbOrTx, customerId: string): Promise<void> {
  await tx.execute(sql`select 1 from ${customers} where ${customers.id} = ${customerId} for update`);
}

/** What the contact gate needs about one customer: consents of one channel, DND, preferences, contacts of the last 30 days. */
export async function gateRows(tx: DbOrTx, customerId: string, channel: ConsentChannel, now: Date) {
  const states = await tx
    .select({ purpose: consentState.purpose, status: consentState.status })
    .from(consentState)
    .where(and(eq(consentState.customerId, customerId), eq(consentState.channel, channel)));
  const [dnd] = await tx
    .select({ until: contactDnd.until })
    .from(contactDnd)
    .where(and(eq(contactDnd.customerId, customerId), or(sql`${contactDnd.until} is null`, gt(contactDnd.until, now))));
  const [c] = await tx
    .select({ preferences: customers.preferences, status: customers.status })
    .from(customers)
    .where(eq(customers.id, customerId));
  const past = await tx
    .select({ at: contactLog.occurredAt })
    .from(contactLog)
    .where(
      and(eq(contactLog.customerId, customerId), gt(contactLog.occurredAt, new Date(now.getTime() - 30 * 86_400_000))),
    );
  return {
    marketing: states.find((s) => s.purpose === 'marketing')?.status,
    service: states.find((s) => s.purpose === 'service')?.status,
    dnd: dnd !== undefined,
    preferences: c?.preferences ?? {},
    customerActive: c?.status === 'active',
    pastContacts: past.map((p) => p.at),
  };
}

export async function insertContact(tx: DbOrTx, row: typeof contactLog.$inferInsert): Promise<void> {
  await tx.insert(contactLog).values(row);
}

export async function deleteContactOf(tx: DbOrTx, sourceType: string, sourceId: string): Promise<void> {
  await tx.delete(contactLog).where(and(eq(contactLog.sourceType, sourceType), eq(contactLog.sourceId, sourceId)));
}

export async function insertSuppression(tx: DbOrTx, row: typeof contactSuppressions.$inferInsert): Promise<void> {
  await tx.insert(contactSuppressions).values(row);
}

const suppressionKeys: SortKey[] = [
  { column: contactSuppressions.occurredAt, direction: 'desc' },
  { column: contactSuppressions.id, direction: 'desc' },
];

/** Suppressions newest first, of one customer or of one source, within the scope (joined through customers). */
export async function listSuppressions(
  db: DbOrTx,
  f: { scope: SQL; customerId?: string; sourceId?: string },
  after: unknown[] | null,
  limit: number,
): Promise<SuppressionRow[]> {
  const rows = await db
    .select({ s: contactSuppressions })
    .from(contactSuppressions)
    .innerJoin(customers, eq(customers.id, contactSuppressions.customerId))
    .where(
      and(
        f.scope,
        f.customerId ? eq(contactSuppressions.customerId, f.customerId) : undefined,
        f.sourceId ? eq(contactSuppressions.sourceId, f.sourceId) : undefined,
        after ? keysetAfter(suppressionKeys, after) : undefined,
      ),
    )
    .orderBy(...orderByKeys(suppressionKeys))
    .limit(limit);
  return rows.map((r) => r.s);
}

export async function findDnd(db: DbOrTx, customerId: string) {
  const [row] = await db.select().from(contactDnd).where(eq(contactDnd.customerId, customerId));
  return row ?? null;
}

export async function upsertDnd(tx: DbOrTx, row: typeof contactDnd.$inferInsert): Promise<void> {
  await tx
    .insert(contactDnd)
    .values(row)
    .onConflictDoUpdate({
      target: contactDnd.customerId,
      set: { reason: row.reason, until: row.until, addedBy: row.addedBy },
    });
}

export async function deleteDnd(tx: DbOrTx, customerId: string): Promise<boolean> {
  const r = await tx
    .delete(contactDnd)
    .where(eq(contactDnd.customerId, customerId))
    .returning({ id: contactDnd.customerId });
  return r.length > 0;
}

/** Customers with a live consent for a purpose on a channel (a subquery for audience builds). */
export function consentedCustomers(purpose: ConsentPurpose, channel: ConsentChannel): SQL {
  return sql`select ${consentState.customerId} from ${consentState} where ${consentState.purpose} = ${purpose} and ${consentState.channel} = ${channel} and ${consentState.status} = 'granted'`;
}

/** The channels on which a customer withdrew a purpose (care picks another channel). */
export async function withdrawnChannels(
  db: DbOrTx,
  customerId: string,
  purpose: ConsentPurpose,
): Promise<Set<ConsentChannel>> {
  const rows = await db
    .select({ channel: consentState.channel })
    .from(consentState)
    .where(
      and(
        eq(consentState.customerId, customerId),
        eq(consentState.purpose, purpose),
        eq(consentState.status, 'withdrawn'),
      ),
    );
  return new Set(rows.map((r) => r.channel));
}

export type GateBatchRow = {
  id: string;
  preferences: Record<string, unknown>;
  /** "<channel>:<purpose>" -> status */
  states: Record<string, ConsentStatus>;
  dnd: boolean;
  /** marketing contacts of the last 30 days */
  past: Date[];
};

function json<T>(v: unknown, empty: T): T {
  if (v === null || v === undefined) return empty;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/**
 * What the contact gate needs about a set of customers, in one statement:
 * consents of every channel, DND, preferences and contacts of the last 30
 * days. The customer rows are locked (in id order, so two batches cannot
 * deadlock) so that two sends to one customer cannot both pass a cap.
 */
export async function lockGateRows(tx: DbOrTx, customerIds: readonly string[], now: Date): Promise<GateBatchRow[]> {
  if (customerIds.length === 0) return [];
  const at = now.toISOString();
  const rows = await queryRows<{ id: string; preferences: unknown; states: unknown; dnd: boolean; past: unknown }>(
    tx,
    sql`select c.id, c.preferences,
        (select json_object_agg(s.channel || ':' || s.purpose, s.status) from ${consentState} s where s.customer_id = c.id) as states,
        exists (select 1 from ${contactDnd} d where d.customer_id = c.id and (d.until is null or d.until > ${at}::timestamptz)) as dnd,
        (select json_agg(l.occurred_at) from ${contactLog} l
          where l.customer_id = c.id and l.occurred_at > ${at}::timestamptz - interval '30 days') as past
      from ${customers} c where c.id = any(${sql.param([...customerIds])}::text[])
      order by c.id for update of c`,
  );
  return rows.map((r) => ({
    id: r.id,
    preferences: json<Record<string, unknown>>(r.preferences, {}),
    states: json<Record<string, ConsentStatus>>(r.states, {}),
    dnd: r.dnd === true || (r.dnd as unknown) === 't',
    past: json<string[]>(r.past, []).map((t) => new Date(t)),
  }));
}

export async function insertSuppressions(tx: DbOrTx, rows: (typeof contactSuppressions.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(contactSuppressions).values(rows.slice(i, i + 1000));
}

export async function insertContacts(tx: DbOrTx, rows: (typeof contactLog.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(contactLog).values(rows.slice(i, i + 2000));
}

export async function deleteContactsOf(tx: DbOrTx, sourceType: string, sourceIds: readonly string[]): Promise<void> {
  if (sourceIds.length === 0) return;
  await tx
    .delete(contactLog)
    .where(
      and(
        eq(contactLog.sourceType, sourceType),
        sql`${contactLog.sourceId} = any(${sql.param([...sourceIds])}::text[])`,
      ),
    );
}
