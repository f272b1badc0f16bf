import { and, count, eq, isNull, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../domains/access';
import { analyticsModels, churnEvents, churnScores } from '../domains/analytics';
import { consentRecords, consentState } from '../domains/consent';
import { customers, customerTimeline } from '../domains/customers';
import { customerLastContact, interactions, tasks } from '../domains/engagement';
import { messageTemplates } from '../domains/messaging';
import { segments } from '../domains/segmentation';
import { fixedClock } from '../kernel/clock';
import { outboxEvents } from '../kernel/events/events.tables';
import { isId } from '../kernel/ids';
import { startTestServer, type TestServer } from '../test/server';
import { demoMarketingSms, demoSegmentName } from './marketing';

// The demo bank as the first start loads it (small, for speed): everything a
// user sees on day one is there, and the outbox is empty when it is done.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    clock: fixedClock('2026-06-15T02:00:00Z'),
    env: { BANYAN_DEMO: 'true', BANYAN_DEMO_CUSTOMERS: '300' },
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('demo bank on first start', () => {
  it('loads the customers with a year of interactions, their latest contact and open tasks', async () => {
    const db = server.deps.db;
    const [c] = await db.select({ n: count() }).from(customers);
    expect(c?.n).toBe(300);
    const [i] = await db.select({ n: count() }).from(interactions);
    expect(i?.n).toBeGreaterThan(150);
    const [l] = await db.select({ n: count() }).from(customerLastContact);
    expect(l?.n).toBeGreaterThan(100);
    const [t] = await db.select({ n: count() }).from(tasks);
    expect(t?.n).toBeGreaterThan(0);
  });

  it('puts every interaction on its customer timeline at the time it happened', async () => {
    const db = server.deps.db;
    const [i] = await db.select({ n: count() }).from(interactions);
    // each interaction has its timeline entry, at the time it happened
    const [matched] = await db
      .select({ n: count() })
      .from(interactions)
      .innerJoin(
        customerTimeline,
        and(
          eq(customerTimeline.customerId, interactions.customerId),
          eq(sql`${customerTimeline.summary}->>'interactionId'`, interactions.id),
          eq(customerTimeline.occurredAt, interactions.occurredAt),
          eq(customerTimeline.type, 'interaction.logged'),
        ),
      );
    expect(matched?.n).toBe(i?.n);
    const [tt] = await db
      .select({ n: count() })
      .from(customerTimeline)
      .where(eq(customerTimeline.type, 'task.created'));
    const [t] = await db.select({ n: count() }).from(tasks);
    expect(tt?.n).toBe(t?.n);
  });

  it('records leavers with their reasons (some won back) and trains and scores a first churn model on them', async () => {
    const db = server.deps.db;
    const left = await db.select().from(churnEvents);
    expect(left.length).toBeGreaterThanOrEqual(5);
    expect(left.some((e) => e.wonBackOn !== null)).toBe(true);
    expect(left.every((e) => isId('unit', e.unitId))).toBe(true);
    const models = await db.select().from(analyticsModels).where(eq(analyticsModels.kind, 'churn'));
    expect(models).toHaveLength(1);
    // the early-warning list has someone to show on the first start
    const [risky] = await db.select({ n: count() }).from(churnScores).where(ne(churnScores.band, 'low'));
    expect(risky?.n).toBeGreaterThan(0);
  });

  it('has an approved marketing SMS by the marketer, approved by the head-office manager (MKT-10), and a segment to target', async () => {
    const db = server.deps.db;
    const [tpl] = await db.select().from(messageTemplates).where(eq(messageTemplates.code, demoMarketingSms.code));
    expect(tpl).toMatchObject({ kind: 'marketing', channel: 'sms', status: 'approved' });
    const [author] = await db
      .select()
      .from(users)
      .where(eq(users.id, tpl?.authorId ?? ''));
    const [reviewer] = await db
      .select()
      .from(users)
      .where(eq(users.id, tpl?.reviewerId ?? ''));
    expect([author?.username, reviewer?.username]).toEqual(['marketing', 'hqmgr']);
    const [segment] = await db.select().from(segments).where(eq(segments.name, demoSegmentName));
    expect(segment).toBeDefined();
    // MKT-04: the customers who signed a marketing consent for SMS, each with its record (PI-03)
    const granted = await db
      .select({ n: count() })
      .from(consentState)
      .innerJoin(consentRecords, eq(consentRecords.id, consentState.recordId))
      .where(
        and(eq(consentState.purpose, 'marketing'), eq(consentState.channel, 'sms'), eq(consentState.status, 'granted')),
      );
    expect(granted[0]?.n).toBeGreaterThan(100);
  });

  it('leaves no event undelivered, so a restart starts with an empty outbox', async () => {
    const [p] = await server.deps.db.select({ n: count() }).from(outboxEvents).where(isNull(outboxEvents.publishedAt));
    expect(p?.n).toBe(0);
  });
});
