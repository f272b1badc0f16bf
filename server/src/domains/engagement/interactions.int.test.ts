import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit';
import { type EngagementBank, startEngagementBank } from './engagement.test-support';

let bank: EngagementBank;
let zhang: { id: string };
let shanghai: { id: string };

beforeAll(async () => {
  bank = await startEngagementBank();
  zhang = await bank.customer('rm1', { name: '张三' });
  shanghai = await bank.customer('rm3', { name: '王五' });
});
afterAll(async () => {
  await bank.close();
});

describe('interactions', () => {
  it('logs a call on a customer in scope, audited and on the customer timeline', async () => {
    const res = await bank.send('POST', `/api/customers/${zhang.id}/interactions`, 'rm1', {
      channel: 'call',
      purpose: 'review',
      outcome: 'completed',
      notes: '客户同意下周面谈',
    });
    expect(res.statusCode).toBe(201);
    const i = res.json();
    expect(i).toMatchObject({ channel: 'call', direction: 'outbound', outcome: 'completed', staffId: bank.staff.rm1 });
    const audit = await bank.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, i.id));
    expect(audit.map((a) => a.action)).toEqual(['interaction.log']);
    await bank.dispatch();
    const tl = await bank.get(`/api/customers/${zhang.id}/timeline?type=interaction.logged`, 'rm1');
    expect(tl.json().items[0].summary).toMatchObject({ interactionId: i.id, channel: 'call' });
    // the notes (C2) stay in the interaction, not in the event payload
    expect(JSON.stringify(tl.json().items[0].summary)).not.toContain('面谈');
  });

  it('makes a follow-up task for the next action, then completes it by logging the visit it was', async () => {
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const res = await bank.send('POST', `/api/customers/${zhang.id}/interactions`, 'rm1', {
      channel: 'wechat',
      purpose: 'sales',
      outcome: 'interested',
      nextAction: '上门介绍养老理财',
      nextActionAt: due,
      createTask: true,
    });
    expect(res.statusCode).toBe(201);
    const taskId = res.json().nextTaskId as string;
    const task = (await bank.get(`/api/tasks/${taskId}`, 'rm1')).json();
    expect(task).toMatchObject({ category: 'follow_up', kind: 'follow_up', status: 'open', ownerId: bank.staff.rm1 });
    const visit = await bank.send('POST', `/api/customers/${zhang.id}/interactions`, 'rm1', {
      channel: 'visit',
      purpose: 'follow_up',
      outcome: 'completed',
      notes: '已上门讲解',
      completesTaskId: taskId,
    });
    expect(visit.statusCode).toBe(201);
    const done = (await bank.get(`/api/tasks/${taskId}`, 'rm1')).json();
    expect(done).toMatchObject({ status: 'done', completedBy: bank.staff.rm1, outcomeNotes: '已上门讲解' });
  });

  it('lists a customer interactions newest first with keyset pages, and an RM own interactions', async () => {
    const p1 = (await bank.get(`/api/customers/${zhang.id}/interactions?limit=2`, 'rm1')).json();
    expect(p1.items).toHaveLength(2);
    expect(p1.items[0].channel).toBe('visit');
    const p2 = (
      await bank.get(`/api/customers/${zhang.id}/interactions?limit=2&cursor=${p1.nextCursor}`, 'rm1')
    ).json();
    expect(p2.items.map((x: { channel: string }) => x.channel)).toEqual(['call']);
    expect(p2.nextCursor).toBeNull();
    const mine = (await bank.get('/api/interactions', 'rm1')).json();
    expect(mine.items).toHaveLength(3);
    // rm2 sees none of rm1's customers (DS-05)
    expect((await bank.get(`/api/interactions?staffId=${bank.staff.rm1}`, 'rm2')).json().items).toHaveLength(0);
  });

  it('answers 404 for a customer outside the scope and names the field of bad input', async () => {
    const out = await bank.send('POST', `/api/customers/${shanghai.id}/interactions`, 'rm1', {
      channel: 'call',
      purpose: 'service',
      outcome: 'completed',
    });
    expect(out.statusCode).toBe(404);
    const bad = await bank.send('POST', `/api/customers/${zhang.id}/interactions`, 'rm1', {
      channel: 'pigeon',
      purpose: 'service',
      outcome: 'completed',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('channel');
    const noDate = await bank.send('POST', `/api/customers/${zhang.id}/interactions`, 'rm1', {
      channel: 'call',
      purpose: 'service',
      outcome: 'completed',
      nextAction: '回电',
      createTask: true,
    });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().error.details.field).toBe('nextActionAt');
    const future = await bank.send('POST', `/api/customers/${zhang.id}/interactions`, 'rm1', {
      channel: 'call',
      purpose: 'service',
      outcome: 'completed',
      occurredAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(future.json().error.details.field).toBe('occurredAt');
    // nothing was stored by the rejected requests
    expect((await bank.get(`/api/customers/${zhang.id}/interactions`, 'rm1')).json().items).toHaveLength(3);
  });
});

describe('tasks by hand', () => {
  it('creates, starts, completes and refuses to reopen a task', async () => {
    const made = await bank.send('POST', '/api/tasks', 'rm1', {
      customerId: zhang.id,
      title: '准备资产配置建议书',
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      priority: 'high',
    });
    expect(made.statusCode).toBe(201);
    const t = made.json();
    expect(t).toMatchObject({ ownerId: bank.staff.rm1, status: 'open', category: 'task', priority: 'high' });
    expect((await bank.send('PATCH', `/api/tasks/${t.id}`, 'rm1', { status: 'in_progress' })).json().status).toBe(
      'in_progress',
    );
    const done = await bank.send('POST', `/api/tasks/${t.id}/complete`, 'rm1', { outcomeNotes: '已发送建议书' });
    expect(done.json()).toMatchObject({ status: 'done', outcomeNotes: '已发送建议书' });
    const again = await bank.send('POST', `/api/tasks/${t.id}/complete`, 'rm1', { outcomeNotes: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('engagement.invalid_transition');
  });

  it('requires outcome notes to complete and a reason to cancel', async () => {
    const t = (
      await bank.send('POST', '/api/tasks', 'rm1', {
        customerId: zhang.id,
        title: '电话回访',
        category: 'follow_up',
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      })
    ).json();
    const empty = await bank.send('POST', `/api/tasks/${t.id}/complete`, 'rm1', { outcomeNotes: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('outcomeNotes');
    const cancelled = await bank.send('POST', `/api/tasks/${t.id}/cancel`, 'rm1', { reason: '客户已销户' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '客户已销户' });
  });

  it('hands a task only to an owner within reach, naming the field', async () => {
    const body = { customerId: zhang.id, title: '转交', dueAt: new Date(Date.now() + 86_400_000).toISOString() };
    const res = await bank.send('POST', '/api/tasks', 'rm1', { ...body, ownerId: bank.staff.rm3 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'engagement.invalid_owner', details: { field: 'ownerId' } });
    const t = (await bank.send('POST', '/api/tasks', 'bm', { ...body, ownerId: bank.staff.rm2 })).json();
    expect(t.ownerId).toBe(bank.staff.rm2);
    expect((await bank.send('PATCH', `/api/tasks/${t.id}`, 'bm', { ownerId: bank.staff.rm3 })).statusCode).toBe(400);
  });

  it('hides tasks of customers outside the scope (404) and lists a customer tasks', async () => {
    const t = (
      await bank.send('POST', '/api/tasks', 'rm3', {
        customerId: shanghai.id,
        title: '上海客户任务',
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      })
    ).json();
    expect((await bank.get(`/api/tasks/${t.id}`, 'rm1')).statusCode).toBe(404);
    expect((await bank.send('POST', `/api/tasks/${t.id}/complete`, 'rm1', { outcomeNotes: 'x' })).statusCode).toBe(404);
    const list = (await bank.get(`/api/customers/${zhang.id}/tasks`, 'rm1')).json();
    expect(list.items.length).toBeGreaterThanOrEqual(3);
    expect((await bank.get(`/api/customers/${zhang.id}/tasks`, 'rm3')).statusCode).toBe(404);
  });
});
