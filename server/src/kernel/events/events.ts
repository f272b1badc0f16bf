import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
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
 * Deliver unpublished events in order, each with its handlers in a savepoint,
 * so a failing handler holds back only its own event (recorded with the
 * error, retried up to MAX_ATTEMPTS) and never loses it.
 * Returns how many events were delivered.
 */
export async function dispatchPendingEvents(db: Db, bus: EventBus, clock: Clock, batch = 200): Promise<number> {
  // One transaction per batch, a savepoint per event: a bulk load's thousands
  // of events cost one commit per batch, not one each, and a failing handler
  // still rolls back only its own event.
  return db.transaction(async (tx) => {
    // SKIP LOCKED: another server process may be dispatching at the same time.
    const rows = await tx
      .select()
      .from(outboxEvents)
      .where(and(isNull(outboxEvents.publishedAt), lt(outboxEvents.attempts, MAX_ATTEMPTS)))
      .orderBy(asc(outboxEvents.occurredAt), asc(outboxEvents.id))
      .limit(batch)
      .for('update', { skipLocked: true });
    const delivered: string[] = [];
    for (const row of rows) {
      const event: StoredEvent = { ...row, payload: row.payload ?? {} };
      try {
        await tx.transaction(async (sp) => {
          for (const h of bus.handlersFor(row.type)) await h(sp, event);
        });
        delivered.push(row.id);
      } catch (e) {
        await tx
          .update(outboxEvents)
          .set({ attempts: sql`${outboxEvents.attempts} + 1`, lastError: (e as Error).message.slice(0, 500) })
          .where(eq(outboxEvents.id, row.id));
      }
    }
    if (delivered.length > 0) {
      await tx.update(outboxEvents).set({ publishedAt: clock.now() }).where(inArray(outboxEvents.id, delivered));
    }
    return delivered.length;
  });
}
