import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEvents } from '../../kernel/events/events';
import { outboxEvents } from '../../kernel/events/events.tables';
import { tasks } from './engagement.tables';
import { type EngagementBank, startEngagementBank } from './engagement.test-support';
import { complianceReviewSweep } from './jobs/rule-sweeps.job';

let bank: EngagementBank;
let c: { id: string };

beforeAll(async () => {
  bank = await startEngagementBank();
  c = await bank.customer('rm1', { name: '钱多多' });
  await bank.dispatch();
});
afterAll(async () => {
  await bank.close();
});

const tasksOf = (customerId: string, kind: string) =>
  bank.deps.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.customerId, customerId), eq(tasks.kind, kind)));

const request = (payload: Record<string, unknown>) =>
  bank.deps.db.transaction((tx) =>
    emitEvents(tx, bank.deps.clock, [
      {
        type: 'task.requested',
        aggregateType: 'complaint',
        aggregateId: 'cmp_1',
        customerId: c.id,
        actorId: 'system',
        payload,
      },
    ]),
  );

describe('task.requested (the cross-domain contract)', () => {
  const payload = {
    kind: 'complaint_follow_up',
    title: '投诉办结后回访客户',
    dueAt: '2030-01-05T02:00:00.000Z',
    priority: 'high',
    source: { domain: 'complaints', type: 'complaint', id: 'cmp_1' },
  };

  it('makes exactly one task per event, owned by the customer RM, even when the event is delivered twice', async () => {
    await request(payload);
    await bank.dispatch();
    // deliver the same event again (a redelivery after a lost acknowledgement)
    await bank.deps.db.update(outboxEvents).set({ publishedAt: null }).where(eq(outboxEvents.type, 'task.requested'));
    await bank.dispatch();
    const rows = await tasksOf(c.id, 'complaint_follow_up');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ownerId: bank.staff.rm1,
      category: 'follow_up',
      priority: 'high',
      sourceDomain: 'complaints',
      sourceType: 'complaint',
      sourceId: 'cmp_1',
    });
    expect(rows[0]?.dueAt.toISOString()).toBe(payload.dueAt);
  });

  it('makes a second task for a second event about the same thing, and honours ownerId', async () => {
    await request({ ...payload, kind: 'retention', title: '挽留', ownerId: bank.staff.rm2 });
    await bank.dispatch();
    const rows = await tasksOf(c.id, 'retention');
    expect(rows.map((r) => r.ownerId)).toEqual([bank.staff.rm2]);
  });

  it('keeps a malformed request in the outbox with an error naming the field, and makes no task', async () => {
    await request({ ...payload, kind: 'low_survey_score', dueAt: 'next tuesday' });
    await bank.dispatch();
    expect(await tasksOf(c.id, 'low_survey_score')).toHaveLength(0);
    const failed = (await bank.deps.db.select().from(outboxEvents).where(eq(outboxEvents.type, 'task.requested'))).find(
      (e) => e.lastError,
    );
    expect(failed?.publishedAt).toBeNull();
    expect(failed?.lastError).toContain('payload.dueAt');
  });
});

describe('rules', () => {
  it('gives a new customer an onboarding task for their RM, due in BANYAN_ONBOARDING_TASK_DAYS', async () => {
    const [t] = await tasksOf(c.id, 'onboarding');
    expect(t).toMatchObject({ ownerId: bank.staff.rm1, status: 'open', sourceDomain: 'customers' });
    expect(Math.round(((t?.dueAt.getTime() ?? 0) - (t?.createdAt.getTime() ?? 0)) / 86_400_000)).toBe(7);
  });

  it('turns customer.profile_refresh_due into a profile refresh task, once per customer while open', async () => {
    for (let i = 0; i < 2; i++) {
      await bank.deps.db.transaction((tx) =>
        emitEvents(tx, bank.deps.clock, [
          {
            type: 'customer.profile_refresh_due',
            aggregateType: 'customer',
            aggregateId: c.id,
            customerId: c.id,
            actorId: 'system',
            payload: { reason: 'never_verified' },
          },
        ]),
      );
    }
    await bank.dispatch();
    const rows = await tasksOf(c.id, 'profile_refresh');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.ownerId).toBe(bank.staff.rm1);
  });

  it('gives a customer tagged AML高风险 one compliance review task (event and nightly sweep)', async () => {
    const res = await bank.send('PATCH', `/api/customers/${c.id}`, 'rm1', { tags: ['AML高风险'] });
    expect(res.statusCode).toBe(200);
    await bank.dispatch();
    expect(await complianceReviewSweep(bank.eng)).toEqual({ created: 0 });
    const rows = await tasksOf(c.id, 'compliance_review');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ priority: 'high', ownerId: bank.staff.rm1 });
    // once reviewed, no new review for BANYAN_COMPLIANCE_REVIEW_MONTHS
    const done = await bank.send('POST', `/api/tasks/${rows[0]?.id}/complete`, 'rm1', {
      outcomeNotes: '已复核资金来源',
    });
    expect(done.statusCode).toBe(200);
    expect(await complianceReviewSweep(bank.eng)).toEqual({ created: 0 });
  });

  it('finds tagged customers the events missed in the nightly sweep', async () => {
    const other = await bank.customer('rm2', { name: '李雷' });
    const { customers } = await import('../customers');
    await bank.deps.db
      .update(customers)
      .set({ tags: ['AML高风险'] })
      .where(eq(customers.id, other.id));
    expect(await complianceReviewSweep(bank.eng)).toEqual({ created: 1 });
    expect((await tasksOf(other.id, 'compliance_review'))[0]?.ownerId).toBe(bank.staff.rm2);
  });
});
