import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db, DbOrTx } from '../db';
import { insertJsonRows } from '../db/json-insert';
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
/**
 * A handler that takes many events at once: for projections (the timeline)
 * that can write a whole batch in one statement. It must be idempotent on the
 * event id, because an event in a batch whose own handler failed is delivered
 * again later.
 */
export type BatchEventHandler = (tx: DbOrTx, events: readonly StoredEvent[]) => Promise<void>;

/** Write events to the outbox inside the caller's transaction. */
export async function emitEvents(tx: DbOrTx, clock: Clock, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const at = clock.now();
  // one JSON parameter for the whole batch: a job's thousands of events in one cheap statement
  await insertJsonRows(
    tx,
    outboxEvents,
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
  private readonly batchHandlers = new Map<string, BatchEventHandler[]>();

  on(type: string, handler: EventHandler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }

  /** Register an idempotent handler that receives the batch's events of `type` ('*': all) together. */
  onBatch(type: string, handler: BatchEventHandler): void {
    this.batchHandlers.set(type, [...(this.batchHandlers.get(type) ?? []), handler]);
  }

  handlersFor(type: string): EventHandler[] {
    return [...(this.handlers.get(type) ?? []), ...(this.handlers.get('*') ?? [])];
  }

  /** Every batch handler with the events of `events` it takes, in registration order. */
  batchesFor(events: readonly StoredEvent[]): { handler: BatchEventHandler; events: StoredEvent[] }[] {
    const out: { handler: BatchEventHandler; events: StoredEvent[] }[] = [];
    for (const [type, list] of this.batchHandlers) {
      const matching = type === '*' ? [...events] : events.filter((e) => e.type === type);
      if (matching.length > 0) for (const handler of list) out.push({ handler, events: matching });
    }
    return out;
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
    const events: StoredEvent[] = rows.map((row) => ({ ...row, payload: row.payload ?? {} }));
    // Batch handlers first, all events in one savepoint; if that fails, each
    // event takes its batch handlers with it into its own savepoint below, so
    // the failure is pinned on the event that caused it.
    let batched = true;
    try {
      await tx.transaction(async (sp) => {
        for (const b of bus.batchesFor(events)) await b.handler(sp, b.events);
      });
    } catch {
      batched = false;
    }
    const delivered: string[] = [];
    for (const event of events) {
      const handlers = bus.handlersFor(event.type);
      const single = batched ? [] : bus.batchesFor([event]);
      if (handlers.length === 0 && single.length === 0) {
        delivered.push(event.id);
        continue;
      }
      try {
        await tx.transaction(async (sp) => {
          for (const b of single) await b.handler(sp, b.events);
          for (const h of handlers) await h(sp, event);
        });
        delivered.push(event.id);
      } catch (e) {
        await tx
          .update(outboxEvents)
          .set({ attempts: sql`${outboxEvents.attempts} + 1`, lastError: (e as Error).message.slice(0, 500) })
          .where(eq(outboxEvents.id, event.id));
      }
    }
    if (delivered.length > 0) {
      await tx.update(outboxEvents).set({ publishedAt: clock.now() }).where(inArray(outboxEvents.id, delivered));
    }
    return delivered.length;
  });
}
