import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import type { Copier } from '../../kernel/db/copy';
import type { BatchEventHandler, StoredEvent } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { keysetAfter, orderByKeys, type SortKey } from '../../kernel/pagination';
import { customerTimeline } from './customers.tables';

/**
 * The customer timeline: every domain event that names a customer becomes a
 * timeline entry (a projection of the outbox). Idempotent on the event id, so
 * an event delivered twice after a failure appears once.
 */
function entriesFor(events: readonly StoredEvent[]) {
  return events.flatMap((event) =>
    event.customerId
      ? [
          {
            id: newId('event').replace('evt_', 'tl_'),
            eventId: event.id,
            customerId: event.customerId,
            occurredAt: event.occurredAt,
            type: event.type,
            actorId: event.actorId ?? null,
            summary: event.payload,
          },
        ]
      : [],
  );
}

export const projectToTimeline: BatchEventHandler = async (tx, events) => {
  const rows = entriesFor(events);
  if (rows.length === 0) return;
  await tx.insert(customerTimeline).values(rows).onConflictDoNothing();
};

/**
 * Bulk loads (the demo bank) write their events to the outbox as already
 * delivered and their timeline entries with the same COPY transaction.
 */
export async function copyToTimeline(copy: Copier, events: readonly StoredEvent[]): Promise<void> {
  await copy(customerTimeline, entriesFor(events));
}

export type TimelineRow = typeof customerTimeline.$inferSelect;

const keys: SortKey[] = [
  { column: customerTimeline.occurredAt, direction: 'desc' },
  { column: customerTimeline.id, direction: 'desc' },
];

export async function timelineRows(
  db: DbOrTx,
  customerId: string,
  after: unknown[] | null,
  limit: number,
  types?: readonly string[],
): Promise<TimelineRow[]> {
  return db
    .select()
    .from(customerTimeline)
    .where(
      and(
        eq(customerTimeline.customerId, customerId),
        after ? keysetAfter(keys, after) : undefined,
        types && types.length > 0 ? inArray(customerTimeline.type, [...types]) : undefined,
      ),
    )
    .orderBy(...orderByKeys(keys))
    .limit(limit);
}
