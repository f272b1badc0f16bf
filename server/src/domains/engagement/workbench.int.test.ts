import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../kernel/clock';
import { loginAs } from '../../test/bank';
import { taskEscalations, tasks } from './engagement.tables';
import { type EngagementBank, startEngagementBank } from './engagement.test-support';
import { escalateOverdueTasks } from './jobs/escalate-overdue-tasks.job';
import { assessmentExpirySweep, contactStandardSweep } from './jobs/rule-sweeps.job';

// Wednesday 2026-05-20, 10:00 in Shanghai
const clock = fixedClock('2026-05-20T02:00:00Z');
let bank: EngagementBank;
let stale: { id: string };
let recent: { id: string };
let pb: { id: string };
let birthday: { id: string };

beforeAll(async () => {
  bank = await startEngagementBank(clock);
  // wealth: contact at least every 3 months; never contacted since onboarding in January 2025
  stale = await bank.customer('rm1', { name: '赵钱' }, { tier: 'wealth', onboardedOn: '2025-01-10', aum: 80_000_000 });
  // mass: yearly; onboarded this year
  recent = await bank.customer(
    'rm1',
    { name: '孙李', birthDate: '1990-06-15' },
    { tier: 'mass', onboardedOn: '2026-01-05', aum: 1_000_000 },
  );
  // private banking: monthly; contacted today
  pb = await bank.customer(
    'rm1',
    { name: '周吴' },
    { tier: 'private_banking', onboardedOn: '2024-03-01', aum: 900_000_000 },
  );
  birthday = await bank.customer(
    'rm1',
    { name: '郑王', birthDate: '1985-05-24' },
    { tier: 'vip', onboardedOn: '2026-04-01' },
  );
  await bank.send('POST', `/api/customers/${pb.id}/interactions`, 'rm1', {
    channel: 'meeting',
    purpose: 'review',
    outcome: 'completed',
  });
});
afterAll(async () => {
  await bank.close();
});

const workbench = async (who: 'rm1' | 'bm' = 'rm1') => {
  const res = await bank.get('/api/workbench', who);
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('the RM workbench', () => {
  it('lists contact-standard breaches of the book with when contact was due (tier service policy)', async () => {
    const w = await workbench();
    expect(w.businessDate).toBe('2026-05-20');
    expect(w.breaches.total).toBe(1);
    expect(w.breaches.items[0]).toMatchObject({
      customerId: stale.id,
      tier: 'wealth',
      contactEveryMonths: 3,
      lastContactAt: null,
    });
    expect(w.breaches.items[0].dueSince).toBe('2025-04-09T16:00:00.000Z');
    // rm2 has no customers: no breaches of rm1's book leak (DS-05)
    expect((await bank.get('/api/workbench', 'rm2')).json().breaches.total).toBe(0);
  });

  it('turns breaches into one task each by the nightly job, however often it runs', async () => {
    expect((await contactStandardSweep(bank.eng)).created).toBe(1);
    expect((await contactStandardSweep(bank.eng)).created).toBe(0);
    const rows = await bank.deps.db.select().from(tasks).where(eq(tasks.kind, 'contact_standard'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ customerId: stale.id, ownerId: bank.staff.rm1, priority: 'high', status: 'open' });
  });

  it('finds a private-banking customer in breach a month after the last contact (injected clock)', async () => {
    clock.advance(32 * MS.day);
    bank.as.rm1 = await loginAs(bank, 'rm1');
    const w = await workbench();
    expect(w.breaches.items.map((b: { customerId: string }) => b.customerId).sort()).toEqual([stale.id, pb.id].sort());
    expect(w.breaches.items.map((b: { customerId: string }) => b.customerId)).not.toContain(recent.id);
    expect((await contactStandardSweep(bank.eng)).created).toBe(1);
    clock.set('2026-05-20T02:00:00Z');
    bank.as.rm1 = await loginAs(bank, 'rm1');
  });

  it('shows tasks due today, overdue tasks and follow-ups due this week', async () => {
    const post = (title: string, hours: number, category = 'task') =>
      bank.send('POST', '/api/tasks', 'rm1', {
        customerId: recent.id,
        title,
        category,
        dueAt: new Date(clock.now().getTime() + hours * MS.hour).toISOString(),
      });
    const today = (await post('今天下午回电', 4)).json();
    const late = (await post('昨天应完成', -3)).json();
    const fu = (await post('售后回访', 72, 'follow_up')).json();
    const later = (await post('下月任务', 24 * 30, 'follow_up')).json();
    const w = await workbench();
    expect(w.tasksToday.items.map((t: { id: string }) => t.id)).toEqual([today.id]);
    expect(w.overdue.items.map((t: { id: string }) => t.id)).toEqual([late.id]);
    expect(w.overdue.items[0].overdue).toBe(true);
    const fus = w.followUps.items.map((t: { id: string }) => t.id);
    expect(fus).toContain(fu.id);
    expect(fus).not.toContain(later.id);
  });

  it('shows assessments expiring within 30 days, birthdays this week and the portfolio by tier', async () => {
    const { customers } = await import('../customers');
    await bank.deps.db
      .update(customers)
      .set({ riskLevel: 'C3', riskExpiresAt: new Date('2026-06-01T00:00:00Z') })
      .where(eq(customers.id, stale.id));
    await bank.deps.db
      .update(customers)
      .set({ riskLevel: 'C2', riskExpiresAt: new Date('2026-07-15T00:00:00Z') })
      .where(eq(customers.id, recent.id));
    const w = await workbench();
    expect(w.expiringAssessments.total).toBe(1);
    expect(w.expiringAssessments.items[0]).toMatchObject({ customerId: stale.id, riskLevel: 'C3' });
    expect(w.birthdays.map((b: { customerId: string }) => b.customerId)).toEqual([birthday.id]);
    expect(w.birthdays[0].birthday).toBe('2026-05-24');
    const byTier = Object.fromEntries(
      w.portfolio.byTier.map((t: { tier: string; customers: number; aum: number }) => [t.tier, t]),
    );
    expect(byTier.wealth).toMatchObject({ customers: 1, aum: 80_000_000 });
    expect(w.portfolio.customers).toBe(4);
    // SUIT-05: the nightly job gives the expiring assessment a task due at expiry
    expect((await assessmentExpirySweep(bank.eng)).created).toBe(1);
    const [t] = await bank.deps.db.select().from(tasks).where(eq(tasks.kind, 'assessment_expiring'));
    expect(t?.dueAt.toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });
});

describe('overdue escalation', () => {
  it('escalates a task overdue past the configured hours to the branch manager, once', async () => {
    const overdue = await bank.deps.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.title, '昨天应完成')));
    const id = overdue[0]?.id as string;
    // 3 hours overdue: not yet (BANYAN_TASK_ESCALATION_HOURS = 24)
    expect((await escalateOverdueTasks(bank.eng)).escalated).toBe(0);
    clock.advance(22 * MS.hour);
    const r = await escalateOverdueTasks(bank.eng);
    expect(r.escalated).toBe(1);
    expect((await escalateOverdueTasks(bank.eng)).escalated).toBe(0);
    const [esc] = await bank.deps.db.select().from(taskEscalations).where(eq(taskEscalations.taskId, id));
    expect(esc).toMatchObject({ managerId: bank.staff.bm, overdueHours: 25 });
    const task = (await bank.get(`/api/tasks/${id}`, 'rm1')).json();
    expect(task).toMatchObject({ escalatedTo: bank.staff.bm, status: 'open' });
    // the manager sees the alert on their workbench; the customer timeline shows the escalation
    const w = await workbench('bm');
    expect(w.alerts.items).toHaveLength(1);
    expect(w.alerts.items[0]).toMatchObject({ kind: 'overdue_escalation', category: 'alert', ownerId: bank.staff.bm });
    expect(w.alerts.items[0].source).toEqual({ domain: 'engagement', type: 'task_escalation', id });
    await bank.dispatch();
    const tl = (await bank.get(`/api/customers/${recent.id}/timeline?type=task.escalated`, 'bm')).json();
    expect(tl.items[0].summary).toMatchObject({ taskId: id, managerId: bank.staff.bm, overdueHours: 25 });
  });

  it('escalates after the configured number of hours (BANYAN_TASK_ESCALATION_HOURS)', async () => {
    const c2 = fixedClock('2026-05-20T02:00:00Z');
    const other = await startEngagementBank(c2, { BANYAN_TASK_ESCALATION_HOURS: '2' });
    try {
      const c = await other.customer('rm2');
      const t = (
        await other.send('POST', '/api/tasks', 'rm2', {
          customerId: c.id,
          title: '回电',
          dueAt: '2026-05-20T01:00:00Z',
        })
      ).json();
      expect((await escalateOverdueTasks(other.eng)).escalated).toBe(0);
      c2.advance(2 * MS.hour);
      expect((await escalateOverdueTasks(other.eng)).escalated).toBe(1);
      expect((await other.get(`/api/tasks/${t.id}`, 'rm2')).json().escalatedTo).toBe(other.staff.bm);
    } finally {
      await other.close();
    }
  });
});
