import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-db';
import { fixedClock } from '../clock';
import { dispatchPendingEvents, EventBus, emitEvents, type StoredEvent } from './events';
import { outboxEvents } from './events.tables';

let database: TestDatabase;
const clock = fixedClock('2026-03-01T08:00:00Z');
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('transactional outbox', () => {
  it('writes no event when the transaction that emitted it rolls back', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await emitEvents(tx, clock, [{ type: 'x.rolled_back', aggregateType: 'x', aggregateId: '1', payload: {} }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const rows = await database.db.select().from(outboxEvents).where(eq(outboxEvents.type, 'x.rolled_back'));
    expect(rows).toHaveLength(0);
  });

  it('delivers committed events in order, once, to their handlers', async () => {
    const bus = new EventBus();
    const got: StoredEvent[] = [];
    bus.on('customer.created', async (_tx, e) => void got.push(e));
    await database.db.transaction(async (tx) => {
      await emitEvents(tx, clock, [
        { type: 'customer.created', aggregateType: 'customer', aggregateId: 'a', customerId: 'a', payload: { n: 1 } },
        { type: 'customer.created', aggregateType: 'customer', aggregateId: 'b', customerId: 'b', payload: { n: 2 } },
      ]);
    });
    expect(await dispatchPendingEvents(database.db, bus, clock)).toBeGreaterThanOrEqual(2);
    expect(got.map((e) => e.aggregateId)).toEqual(['a', 'b']);
    expect(await dispatchPendingEvents(database.db, bus, clock)).toBe(0);
    expect(got).toHaveLength(2);
  });

  it('keeps an event whose handler fails, with the error, for a later retry', async () => {
    const bus = new EventBus();
    let fail = true;
    const got: string[] = [];
    bus.on('flaky.happened', async (_tx, e) => {
      if (fail) throw new Error('projection down');
      got.push(e.aggregateId);
    });
    await emitEvents(database.db, clock, [
      { type: 'flaky.happened', aggregateType: 'f', aggregateId: 'f1', payload: {} },
    ]);
    await dispatchPendingEvents(database.db, bus, clock);
    const [row] = await database.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, 'f1'));
    expect(row?.publishedAt).toBeNull();
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toBe('projection down');
    fail = false;
    await dispatchPendingEvents(database.db, bus, clock);
    expect(got).toEqual(['f1']);
  });

  it('delivers the rest of a batch when one handler fails, and rolls back only what that handler wrote', async () => {
    const bus = new EventBus();
    bus.on('mixed.happened', async (tx, e) => {
      // a write the failing handler makes before it throws must not survive
      await emitEvents(tx, clock, [
        { type: 'side.effect', aggregateType: 's', aggregateId: `side-${e.aggregateId}`, payload: {} },
      ]);
      if (e.aggregateId === 'm2') throw new Error('bad one');
    });
    await emitEvents(
      database.db,
      clock,
      ['m1', 'm2', 'm3'].map((id) => ({ type: 'mixed.happened', aggregateType: 'm', aggregateId: id, payload: {} })),
    );
    await dispatchPendingEvents(database.db, bus, clock);
    const rows = await database.db.select().from(outboxEvents);
    const byId = (id: string) => rows.find((r) => r.aggregateId === id);
    expect(byId('m1')?.publishedAt).not.toBeNull();
    expect(byId('m3')?.publishedAt).not.toBeNull();
    expect(byId('m2')?.publishedAt).toBeNull();
    expect(byId('m2')?.lastError).toBe('bad one');
    expect(byId('side-m1')).toBeDefined();
    expect(byId('side-m3')).toBeDefined();
    expect(byId('side-m2')).toBeUndefined();
  });

  it('gives a batch handler the batch at once, and pins a batch failure on the event that caused it', async () => {
    const bus = new EventBus();
    const calls: string[][] = [];
    const seen = new Set<string>();
    bus.onBatch('batch.happened', async (_tx, events) => {
      calls.push(events.map((e) => e.aggregateId));
      if (events.some((e) => e.aggregateId === 'b2')) throw new Error('b2 breaks the projection');
      for (const e of events) seen.add(e.aggregateId);
    });
    await emitEvents(
      database.db,
      clock,
      ['b1', 'b2', 'b3'].map((id) => ({ type: 'batch.happened', aggregateType: 'b', aggregateId: id, payload: {} })),
    );
    await dispatchPendingEvents(database.db, bus, clock);
    // first the whole batch together; it failed, so each event again on its own
    expect(calls[0]).toEqual(['b1', 'b2', 'b3']);
    expect(calls.slice(1)).toEqual([['b1'], ['b2'], ['b3']]);
    expect([...seen].sort()).toEqual(['b1', 'b3']);
    const rows = await database.db.select().from(outboxEvents).where(eq(outboxEvents.type, 'batch.happened'));
    const byId = (id: string) => rows.find((r) => r.aggregateId === id);
    expect(byId('b1')?.publishedAt).not.toBeNull();
    expect(byId('b3')?.publishedAt).not.toBeNull();
    expect(byId('b2')?.publishedAt).toBeNull();
    expect(byId('b2')?.lastError).toBe('b2 breaks the projection');
  });
});
