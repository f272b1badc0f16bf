import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db, DbOrTx } from '../db';
import { newId } from '../ids';
import { outboxEvents } from './events.tables';

export type DomainEvent = {
  /** dotted name, past tense: `customer.created`, `complaint.resolved` */
  type: string;
  aggregateType: string;
  aggregateId: string;
  customerId?: string | null;
  actorId?: string | null;
  payload: Record<string, unknown>;
};

export type StoredEvent = DomainEvent & { id: string; occurredAt: Date };
export type EventHandler = (tx: DbOrTx, event: StoredEvent) => Promise<void>;

/** Write events to the outbox inside the caller's transaction. */
export async function emitEvents(tx: DbOrTx, clock: Clock, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const at = clock.now();
  await tx.insert(outboxEvents).values(
    events.map((e) => ({
      id: newId('event'),
      type: e.type,
      aggregateType: e.aggregateType,
      aggregateId: e.aggregateId,
      customerId: e.customerId ?? null,
      actorId: e.actorId ?? null,
      payload: e.payload,
      occurredAt: at,
    })),
  );
}

/** Handlers by event type ('*' receives every event). */
export class EventBus {
  private readonly handlers = new Map<string, EventHandler[]>();

  on(type: string, handler: EventHandler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }

  handlersFor(type: string): EventHandler[] {
    return [...(this.handlers.get(type) ?? []), ...(this.handlers.get('*') ?? [])];
  }
}

const MAX_ATTEMPTS = 10;

/**
 * Deliver unpublished events in order, each in its own transaction with its
 * handlers, so a failing handler holds back only its own event (recorded with
 * the error, retried up to MAX_ATTEMPTS) and never loses it.
 * Returns how many events were delivered.
 */
export async function dispatchPendingEvents(db: Db, bus: EventBus, clock: Clock, batch = 500): Promise<number> {
  const pending = await db
    .select({ id: outboxEvents.id })
    .from(outboxEvents)
    .where(and(isNull(outboxEvents.publishedAt), lt(outboxEvents.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(outboxEvents.occurredAt), asc(outboxEvents.id))
    .limit(batch);
  let delivered = 0;
  for (const { id } of pending) {
    try {
      const done = await db.transaction(async (tx) => {
        // SKIP LOCKED: another server process may be dispatching the same batch.
        const rows = await tx
          .select()
          .from(outboxEvents)
          .where(and(eq(outboxEvents.id, id), isNull(outboxEvents.publishedAt)))
          .for('update', { skipLocked: true });
        const row = rows[0];
        if (!row) return false;
        const event: StoredEvent = { ...row, payload: row.payload ?? {} };
        for (const h of bus.handlersFor(row.type)) await h(tx, event);
        await tx.update(outboxEvents).set({ publishedAt: clock.now() }).where(eq(outboxEvents.id, id));
        return true;
      });
      if (done) delivered++;
    } catch (e) {
      await db
        .update(outboxEvents)
        .set({ attempts: sql`${outboxEvents.attempts} + 1`, lastError: (e as Error).message.slice(0, 500) })
        .where(eq(outboxEvents.id, id));
    }
  }
  return delivered;
}
