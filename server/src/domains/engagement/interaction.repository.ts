import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { keysetAfter, orderByKeys, type SortKey } from '../../kernel/pagination';
import { users } from '../access';
import { customers } from '../customers';
import { customerLastContact, type InteractionRow, interactions } from './engagement.tables';

export type InteractionWithNames = InteractionRow & {
  customerName: string;
  customerKind: 'individual' | 'organisation';
  staffName: string | null;
};

const keys: SortKey[] = [
  { column: interactions.occurredAt, direction: 'desc' },
  { column: interactions.id, direction: 'desc' },
];

export async function insertInteraction(tx: DbOrTx, row: typeof interactions.$inferInsert): Promise<void> {
  await tx.insert(interactions).values(row);
}

export async function updateInteraction(tx: DbOrTx, id: string, set: Partial<typeof interactions.$inferInsert>) {
  await tx.update(interactions).set(set).where(eq(interactions.id, id));
}

/** Keep the latest contact per customer (an older interaction logged late does not move it back). */
export async function recordContact(tx: DbOrTx, customerId: string, at: Date, interactionId: string): Promise<void> {
  await tx
    .insert(customerLastContact)
    .values({ customerId, lastContactAt: at, interactionId })
    .onConflictDoUpdate({
      target: customerLastContact.customerId,
      set: { lastContactAt: at, interactionId },
      where: sql`${customerLastContact.lastContactAt} < ${at}`,
    });
}

/** Interactions of one customer or one staff member, within the actor's scope (joined through customers). */
export async function listInteractions(
  db: DbOrTx,
  f: { scope: SQL; id?: string; customerId?: string; staffId?: string },
  after: unknown[] | null,
  limit: number,
): Promise<InteractionWithNames[]> {
  const rows = await db
    .select({
      i: interactions,
      customerName: customers.name,
      customerKind: customers.kind,
      staffName: users.displayName,
    })
    .from(interactions)
    .innerJoin(customers, eq(customers.id, interactions.customerId))
    .leftJoin(users, eq(users.id, interactions.staffId))
    .where(
      and(
        f.scope,
        f.id ? eq(interactions.id, f.id) : undefined,
        f.customerId ? eq(interactions.customerId, f.customerId) : undefined,
        f.staffId ? eq(interactions.staffId, f.staffId) : undefined,
        after ? keysetAfter(keys, after) : undefined,
      ),
    )
    .orderBy(...orderByKeys(keys))
    .limit(limit);
  return rows.map((r) => ({
    ...r.i,
    customerName: r.customerName,
    customerKind: r.customerKind,
    staffName: r.staffName,
  }));
}

/**
 * A condition: the customer `customerId` (a column or value) responded in
 * [from, to): an interaction that came from them (inbound: a reply, a call,
 * a visit) or ended with interest. Campaign attribution counts these.
 */
export function respondedBetween(customerId: SQL, from: Date, to: Date): SQL {
  return sql`exists (select 1 from ${interactions} i
    where i.customer_id = ${customerId} and i.occurred_at >= ${from.toISOString()}::timestamptz
      and i.occurred_at < ${to.toISOString()}::timestamptz
      and (i.direction = 'inbound' or i.outcome in ('interested', 'callback_requested')))`;
}
