import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock';
import { queryRows } from '../../kernel/db/query';
import { outboxEvents } from '../../kernel/events/events.tables';
import { auditLog, verifyAuditChain } from '../audit';
import { complaintHistory } from './complaints.tables';
import { type ComplaintsBank, startComplaintsBank } from './complaints.test-support';
import { escalateComplaints } from './jobs/escalate-complaints.job';

// CMP-01 escalation in batches: the set-based job resumes each batch where the
// previous one stopped and must neither skip nor repeat a complaint, including
// complaints due at the same instant across a batch boundary.
const clock = fixedClock('2025-03-03T02:00:00Z'); // Monday, 10:00 in Beijing
let bank: ComplaintsBank;
let ids: string[];

beforeAll(async () => {
  bank = await startComplaintsBank(clock);
  const customerId = (await bank.customer('rm1')).id;
  ids = [];
  // seven due at the same instant (same day), then three due a day later
  for (let i = 0; i < 7; i++) ids.push((await bank.register('agent', { customerId })).id);
  clock.set('2025-03-04T02:00:00Z');
  await bank.relogin(['agent']);
  for (let i = 0; i < 3; i++) ids.push((await bank.register('agent', { customerId })).id);
});
afterAll(async () => {
  await bank.close();
});

async function history(action: string) {
  return bank.deps.db
    .select({ complaintId: complaintHistory.complaintId })
    .from(complaintHistory)
    .where(and(eq(complaintHistory.action, action), inArray(complaintHistory.complaintId, ids)));
}

describe('the escalation job in batches (CMP-01)', () => {
  it('due soon in batches of 3: every complaint once, with history, audit record and events; the chain verifies', async () => {
    clock.set('2025-03-18T02:00:00Z'); // the first seven are due 2025-03-18, the last three 2025-03-19
    const run = await escalateComplaints(bank.cd, 3);
    expect(run).toMatchObject({ reminded: 0, dueSoon: 10, overdue: 0 });
    const h = await history('due_soon');
    expect(h.map((r) => r.complaintId).sort()).toEqual([...ids].sort());
    const audits = await bank.deps.db
      .select({ subjectId: auditLog.subjectId })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'complaint.due_soon'), inArray(auditLog.subjectId, ids)));
    expect(audits.map((a) => a.subjectId).sort()).toEqual([...ids].sort());
    const events = await bank.deps.db
      .select({ type: outboxEvents.type, aggregateId: outboxEvents.aggregateId, payload: outboxEvents.payload })
      .from(outboxEvents)
      .where(inArray(outboxEvents.aggregateId, ids));
    expect(events.filter((e) => e.type === 'complaint.due_soon')).toHaveLength(10);
    const tasks = events.filter((e) => e.type === 'task.requested');
    expect(tasks).toHaveLength(10);
    // to the branch manager of the complaint's branch (BJ01 is a sub-branch of BJ)
    expect(new Set(tasks.map((t) => (t.payload as { ownerId: string }).ownerId))).toEqual(new Set([bank.staff.bm]));
    expect(await verifyAuditChain(bank.deps.db)).toMatchObject({ ok: true });
    // idempotent: a second run finds nothing new
    expect(await escalateComplaints(bank.cd, 3)).toMatchObject({ reminded: 0, dueSoon: 0, overdue: 0 });
  });

  it('overdue in batches of 2 (ties across every boundary), then nothing; engagement makes the tasks', async () => {
    clock.set('2025-03-20T02:00:00Z');
    expect(await escalateComplaints(bank.cd, 2)).toMatchObject({ overdue: 10 });
    expect(await escalateComplaints(bank.cd, 2)).toMatchObject({ overdue: 0 });
    const h = await history('overdue');
    expect(h.map((r) => r.complaintId).sort()).toEqual([...ids].sort());
    await bank.dispatch();
    const [made] = await queryRows<{ n: number }>(
      bank.deps.db,
      sql`select count(*)::int as n from tasks where kind = 'complaint_overdue' and source_id in ${ids}`,
    );
    expect(made?.n).toBe(10);
    expect(await verifyAuditChain(bank.deps.db)).toMatchObject({ ok: true });
  });
});
