import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import { type MessagingBank, startFakeGateway, startMessagingBank } from '../../test/messaging';
import { consentState, contactLog } from '../consent';
import { customers } from '../customers';
import { deliverMessages, enqueueMessages } from './batch-send.service';
import { httpGatewayAdapter } from './http-gateway.adapter';
import type { MessagingDeps } from './messaging.deps';
import { messages, type TemplateRow } from './messaging.tables';
import { findTemplate } from './template.repository';

// The batched send path (campaign sends): claim a batch, gate it in bulk,
// insert in bulk, hand to the channel adapter; same guarantees as one by one.

// 10:00 in Shanghai: outside quiet hours; 22:00 in New York (quiet there)
const clock = fixedClock('2026-06-01T02:00:00Z');
let bank: MessagingBank;
let template: TemplateRow;

async function customer(facts: { consent?: 'granted' | 'withdrawn'; timeZone?: string; past?: number } = {}) {
  const c = await bank.customer();
  const now = clock.now();
  if (facts.consent) {
    await bank.deps.db.insert(consentState).values({
      customerId: c.id,
      purpose: 'marketing',
      channel: 'sms',
      status: facts.consent,
      recordId: 'csr_test',
      updatedAt: now,
    });
  }
  if (facts.timeZone) {
    await bank.deps.db
      .update(customers)
      .set({ preferences: { timeZone: facts.timeZone } })
      .where(eq(customers.id, c.id));
  }
  for (let i = 0; i < (facts.past ?? 0); i++) {
    await bank.deps.db.insert(contactLog).values({
      id: newId('contactLog'),
      customerId: c.id,
      channel: 'email',
      sourceType: 'test',
      sourceId: 'past',
      occurredAt: new Date(now.getTime() - (i + 1) * MS.day),
    });
  }
  return c.id;
}

async function queue(items: { customerId: string; idempotencyKey: string }[]) {
  const made = await bank.deps.db.transaction((tx) =>
    enqueueMessages(tx, bank.msg, { template, sourceType: 'test', sourceId: 'batch', createdBy: 'system', items }),
  );
  return items.map((i) => made.get(i.idempotencyKey)?.id as string);
}

beforeAll(async () => {
  bank = await startMessagingBank({ clock });
  const made = await bank.send('POST', '/api/message-templates', 'marketing', {
    code: 'mkt.batch',
    name: '批量活动',
    kind: 'marketing',
    channel: 'sms',
    bodyZh: '【榕树银行】{{title}}，秋季理财讲座本周六开讲，详询95500。回TD退订',
    bodyEn: '[Banyan Bank] {{title}}, our autumn talk is on Saturday. Call 95500. Reply TD to unsubscribe',
  });
  const id = made.json().id as string;
  await bank.send('POST', `/api/message-templates/${id}/submit`, 'marketing');
  await bank.send('POST', `/api/message-templates/${id}/review`, 'hq', { decision: 'approve' });
  template = (await findTemplate(bank.deps.db, id)) as TemplateRow;
  expect(template.status).toBe('approved');
}, 120_000);
afterAll(async () => {
  await bank.close();
});

describe('batched sends (MKT-01, MKT-03, MKT-08)', () => {
  it('queues once per idempotency key in bulk, and skips a customer who is no longer active', async () => {
    const a = await customer({ consent: 'granted' });
    const gone = await customer({ consent: 'granted' });
    await bank.deps.db.update(customers).set({ status: 'closed' }).where(eq(customers.id, gone));
    const items = [
      { customerId: a, idempotencyKey: 'batch:once:a' },
      { customerId: gone, idempotencyKey: 'batch:once:gone' },
    ];
    const first = await bank.deps.db.transaction((tx) =>
      enqueueMessages(tx, bank.msg, { template, sourceType: 'test', sourceId: 'once', createdBy: 'system', items }),
    );
    const again = await bank.deps.db.transaction((tx) =>
      enqueueMessages(tx, bank.msg, { template, sourceType: 'test', sourceId: 'once', createdBy: 'system', items }),
    );
    expect(first.get('batch:once:a')).toMatchObject({ created: true });
    expect(again.get('batch:once:a')).toEqual({ id: first.get('batch:once:a')?.id, created: false });
    expect(first.get('batch:once:gone')).toBeNull();
    const stored = await bank.deps.db.select().from(messages).where(eq(messages.sourceId, 'once'));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.contentText).toMatch(/【榕树银行】张(先生|女士)，/); // the title variable rendered per customer
  });

  it('gates the batch at send time: sends the allowed once, suppresses opt-out, no consent and the cap (counted within the batch), defers quiet hours; a re-run sends nothing', async () => {
    const ok = await customer({ consent: 'granted' });
    const optOut = await customer({ consent: 'withdrawn' });
    const none = await customer();
    const night = await customer({ consent: 'granted', timeZone: 'America/New_York' });
    const nearCap = await customer({ consent: 'granted', past: 1 }); // cap 2 a week: one more may go
    const ids = await queue([
      { customerId: ok, idempotencyKey: 'b1:ok' },
      { customerId: optOut, idempotencyKey: 'b1:optout' },
      { customerId: none, idempotencyKey: 'b1:none' },
      { customerId: night, idempotencyKey: 'b1:night' },
      { customerId: nearCap, idempotencyKey: 'b1:cap1' },
      { customerId: nearCap, idempotencyKey: 'b1:cap2' },
    ]);
    const before = bank.sms.calls.length;
    const r = await deliverMessages(bank.msg, ids);
    expect(ids.map((id) => r.outcomes.get(id))).toEqual([
      'sent',
      'suppressed',
      'suppressed',
      'deferred',
      'sent',
      'suppressed',
    ]);
    const rows = new Map(
      (await bank.deps.db.select().from(messages).where(inArray(messages.id, ids))).map((m) => [m.id, m]),
    );
    expect(ids.map((id) => rows.get(id)?.suppressionReason ?? null)).toEqual([
      null,
      'opt_out',
      'no_consent',
      'quiet_hours',
      null,
      'cap_7d',
    ]);
    expect(rows.get(ids[3] as string)?.notBefore.toISOString()).toBe('2026-06-01T13:00:00.000Z'); // 09:00 in New York
    expect(rows.get(ids[0] as string)?.providerMessageId).toMatch(/^gw-/);
    const calls = bank.sms.calls.slice(before).map((c) => c.key);
    expect(calls.sort()).toEqual([ids[0], ids[4]].sort());
    // the allowed marketing contacts count for the caps
    const counted = await bank.deps.db
      .select()
      .from(contactLog)
      .where(and(eq(contactLog.sourceType, 'message'), inArray(contactLog.sourceId, ids)));
    expect(counted.map((c) => c.sourceId).sort()).toEqual([ids[0], ids[4]].sort());

    // a duplicate job for the same batch sends nothing
    const again = await deliverMessages(bank.msg, ids);
    expect(ids.map((id) => again.outcomes.get(id))).toEqual([
      'skipped',
      'skipped',
      'skipped',
      'not_due',
      'skipped',
      'skipped',
    ]);
    expect(bank.sms.calls.length - before).toBe(2);
  });

  it('retries a gateway failure and then marks it failed with its contact released: never lost, never duplicated', async () => {
    const flaky = await startFakeGateway({ failFirst: 1 });
    const down = await startFakeGateway({ failAlways: true });
    const via = (url: string): MessagingDeps => ({
      ...bank.msg,
      adapters: { sms: httpGatewayAdapter({ channel: 'sms', url, timeoutMs: 2000 }) },
    });
    try {
      const [once] = await queue([{ customerId: await customer({ consent: 'granted' }), idempotencyKey: 'b2:flaky' }]);
      const first = await deliverMessages(via(flaky.url), [once as string]);
      expect(first.retry).toEqual([once]);
      expect(
        (
          await bank.deps.db
            .select()
            .from(messages)
            .where(eq(messages.id, once as string))
        )[0],
      ).toMatchObject({
        status: 'queued',
        attempts: 1,
      });
      const second = await deliverMessages(via(flaky.url), [once as string]);
      expect(second.outcomes.get(once as string)).toBe('sent');
      expect(flaky.sent.size).toBe(1);

      const [lost] = await queue([{ customerId: await customer({ consent: 'granted' }), idempotencyKey: 'b2:down' }]);
      const seen: string[] = [];
      for (let i = 0; i < bank.msg.config.messagingMaxAttempts + 1; i++) {
        seen.push((await deliverMessages(via(down.url), [lost as string])).outcomes.get(lost as string) as string);
      }
      const max = bank.msg.config.messagingMaxAttempts;
      expect(seen).toEqual([...Array(max - 1).fill('retry'), 'failed', 'skipped']);
      const [row] = await bank.deps.db
        .select()
        .from(messages)
        .where(eq(messages.id, lost as string));
      expect(row).toMatchObject({ status: 'failed', attempts: max });
      expect(row?.lastError).toContain('HTTP 503');
      const counted = await bank.deps.db
        .select()
        .from(contactLog)
        .where(eq(contactLog.sourceId, lost as string));
      expect(counted).toHaveLength(0);
      expect(down.calls.length).toBe(max);
    } finally {
      await flaky.close();
      await down.close();
    }
  });
});
