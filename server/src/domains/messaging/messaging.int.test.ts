import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock';
import { type MessagingBank, startFakeGateway, startMessagingBank } from '../../test/messaging';
import { contactSuppressions } from '../consent';
import { receiveInbound } from './inbound.service';
import { enqueueMessage } from './message.service';
import { messages } from './messaging.tables';
import { findTemplate } from './template.repository';

// 10:00 in Shanghai: outside quiet hours
const clock = fixedClock('2026-06-01T02:00:00Z');
let bank: MessagingBank;

const marketingSms = {
  code: 'mkt.summer',
  name: '夏季活动',
  kind: 'marketing',
  channel: 'sms',
  bodyZh: '【榕树银行】{{title}}，夏季理财讲座本周六开讲，详询95500。回TD退订',
  bodyEn: '[Banyan Bank] {{title}}, our summer talk is on Saturday. Call 95500. Reply TD to unsubscribe',
};

async function approved(input: Record<string, unknown>): Promise<string> {
  const made = await bank.send('POST', '/api/message-templates', 'marketing', input);
  expect(made.statusCode, made.body).toBe(201);
  const id = made.json().id as string;
  expect((await bank.send('POST', `/api/message-templates/${id}/submit`, 'marketing')).statusCode).toBe(200);
  const ok = await bank.send('POST', `/api/message-templates/${id}/review`, 'hq', { decision: 'approve' });
  expect(ok.json().status).toBe('approved');
  return id;
}

async function grantMarketing(customerId: string, channels: string[]) {
  const res = await bank.send('POST', `/api/customers/${customerId}/consents`, 'rm1', {
    purpose: 'marketing',
    channels,
    action: 'grant',
    source: 'counter',
    evidence: '授权书 B-7',
    noticeVersion: 'v3',
    occurredAt: clock.now().toISOString(),
  });
  expect(res.statusCode).toBe(200);
}

async function queue(customerId: string, templateId: string, key: string) {
  const t = await findTemplate(bank.deps.db, templateId);
  if (!t) throw new Error('no template');
  return bank.deps.db.transaction(async (tx) =>
    enqueueMessage(tx, bank.msg, {
      customerId,
      template: t,
      variables: {},
      idempotencyKey: key,
      sourceType: 'test',
      sourceId: 'test',
      createdBy: 'system',
    }),
  );
}

beforeAll(async () => {
  bank = await startMessagingBank({ clock });
});
afterAll(async () => {
  await bank.close();
});

describe('templates (MKT-02, MKT-09, MKT-10)', () => {
  it('blocks a marketing SMS without an opt-out instruction, naming the field', async () => {
    const t = (
      await bank.send('POST', '/api/message-templates', 'marketing', {
        ...marketingSms,
        code: 'mkt.noopt',
        bodyZh: '【榕树银行】新品上市',
        bodyEn: '',
      })
    ).json();
    expect(t.lint.map((l: { rule: string }) => l.rule)).toEqual(['MKT-02']);
    const sub = await bank.send('POST', `/api/message-templates/${t.id}/submit`, 'marketing');
    expect(sub.statusCode).toBe(400);
    expect(sub.json().error).toMatchObject({ code: 'messaging.lint_failed', details: { field: 'bodyZh' } });
  });

  it('a draft saying "保本稳赚" cannot be submitted for approval', async () => {
    const t = (
      await bank.send('POST', '/api/message-templates', 'marketing', {
        ...marketingSms,
        code: 'mkt.bad',
        bodyZh: '保本稳赚，年化5%！回TD退订',
      })
    ).json();
    const sub = await bank.send('POST', `/api/message-templates/${t.id}/submit`, 'marketing');
    expect(sub.statusCode).toBe(400);
    expect(sub.json().error.message).toContain('MKT-10');
  });

  it('the author cannot approve their own content; another reviewer can', async () => {
    const t = (await bank.send('POST', '/api/message-templates', 'marketing', marketingSms)).json();
    await bank.send('POST', `/api/message-templates/${t.id}/submit`, 'marketing');
    const own = await bank.send('POST', `/api/message-templates/${t.id}/review`, 'marketing', { decision: 'approve' });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('messaging.own_approval');
    expect(
      (await bank.send('POST', `/api/message-templates/${t.id}/review`, 'rm1', { decision: 'approve' })).statusCode,
    ).toBe(403);
    const ok = await bank.send('POST', `/api/message-templates/${t.id}/review`, 'hq', { decision: 'approve' });
    expect(ok.json()).toMatchObject({ status: 'approved', reviewerId: bank.staff.hq });
    // approved content is frozen
    expect((await bank.send('PUT', `/api/message-templates/${t.id}`, 'marketing', marketingSms)).statusCode).toBe(409);
  });

  it('MKT-09: a birthday greeting with "专属理财" is saved as marketing', async () => {
    const t = (
      await bank.send('POST', '/api/message-templates', 'marketing', {
        code: 'care.bday.bad',
        name: '生日',
        kind: 'care',
        channel: 'sms',
        bodyZh: '{{title}}生日快乐！送您专属理财礼包。回TD退订',
      })
    ).json();
    expect(t.kind).toBe('marketing');
  });

  it('previews both languages with sample variables', async () => {
    const p = await bank.send('POST', '/api/message-templates/preview', 'rm1', {
      ...marketingSms,
      variables: { title: '张先生' },
    });
    expect(p.json().zh.body).toContain('张先生，夏季理财讲座');
    expect(p.json().en.body).toContain('张先生, our summer talk');
    expect(p.json().variables).toEqual(['title']);
  });
});

describe('sending', () => {
  it('a real SMTP exchange delivers an email and records delivery', async () => {
    const c = await bank.customer('rm1', { name: '李雷', email: 'lilei@example.cn' });
    const tid = await approved({
      code: 'svc.statement',
      name: '对账单',
      kind: 'service',
      channel: 'email',
      subjectZh: '{{title}}，您的对账单已出',
      bodyZh: '{{title}}您好，您本月的对账单已生成。榕树银行',
    });
    const res = await bank.send('POST', '/api/messages', 'marketing', { customerId: c.id, templateId: tid });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().status).toBe('queued');
    expect(await bank.runSendJob(res.json().id)).toEqual(['delivered']);
    expect(bank.smtp?.received).toHaveLength(1);
    expect(bank.smtp?.received[0]?.to).toEqual(['lilei@example.cn']);
    expect(bank.smtp?.received[0]?.data).toContain(res.json().id);
    const m = (await bank.get(`/api/messages/${res.json().id}`, 'marketing')).json();
    expect(m).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(m.deliveredAt).not.toBeNull();
    // a duplicated job does nothing
    expect(await bank.runSendJob(res.json().id)).toEqual(['skipped']);
    expect(bank.smtp?.received).toHaveLength(1);
  });

  it('the same idempotency key queues one message', async () => {
    const c = await bank.customer('rm1', { name: '韩梅梅', email: 'hmm@example.cn' });
    const tid = (await bank.get('/api/message-templates?kind=service', 'rm1'))
      .json()
      .items.find((t: { code: string }) => t.code === 'svc.statement').id;
    const a = await bank.send('POST', '/api/messages', 'marketing', {
      customerId: c.id,
      templateId: tid,
      idempotencyKey: 'order-000123',
    });
    const b = await bank.send('POST', '/api/messages', 'marketing', {
      customerId: c.id,
      templateId: tid,
      idempotencyKey: 'order-000123',
    });
    expect(b.json().id).toBe(a.json().id);
    expect(await bank.deps.db.select().from(messages).where(eq(messages.customerId, c.id))).toHaveLength(1);
  });

  it('a gateway that keeps failing is retried, then the message is marked failed: sent neither twice nor lost', async () => {
    const down = await startFakeGateway({ failAlways: true });
    const b2 = await startMessagingBank({ clock, sms: down });
    try {
      const c = await b2.customer('rm1', { name: '王芳' });
      const t = (
        await b2.send('POST', '/api/message-templates', 'marketing', {
          code: 'svc.otp',
          name: '提醒',
          kind: 'service',
          channel: 'sms',
          bodyZh: '【榕树银行】您的定期存款将于下周到期。',
        })
      ).json();
      await b2.send('POST', `/api/message-templates/${t.id}/submit`, 'marketing');
      await b2.send('POST', `/api/message-templates/${t.id}/review`, 'hq', { decision: 'approve' });
      const m = (await b2.send('POST', '/api/messages', 'marketing', { customerId: c.id, templateId: t.id })).json();
      const outcomes = await b2.runSendJob(m.id);
      expect(outcomes).toEqual(['retry', 'retry', 'retry', 'failed']);
      const after = (await b2.get(`/api/messages/${m.id}`, 'marketing')).json();
      expect(after).toMatchObject({ status: 'failed', attempts: 4 });
      expect(after.lastError).toContain('HTTP 503');
      // every attempt carried the same idempotency key, and a late duplicate job does not send again
      expect(new Set(down.calls.map((x) => x.key))).toEqual(new Set([m.id]));
      expect(await b2.runSendJob(m.id)).toEqual(['skipped']);
      expect(down.calls).toHaveLength(4);
    } finally {
      await b2.close();
    }
  });

  it('a gateway that fails twice then answers sends the message once', async () => {
    const flaky = await startFakeGateway({ failFirst: 2 });
    const b3 = await startMessagingBank({ clock, sms: flaky });
    try {
      const c = await b3.customer('rm1', { name: '赵敏' });
      const t = (
        await b3.send('POST', '/api/message-templates', 'marketing', {
          code: 'svc.x',
          name: '提醒',
          kind: 'service',
          channel: 'sms',
          bodyZh: '【榕树银行】您的风险测评即将到期。',
        })
      ).json();
      await b3.send('POST', `/api/message-templates/${t.id}/submit`, 'marketing');
      await b3.send('POST', `/api/message-templates/${t.id}/review`, 'hq', { decision: 'approve' });
      const m = (await b3.send('POST', '/api/messages', 'marketing', { customerId: c.id, templateId: t.id })).json();
      expect(await b3.runSendJob(m.id)).toEqual(['retry', 'retry', 'sent']);
      expect(flaky.sent.size).toBe(1);
      const sent = (await b3.get(`/api/messages/${m.id}`, 'marketing')).json();
      expect(sent).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
      // the gateway's receipt marks it delivered
      const { receiveReceipt } = await import('./inbound.service');
      const stored = await b3.deps.db.select().from(messages).where(eq(messages.id, m.id));
      expect(
        await receiveReceipt(b3.msg, {
          channel: 'sms',
          providerMessageId: stored[0]?.providerMessageId ?? '',
          status: 'delivered',
        }),
      ).toEqual({ matched: true });
      expect((await b3.get(`/api/messages/${m.id}`, 'marketing')).json().status).toBe('delivered');
    } finally {
      await b3.close();
    }
  });

  it('an SMS reply "退订" withdraws SMS marketing consent and stops the next send', async () => {
    const c = await bank.customer('rm1', { name: '周杰' });
    await grantMarketing(c.id, ['sms']);
    const tid = (await bank.get('/api/message-templates?kind=marketing&status=approved', 'marketing'))
      .json()
      .items.find((t: { code: string }) => t.code === 'mkt.summer').id;
    const first = await queue(c.id, tid, 'summer-1');
    const second = await queue(c.id, tid, 'summer-2');
    expect(await bank.runSendJob(first.message.id)).toEqual(['sent']);
    const callsBefore = bank.sms.calls.length;
    // the gateway forwards the customer's reply; an RM may not post as the gateway
    expect(
      (
        await bank.send('POST', '/api/messaging/inbound', 'rm1', {
          channel: 'sms',
          from: c.mobile,
          text: '退订',
          providerMessageId: 'in-1',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      await receiveInbound(bank.msg, {
        channel: 'sms',
        from: `+86 ${c.mobile}`,
        text: ' 退订 ',
        providerMessageId: 'in-1',
      }),
    ).toEqual({ outcome: 'withdrew', customers: 1 });
    expect(
      await receiveInbound(bank.msg, { channel: 'sms', from: c.mobile, text: '退订', providerMessageId: 'in-1' }),
    ).toEqual({ outcome: 'duplicate', customers: 0 });
    expect(await bank.runSendJob(second.message.id)).toEqual(['suppressed']);
    expect(bank.sms.calls.length).toBe(callsBefore);
    const m = (await bank.get(`/api/messages/${second.message.id}`, 'marketing')).json();
    expect(m).toMatchObject({ status: 'suppressed', suppressionReason: 'opt_out' });
    const consents = (await bank.get(`/api/customers/${c.id}/consents`, 'rm1')).json();
    expect(
      consents.cells.find((x: { purpose: string; channel: string }) => x.purpose === 'marketing' && x.channel === 'sms')
        .status,
    ).toBe('withdrawn');
    const h = (await bank.get(`/api/customers/${c.id}/consents/history`, 'rm1')).json();
    expect(h.items[0]).toMatchObject({ action: 'withdraw', source: 'sms_reply', channel: 'sms' });
    // the operator sees why
    const sup = (await bank.get(`/api/contact-suppressions?customerId=${c.id}`, 'rm1')).json();
    expect(sup.items[0]).toMatchObject({ reason: 'opt_out', sourceType: 'message', sourceId: second.message.id });
    expect(
      await receiveInbound(bank.msg, { channel: 'sms', from: c.mobile, text: '好的谢谢', providerMessageId: 'in-2' }),
    ).toEqual({ outcome: 'ignored', customers: 0 });
  });

  it('MKT-08: the third marketing message in a week is suppressed with FREQUENCY_CAP (cap_7d)', async () => {
    const c = await bank.customer('rm1', { name: '陈晨' });
    await grantMarketing(c.id, ['sms']);
    const tid = (await bank.get('/api/message-templates?status=approved', 'marketing'))
      .json()
      .items.find((t: { code: string }) => t.code === 'mkt.summer').id;
    const out: string[] = [];
    for (const k of ['cap-1', 'cap-2', 'cap-3'])
      out.push(...(await bank.runSendJob((await queue(c.id, tid, k)).message.id)));
    expect(out).toEqual(['sent', 'sent', 'suppressed']);
    const rows = await bank.deps.db.select().from(contactSuppressions).where(eq(contactSuppressions.customerId, c.id));
    expect(rows.map((r) => r.reason)).toEqual(['cap_7d']);
  });

  it('MKT-08: a marketing push at 22:00 is deferred to 09:00 and sent then', async () => {
    const c = await bank.customer('rm1', { name: '林夕' });
    await grantMarketing(c.id, ['app']);
    const tid = await approved({ ...marketingSms, code: 'mkt.push', channel: 'app', subjectZh: '夏季讲座' });
    clock.set('2026-06-01T14:00:00Z'); // 22:00 in Shanghai
    const q = await queue(c.id, tid, 'push-1');
    expect(await bank.runSendJob(q.message.id)).toEqual(['deferred']);
    const m = (await bank.deps.db.select().from(messages).where(eq(messages.id, q.message.id)))[0];
    expect(m?.notBefore.toISOString()).toBe('2026-06-02T01:00:00.000Z');
    expect(await bank.runSendJob(q.message.id)).toEqual(['not_due']);
    clock.set('2026-06-02T01:00:00Z');
    expect(await bank.runSendJob(q.message.id)).toEqual(['delivered']);
    const inbox = (await bank.get(`/api/customers/${c.id}/inbox`, 'rm1')).json();
    expect(inbox.items[0].content).toContain('林女士'.slice(0, 1));
    clock.set('2026-06-01T02:00:00Z');
  });

  it('lists the message log in scope with status and suppression reason', async () => {
    const all = (await bank.get('/api/messages?limit=100', 'marketing')).json();
    expect(all.items.some((m: { status: string }) => m.status === 'suppressed')).toBe(true);
    expect(
      (await bank.get('/api/messages?status=suppressed', 'marketing'))
        .json()
        .items.every((m: { suppressionReason: string | null }) => m.suppressionReason),
    ).toBe(true);
    // rm3 (Shanghai) sees none of the Beijing customers' messages
    expect((await bank.get('/api/messages', 'rm3')).json().items).toHaveLength(0);
  });
});
