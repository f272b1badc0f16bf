import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../kernel/clock';
import { emitEvents } from '../../kernel/events/events';
import { type ComplaintsBank, startComplaintsBank } from './complaints.test-support';

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

const tokenOf = (link: string) => link.split('/s/')[1] as string;
const pub = (method: 'GET' | 'POST', token: string, payload?: object) =>
  bank.app.inject({ method, url: `/api/public/surveys/${encodeURIComponent(token)}`, ...(payload ? { payload } : {}) });

async function newLink(templateCode = 'csat_v1') {
  const res = await bank.send('POST', `/api/customers/${customerId}/surveys`, 'rm1', { templateCode });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; link: string };
}

describe('satisfaction surveys through signed one-time links', () => {
  it('shows the survey without login and takes one answer only', async () => {
    const inv = await newLink();
    const token = tokenOf(inv.link);
    const s = await pub('GET', token);
    expect(s.statusCode).toBe(200);
    expect(s.json().questions[0]).toMatchObject({ key: 'score', type: 'rating' });
    expect(JSON.stringify(s.json())).not.toContain(customerId);
    expect((await pub('POST', token, { answers: { score: 5, comment: '很好' } })).statusCode).toBe(200);
    const again = await pub('POST', token, { answers: { score: 1 } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('survey.link_used');
    expect((await pub('GET', token)).json().error.code).toBe('survey.link_used');
  });

  it('works when made at an instant with milliseconds (the link carries the expiry in whole seconds)', async () => {
    clock.advance(123);
    const inv = await newLink();
    const res = await pub('GET', tokenOf(inv.link));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().expiresAt).toBe(
      new Date(Math.floor((clock.now().getTime() + 168 * 3_600_000) / 1000) * 1000).toISOString(),
    );
    clock.advance(-123);
  });

  it('expires after the configured hours', async () => {
    const inv = await newLink();
    clock.advance(168 * 3_600_000 + 1000);
    const res = await pub('GET', tokenOf(inv.link));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('survey.link_expired');
    await bank.relogin();
  });

  it('rejects a tampered link (id, expiry or signature changed)', async () => {
    const inv = await newLink();
    const [id, exp, mac] = tokenOf(inv.link).split('.') as [string, string, string];
    const later = (Number.parseInt(exp, 36) + 86_400 * 30).toString(36);
    // change a character to a different one (a random id or signature may already hold the replacement;
    // the first signature character, since the last one of base64 can carry only padding bits)
    const other = (c: string | undefined, x: string, y: string) => (c === x ? y : x);
    for (const t of [
      `${id}.${later}.${mac}`,
      `${id}.${exp}.${other(mac[0], 'x', 'y')}${mac.slice(1)}`,
      `${id.slice(0, -1)}${other(id.at(-1), '0', '1')}.${exp}.${mac}`,
    ]) {
      const res = await pub('GET', t);
      expect(res.statusCode, t).toBe(400);
      expect(res.json().error.code).toBe('survey.link_invalid');
    }
  });

  it('rejects answers that do not fit the questions, naming the question', async () => {
    const inv = await newLink();
    const res = await pub('POST', tokenOf(inv.link), { answers: { score: 9 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('answers.score');
    expect((await pub('POST', tokenOf(inv.link), { answers: { comment: 'x' } })).json().error.details.field).toBe(
      'answers.score',
    );
  });

  it('a low score creates a follow-up task for the staff member the survey counts for', async () => {
    const inv = await newLink('nps_v1');
    expect((await pub('POST', tokenOf(inv.link), { answers: { score: 3, reason: '等待时间太长' } })).statusCode).toBe(
      200,
    );
    await bank.dispatch();
    const tasks = (await bank.get('/api/tasks?view=mine', 'rm1')).json();
    const t = tasks.items.find((x: { kind: string }) => x.kind === 'survey_follow_up');
    expect(t).toMatchObject({ category: 'follow_up', ownerId: bank.staff.rm1, customerId });
    const listed = (await bank.get(`/api/customers/${customerId}/surveys`, 'rm1')).json();
    expect(listed.items.find((i: { id: string }) => i.id === inv.id)).toMatchObject({
      state: 'answered',
      score: 3,
      low: true,
      link: null,
    });
  });

  it('invites after a sale, a follow-up visit and a counter service, once per event', async () => {
    await bank.deps.db.transaction(async (tx) => {
      await emitEvents(tx, clock, [
        {
          type: 'sale.recorded',
          aggregateType: 'sale',
          aggregateId: 'sale_1',
          customerId,
          actorId: bank.staff.rm1,
          payload: { sellerId: bank.staff.rm1 },
        },
        {
          type: 'sale.recorded',
          aggregateType: 'sale',
          aggregateId: 'sale_1',
          customerId,
          actorId: bank.staff.rm1,
          payload: {},
        },
      ]);
    });
    const counter = await bank.send('POST', `/api/customers/${customerId}/interactions`, 'agent', {
      channel: 'counter',
      direction: 'inbound',
      purpose: 'service',
      outcome: 'completed',
    });
    expect(counter.statusCode, counter.body).toBe(201);
    const task = await bank.send('POST', '/api/tasks', 'rm1', {
      customerId,
      kind: 'after_sale_follow_up',
      category: 'follow_up',
      title: '售后回访',
      dueAt: new Date(clock.now().getTime() + MS.day).toISOString(),
    });
    expect(task.statusCode, task.body).toBe(201);
    const done = await bank.send('POST', `/api/tasks/${task.json().id}/complete`, 'rm1', { outcomeNotes: '已回访' });
    expect(done.statusCode, done.body).toBe(200);
    await bank.dispatch();
    const triggers = (await bank.get(`/api/customers/${customerId}/surveys`, 'rm1'))
      .json()
      .items.map((i: { trigger: string }) => i.trigger);
    expect(triggers.filter((t: string) => t === 'sale')).toHaveLength(1);
    expect(triggers).toContain('counter_service');
    expect(triggers).toContain('follow_up');
  });

  it('reports results per branch and per staff member by month, in scope', async () => {
    const q = 'from=2026-03-01&to=2026-03-31';
    const byUnit = (await bank.get(`/api/surveys/results?${q}&groupBy=unit`, 'bm')).json();
    const csat = byUnit.items.find((r: { kind: string }) => r.kind === 'csat');
    expect(csat).toMatchObject({ groupId: bank.org.bj01, period: '2026-03', responses: 1, averageScore: 5 });
    const nps = byUnit.items.find((r: { kind: string }) => r.kind === 'nps');
    expect(nps).toMatchObject({ responses: 1, nps: -100, lowScores: 1 });
    const byRm = (await bank.get(`/api/surveys/results?${q}&groupBy=rm`, 'rm1')).json();
    expect(byRm.items.every((r: { groupId: string }) => r.groupId === bank.staff.rm1)).toBe(true);
    expect((await bank.get(`/api/surveys/results?${q}`, 'rm3')).json().items).toEqual([]);
  });

  it('creates a custom survey with its own questions (configure permission)', async () => {
    const body = {
      code: 'branch_visit',
      name: '网点环境调查',
      kind: 'custom',
      questions: [
        { key: 'clean', text: '网点环境是否整洁？', type: 'choice', options: ['是', '否'], required: true },
        { key: 'stars', text: '总体评价', type: 'rating', primary: true },
      ],
    };
    expect((await bank.send('POST', '/api/surveys/templates', 'bm', body)).statusCode).toBe(403);
    expect((await bank.send('POST', '/api/surveys/templates', 'hq', body)).statusCode).toBe(201);
    expect((await bank.send('POST', '/api/surveys/templates', 'hq', body)).json().error.code).toBe(
      'survey.template_exists',
    );
    const bad = await bank.send('POST', '/api/surveys/templates', 'hq', { ...body, code: 'x_nps', kind: 'nps' });
    expect(bad.statusCode).toBe(400);
  });
});
