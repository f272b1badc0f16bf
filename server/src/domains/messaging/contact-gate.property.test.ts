import { eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import { type MessagingBank, startMessagingBank } from '../../test/messaging';
import {
  consentState,
  contactDnd,
  contactLog,
  eligibleCustomerIds,
  gatePolicy,
  inQuietHours,
  localMinute,
  parseQuietHours,
} from '../consent';
import { customers } from '../customers';
import { enqueueMessage } from './message.service';
import { messages } from './messaging.tables';
import { liveTemplateByCode } from './template.repository';
import { ensureSystemTemplate } from './template.service';

// The acceptance property of issue 8: whatever the customers, consents and
// past contacts, no marketing message goes out without consent for its
// channel, inside quiet hours, over a cap or to a customer on the DND list.
// It runs the real send path (gate at send time, fake SMS gateway) and the
// set-based audience filter, and checks both against the rules read directly
// from the generated facts.

const clock = fixedClock('2026-06-01T02:00:00Z');
let bank: MessagingBank;
const ids: string[] = [];
const zones = ['Asia/Shanghai', 'Asia/Urumqi', 'Europe/London', 'America/New_York'];
const cap7d = 2;
const cap30d = 4;

const customerFacts = fc.record({
  consent: fc.constantFrom('none', 'granted', 'withdrawn', 'refused'),
  dnd: fc.constantFrom('none', 'listed', 'expired', 'preference'),
  zone: fc.constantFrom(...zones, 'Not/AZone'),
  // ages of past marketing contacts in hours (0..40 days)
  past: fc.array(fc.integer({ min: 1, max: 40 * 24 }), { maxLength: 6 }),
});

beforeAll(async () => {
  bank = await startMessagingBank({
    clock,
    env: { BANYAN_CONTACT_CAP_7D: String(cap7d), BANYAN_CONTACT_CAP_30D: String(cap30d) },
  });
  for (let i = 0; i < 5; i++) ids.push((await bank.customer('rm1', { name: `测试${i}` })).id);
  await ensureSystemTemplate(bank.deps.db, clock, {
    code: 'mkt.prop',
    name: '营销',
    kind: 'marketing',
    channel: 'sms',
    subjectZh: '',
    bodyZh: '【榕树银行】新春活动，详询95500。回TD退订',
    subjectEn: '',
    bodyEn: '',
  });
});
afterAll(async () => {
  await bank.close();
});

describe('contact-pressure gate (property)', () => {
  it('never sends marketing without channel consent, in quiet hours, over a cap or on DND; the SQL filter agrees', async () => {
    const template = await liveTemplateByCode(bank.deps.db, 'mkt.prop', 'sms');
    if (!template) throw new Error('no template');
    const quiet = parseQuietHours(bank.msg.config.quietHours);
    let run = 0;
    let sentTotal = 0;
    let suppressedTotal = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(customerFacts, { minLength: ids.length, maxLength: ids.length }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        async (facts, minuteOfDay) => {
          run++;
          const now = new Date(Date.UTC(2026, 5, 1) + minuteOfDay * MS.minute);
          clock.set(now);
          const db = bank.deps.db;
          await db.delete(consentState).where(inArray(consentState.customerId, ids));
          await db.delete(contactDnd).where(inArray(contactDnd.customerId, ids));
          await db.delete(contactLog).where(inArray(contactLog.customerId, ids));
          for (const [i, f] of facts.entries()) {
            const id = ids[i] as string;
            await db
              .update(customers)
              .set({ preferences: { timeZone: f.zone, doNotContact: f.dnd === 'preference' } })
              .where(eq(customers.id, id));
            if (f.consent !== 'none') {
              await db.insert(consentState).values({
                customerId: id,
                purpose: 'marketing',
                channel: 'sms',
                status: f.consent as 'granted',
                recordId: 'csr_x',
                updatedAt: now,
              });
            }
            if (f.dnd === 'listed' || f.dnd === 'expired') {
              await db.insert(contactDnd).values({
                customerId: id,
                reason: 'test',
                until: f.dnd === 'expired' ? new Date(now.getTime() - MS.hour) : null,
                addedBy: 'test',
                createdAt: now,
              });
            }
            for (const h of f.past) {
              await db.insert(contactLog).values({
                id: newId('contactLog'),
                customerId: id,
                channel: 'email',
                sourceType: 'test',
                sourceId: 'past',
                occurredAt: new Date(now.getTime() - h * MS.hour),
              });
            }
          }
          // what the rules say, read straight from the facts
          const mayContact = facts.map((f) => {
            const zone = zones.includes(f.zone) ? f.zone : 'Asia/Shanghai';
            const in7 = f.past.filter((h) => h < 7 * 24).length;
            const in30 = f.past.filter((h) => h < 30 * 24).length;
            return (
              f.consent === 'granted' &&
              (f.dnd === 'none' || f.dnd === 'expired') &&
              in7 < cap7d &&
              in30 < cap30d &&
              !inQuietHours(localMinute(now, zone), quiet)
            );
          });
          const policy = gatePolicy(bank.msg.config);
          const eligible = new Set(
            await eligibleCustomerIds(db, { channel: 'sms', at: now, policy, candidates: undefined }),
          );
          for (const [i, id] of ids.entries())
            expect(eligible.has(id), `SQL filter, customer ${i}`).toBe(mayContact[i]);

          const before = bank.sms.sent.size;
          for (const [i, id] of ids.entries()) {
            const { message } = await db.transaction((tx) =>
              enqueueMessage(tx, bank.msg, {
                customerId: id,
                template,
                variables: {},
                idempotencyKey: `prop-${run}-${i}`,
                sourceType: 'test',
                sourceId: 'prop',
                createdBy: 'system',
              }),
            );
            const outcome = await bank.runSendJob(message.id);
            const [m] = await db.select().from(messages).where(eq(messages.id, message.id));
            if (mayContact[i]) {
              expect(outcome, `customer ${i} ${JSON.stringify(facts[i])}`).toEqual(['sent']);
              sentTotal++;
            } else {
              expect(['suppressed', 'deferred']).toContain(m?.status);
              expect(m?.providerMessageId).toBeNull();
              suppressedTotal++;
            }
          }
          expect(bank.sms.sent.size - before).toBe(mayContact.filter(Boolean).length);
        },
      ),
      { numRuns: 30, seed: 20261202 },
    );
    // the generators reach both sides of the property
    expect(sentTotal).toBeGreaterThan(0);
    expect(suppressedTotal).toBeGreaterThan(0);
  }, 240_000);
});
