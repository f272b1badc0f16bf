import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../kernel/clock';
import { type ComplaintsBank, startComplaintsBank } from './complaints.test-support';
import { escalateComplaints } from './jobs/escalate-complaints.job';

// Monday 2025-01-20 10:00 in Beijing: 15 days on ends in the Spring Festival holiday
const clock = fixedClock('2025-01-20T02:00:00Z');
let bank: ComplaintsBank;
let customerId: string;

beforeAll(async () => {
  bank = await startComplaintsBank(clock);
  customerId = (await bank.customer('rm1')).id;
});
afterAll(async () => {
  await bank.close();
});

async function moveTo(iso: string) {
  clock.set(iso);
  await bank.relogin();
}

describe('the regulatory clock on the holiday calendar, with the escalation job', () => {
  it('CN: due on the working day after the Spring Festival, reminded, escalated due soon, then overdue, once each', async () => {
    const c = await bank.register('agent', { customerId });
    expect(c.dueDate).toBe('2025-02-05');
    await bank.send('POST', `/api/complaints/${c.id}/assign`, 'bm', { handlerId: bank.staff.bm });
    const cd = bank.cd;

    await moveTo('2025-01-30T02:00:00Z'); // 6 days before: nothing yet
    expect(await escalateComplaints(cd)).toMatchObject({ reminded: 0, dueSoon: 0, overdue: 0 });

    await moveTo('2025-02-01T02:00:00Z'); // within 5 days: the handler is reminded
    expect(await escalateComplaints(cd)).toMatchObject({ reminded: 1, dueSoon: 0, overdue: 0 });
    expect(await escalateComplaints(cd)).toMatchObject({ reminded: 0 });

    await moveTo('2025-02-04T02:00:00Z'); // within 2 days: due soon, escalated to the branch manager
    expect(await escalateComplaints(cd)).toMatchObject({ reminded: 0, dueSoon: 1, overdue: 0 });
    let view = (await bank.get(`/api/complaints/${c.id}`, 'bm')).json();
    expect(view.clockState).toBe('due_soon');
    expect(view.dueSoonAt).not.toBeNull();

    await moveTo('2025-02-05T15:59:00Z'); // 23:59 in Beijing on the due date: not yet overdue
    expect(await escalateComplaints(cd)).toMatchObject({ overdue: 0 });
    await moveTo('2025-02-05T16:00:00Z'); // midnight: overdue
    expect(await escalateComplaints(cd)).toMatchObject({ overdue: 1 });
    expect(await escalateComplaints(cd)).toMatchObject({ overdue: 0 });
    view = (await bank.get(`/api/complaints/${c.id}`, 'bm')).json();
    expect(view.clockState).toBe('overdue');
    expect(view.history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['reminder', 'due_soon', 'overdue']),
    );
    const escalated = (await bank.get('/api/complaints?view=escalated', 'bm')).json();
    expect(escalated.items.map((i: { id: string }) => i.id)).toContain(c.id);

    await bank.dispatch();
    const tasks = JSON.stringify((await bank.get(`/api/customers/${customerId}/tasks`, 'bm')).json());
    expect(tasks).toContain('complaint_overdue');
    expect(tasks).toContain('complaint_due_soon');

    // decided late: the clock stops and the complaint counts as not on time
    await bank.send('POST', `/api/complaints/${c.id}/start`, 'bm', {});
    await bank.send('POST', `/api/complaints/${c.id}/propose`, 'bm', { outcome: 'rejected' });
    const late = (await bank.send('POST', `/api/complaints/${c.id}/resolve`, 'bm', {})).json();
    expect(late).toMatchObject({ onTime: false, clockState: 'stopped' });
  });

  it('an extension clears the escalation flags and moves the deadline to 30 days', async () => {
    await moveTo('2025-03-03T02:00:00Z');
    const c = await bank.register('agent', { customerId });
    expect(c.dueDate).toBe('2025-03-18');
    await moveTo('2025-03-17T02:00:00Z');
    expect((await escalateComplaints(bank.cd)).dueSoon).toBe(1);
    const ext = (await bank.send('POST', `/api/complaints/${c.id}/extend`, 'bm', { reason: '案情复杂' })).json();
    expect(ext.complaint).toMatchObject({ dueDate: '2025-04-02', dueSoonAt: null, clockState: 'on_track' });
  });

  it('UK profile (INT-FCA-02): received 2025-01-06, due 2025-03-03, overdue from 2025-03-04, no extension', async () => {
    await moveTo('2025-01-06T10:00:00Z');
    const c = await bank.register('agent', { customerId, profile: 'UK', currency: 'GBP', amountMinor: 2500 });
    expect(c.dueDate).toBe('2025-03-03');
    expect(c.acknowledgement).toContain('final response by 2025-03-03');
    const ext = await bank.send('POST', `/api/complaints/${c.id}/extend`, 'bm', { reason: 'complex' });
    expect(ext.json().error.code).toBe('complaint.extension_not_allowed');
    await moveTo('2025-03-03T12:00:00Z');
    expect((await bank.get(`/api/complaints/${c.id}`, 'bm')).json().clockState).toBe('due_soon');
    await moveTo('2025-03-04T00:00:00Z');
    expect((await bank.get(`/api/complaints/${c.id}`, 'bm')).json().clockState).toBe('overdue');
    expect((await escalateComplaints(bank.cd)).overdue).toBeGreaterThanOrEqual(1);
  });

  it('a holiday set through the API moves new deadlines (kind none clears it)', async () => {
    await moveTo('2025-06-02T02:00:00Z'); // + 15 = 2025-06-17, a Tuesday
    const set = await bank.send('PUT', '/api/complaints/holidays/CN/2025-06-17', 'hq', {
      kind: 'holiday',
      name: '测试假日',
    });
    expect(set.statusCode).toBe(200);
    expect((await bank.register('agent', { customerId })).dueDate).toBe('2025-06-18');
    await bank.send('PUT', '/api/complaints/holidays/CN/2025-06-17', 'hq', { kind: 'none', name: '清除' });
    expect((await bank.register('agent', { customerId })).dueDate).toBe('2025-06-17');
    expect(
      (await bank.send('PUT', '/api/complaints/holidays/CN/2025-06-17', 'bm', { kind: 'none', name: 'x' })).statusCode,
    ).toBe(403);
    const list = (await bank.get('/api/complaints/holidays?jurisdiction=CN&year=2026', 'bm')).json();
    expect(list.items.find((h: { date: string }) => h.date === '2026-02-14')).toMatchObject({ kind: 'workday' });
  });

  it('reports volumes and the on-time rate by category and branch, and exports regulator statistics as CSV', async () => {
    const q = 'from=2025-01-01&to=2025-12-31';
    const byCat = (await bank.get(`/api/complaints/reports/summary?${q}&dimension=category`, 'bm')).json();
    const fees = byCat.items.find((r: { key: string }) => r.key === 'fees');
    expect(fees.total).toBeGreaterThanOrEqual(5);
    expect(fees.decided).toBe(1);
    expect(fees.onTimeRate).toBe(0);
    const byUnit = (await bank.get(`/api/complaints/reports/summary?${q}&dimension=unit`, 'bm')).json();
    expect(byUnit.items[0]).toMatchObject({ key: bank.org.bj01 });
    const trend = (await bank.get(`/api/complaints/reports/trend?${q}`, 'bm')).json();
    expect(trend.items.map((t: { period: string }) => t.period)).toContain('2025-01');
    const csv = await bank.get(`/api/complaints/reports/regulator.csv?${q}`, 'bm');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toContain('投诉类别');
    expect(lines.find((l) => l.includes(',fees,'))).toMatch(/收费定价,fees,\d+,1,0,0/);
    expect(lines.at(-1)).toContain('合计');
    expect((await bank.get(`/api/complaints/reports/summary?from=2025-02-01&to=2025-01-01`, 'bm')).statusCode).toBe(
      400,
    );
    // another branch's RM sees none of it
    expect((await bank.get(`/api/complaints/reports/summary?${q}`, 'rm3')).json().items).toEqual([]);
    void MS;
  });
});
