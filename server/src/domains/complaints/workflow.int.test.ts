import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../kernel/clock';
import { searchAudit } from '../audit';
import { type ComplaintsBank, startComplaintsBank } from './complaints.test-support';

// Monday 2026-03-02 10:00 in Beijing
const clock = fixedClock('2026-03-02T02:00:00Z');
let bank: ComplaintsBank;
let customerId: string;

beforeAll(async () => {
  bank = await startComplaintsBank(clock);
  customerId = (await bank.customer('rm1')).id;
});
afterAll(async () => {
  await bank.close();
});

async function advance(ms: number) {
  clock.advance(ms);
  await bank.relogin();
}

type Body = Record<string, unknown> & { id: string; status: string; dueDate: string };

async function step(id: string, action: string, payload: object = {}, who: 'bm' | 'agent' | 'hq' = 'bm') {
  return bank.send('POST', `/api/complaints/${id}/${action}`, who, payload);
}

describe('complaint intake', () => {
  it('registers a counter complaint, acknowledges it on receipt and starts the CMP-01 clock', async () => {
    const c = await bank.register('agent', { customerId, amountMinor: 12_000, desiredRemedy: '退还管理费' });
    expect(c.status).toBe('acknowledged');
    expect(c.profile).toBe('CN');
    expect(c.dueDate).toBe('2026-03-17');
    expect(c.rmId).toBe(bank.staff.rm1);
    expect(c.acknowledgement).toContain('2026-03-17');
    expect((c.history as { action: string }[]).map((h) => h.action)).toEqual(['register', 'acknowledge']);
  });

  it('accepts an anonymous complaint and links it to a customer later', async () => {
    const c = await bank.register('agent', {
      channel: 'phone',
      complainantName: '李女士',
      complainantContact: '电话回访',
    });
    expect(c.customerId).toBeNull();
    const linked = await step(c.id, 'link-customer', { customerId }, 'agent');
    expect(linked.statusCode).toBe(200);
    expect(linked.json().customerId).toBe(customerId);
    const again = await step(c.id, 'link-customer', { customerId }, 'agent');
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.field).toBe('customerId');
  });

  it('rejects bad input naming the field', async () => {
    const bad = await bank.send('POST', '/api/complaints', 'agent', {
      channel: 'fax',
      category: 'fees',
      description: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('channel');
    const future = await bank.send('POST', '/api/complaints', 'agent', {
      channel: 'letter',
      category: 'fees',
      description: '来信',
      receivedAt: new Date(clock.now().getTime() + MS.day).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.field).toBe('receivedAt');
    const staff = await bank.send('POST', '/api/complaints', 'agent', {
      channel: 'counter',
      category: 'fees',
      description: '投诉',
      staffInvolved: ['usr_nobody'],
    });
    expect(staff.json().error.details.field).toBe('staffInvolved.0');
  });

  it('keeps complaints of another branch out of scope (DS-05)', async () => {
    const c = await bank.register('agent', { customerId });
    expect((await bank.get(`/api/complaints/${c.id}`, 'rm3')).statusCode).toBe(404);
    expect((await bank.get(`/api/complaints/${c.id}`, 'rm1')).statusCode).toBe(200);
    const board = (await bank.get('/api/complaints?view=scope', 'rm3')).json();
    expect(board.items).toEqual([]);
  });
});

describe('complaint workflow', () => {
  let c: Body;
  beforeAll(async () => {
    c = await bank.register('agent', {
      customerId,
      staffInvolved: [bank.staff.rm2 as string],
      category: 'service_attitude',
    });
  });

  it('rejects an illegal transition with a clear error', async () => {
    const res = await step(c.id, 'resolve');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('complaint.invalid_transition');
    expect(res.json().error.message).toContain('acknowledged cannot resolve');
  });

  it('CMP-05: refuses the staff member complained about and the RM of record as handler', async () => {
    const named = await step(c.id, 'assign', { handlerId: bank.staff.rm2 });
    expect(named.statusCode).toBe(409);
    expect(named.json().error).toMatchObject({
      code: 'complaint.handler_conflict',
      details: { reason: 'named_in_complaint' },
    });
    const rm = await step(c.id, 'assign', { handlerId: bank.staff.rm1 });
    expect(rm.json().error.details.reason).toBe('relationship_manager');
  });

  it('needs complaints:handle to assign (a service agent gets 403)', async () => {
    expect((await step(c.id, 'assign', { handlerId: bank.staff.bm }, 'agent')).statusCode).toBe(403);
  });

  it('walks the whole workflow, audits every step and asks for a survey when closed', async () => {
    expect((await step(c.id, 'assign', { handlerId: bank.staff.bm })).json().status).toBe('assigned');
    expect((await step(c.id, 'start')).json().status).toBe('investigating');
    const proposed = (
      await step(c.id, 'propose', { outcome: 'partly_upheld', remedy: '致歉并退还费用', remedyAmountMinor: 5000 })
    ).json();
    expect(proposed.status).toBe('proposed');
    await advance(3 * MS.day);
    const res = await step(c.id, 'resolve', { note: '电话告知客户' });
    expect(res.statusCode, res.body).toBe(200);
    const resolved = res.json();
    expect(resolved).toMatchObject({ status: 'resolved', onTime: true, clockState: 'stopped' });
    expect(resolved.history.at(-1).note).toContain('上级机构申请核查');
    expect((await step(c.id, 'respond', { response: 'accepted' }, 'agent')).json().status).toBe('customer_responded');
    const closeBad = await step(c.id, 'close', { rootCause: 'staff_conduct', correctiveAction: '服务规范培训' });
    expect(closeBad.statusCode).toBe(400);
    const closed = (
      await step(c.id, 'close', {
        rootCause: 'staff_conduct',
        correctiveAction: '服务规范培训',
        correctiveOwnerId: bank.staff.bm,
        correctiveDueAt: new Date(clock.now().getTime() + 14 * MS.day).toISOString(),
      })
    ).json();
    expect(closed).toMatchObject({ status: 'closed', rootCause: 'staff_conduct', correctiveDoneAt: null });
    const done = (await step(c.id, 'corrective-action/complete', { note: '已完成培训' })).json();
    expect(done.correctiveDoneAt).not.toBeNull();
    const audit = await searchAudit(bank.deps.db, { subjectType: 'complaint', subjectId: c.id, limit: 50 } as never);
    expect(audit.items.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'complaint.register',
        'complaint.assign',
        'complaint.start',
        'complaint.propose',
        'complaint.resolve',
        'complaint.respond',
        'complaint.close',
        'complaint.corrective_done',
      ]),
    );
    await bank.dispatch();
    const surveys = (await bank.get(`/api/customers/${customerId}/surveys`, 'rm1')).json();
    expect(
      surveys.items.some(
        (s: { trigger: string; sourceId: string }) => s.trigger === 'complaint_closed' && s.sourceId === c.id,
      ),
    ).toBe(true);
    const tasks = (await bank.get(`/api/customers/${customerId}/tasks`, 'bm')).json();
    expect(JSON.stringify(tasks)).toContain('complaint_corrective_action');
  });

  it('CMP-02: a review requested within 30 days of the decision goes to the superior unit; day 31 is refused and logged', async () => {
    const ok = await step(c.id, 'review', { reason: '对处理结果不满意，申请核查' }, 'agent');
    expect(ok.statusCode).toBe(200);
    const review = ok.json();
    expect(review.reviewOfId).toBe(c.id);
    expect(review.unitId).toBe(bank.org.bj); // BJ01's parent
    expect(review.staffInvolved).toContain(bank.staff.bm); // the original handler is recused
    await advance(31 * MS.day);
    const late = await step(c.id, 'review', { reason: '再次申请' }, 'agent');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('complaint.review_window_closed');
    const refused = await searchAudit(bank.deps.db, { action: 'complaint.review_refused', limit: 5 } as never);
    expect(refused.items[0]?.subjectId).toBe(c.id);
  });
});

describe('extensions, repeats and new facts', () => {
  it('CMP-01: extends to 30 days at once and to 60 days only after approval by another user', async () => {
    const c = await bank.register('agent', { customerId, receivedAt: clock.now().toISOString() });
    const start = new Date(c.clockStartAt as string);
    const first = (await step(c.id, 'extend', { reason: '案情复杂，需调取交易记录' })).json();
    expect(first.approvalId).toBeNull();
    expect(first.complaint.extensionLevel).toBe(1);
    expect(new Date(`${first.complaint.dueDate}T00:00:00Z`).getTime()).toBeGreaterThanOrEqual(
      start.getTime() + 29 * MS.day,
    );
    const second = (await step(c.id, 'extend', { reason: '需外部鉴定' })).json();
    expect(second.approvalId).toMatch(/^apr_/);
    expect(second.complaint.extensionLevel).toBe(1);
    expect((await step(c.id, 'extend', { reason: '再次' })).json().error.code).toBe('complaint.extension_pending');
    expect(
      (await bank.send('POST', `/api/approvals/${second.approvalId}/approve`, 'bm', { comment: 'self' })).statusCode,
    ).toBe(403);
    const ok = await bank.send('POST', `/api/approvals/${second.approvalId}/approve`, 'hq', { comment: '同意延长' });
    expect(ok.statusCode).toBe(200);
    const after = (await bank.get(`/api/complaints/${c.id}`, 'bm')).json();
    expect(after.extensionLevel).toBe(2);
    expect((await step(c.id, 'extend', { reason: '第三次' })).json().error.code).toBe(
      'complaint.extension_not_allowed',
    );
  });

  it('CMP-04: a linked repeat keeps the original deadline; new facts move it to now + 15', async () => {
    const original = await bank.register('agent', { customerId, category: 'card' });
    await advance(5 * MS.day);
    const repeat = await bank.register('agent', { customerId, category: 'card' });
    expect(repeat.possibleRepeats).toEqual(expect.arrayContaining([expect.objectContaining({ id: original.id })]));
    expect(repeat.dueDate).not.toBe(original.dueDate);
    const linked = (await step(repeat.id, 'duplicate', { originalId: original.id })).json();
    expect(linked).toMatchObject({ duplicateOfId: original.id, dueDate: original.dueDate });
    const facts = (await step(original.id, 'new-facts', { note: '客户补充了新的扣费凭证' })).json();
    const expected = new Date(clock.now().getTime() + 15 * MS.day).toISOString().slice(0, 10);
    expect(facts.dueDate >= expected).toBe(true);
    expect(facts.clockStartAt).toBe(clock.now().toISOString());
  });

  it('CMP-03: a withdrawal ends the complaint the day it is received', async () => {
    const c = await bank.register('agent', { customerId });
    const w = (await step(c.id, 'withdraw', { note: '客户来电撤回投诉' }, 'agent')).json();
    expect(w).toMatchObject({ status: 'withdrawn', clockState: 'stopped', allowedActions: [] });
  });
});
