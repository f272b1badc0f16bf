import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../kernel/clock';
import { campaignMembers } from './campaigns.tables';
import {
  type AudienceFacts,
  type CampaignBank,
  setFacts,
  startCampaignBank,
  wireTestPorts,
} from './campaigns.test-support';

// Beside outreach's property of the contact gate: the same rules, through a whole campaign audience build.
const clock = fixedClock('2026-06-01T02:00:00Z');
let bank: CampaignBank;
let template: string;
const ids: string[] = [];
const size = 8;

const fact = fc.record({
  risk: fc.constantFrom(null, 'C1', 'C2', 'C3', 'C4', 'C5'),
  expired: fc.boolean(),
  consent: fc.constantFrom('granted', 'withdrawn', 'refused', 'none') as fc.Arbitrary<AudienceFacts['consent']>,
  consentChannel: fc.constantFrom('sms', 'email') as fc.Arbitrary<'sms' | 'email'>,
  dnd: fc.boolean(),
  zone: fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London'),
  past: fc.array(fc.integer({ min: 1, max: 40 * 24 }), { maxLength: 5 }),
  inSegment: fc.boolean(),
});

beforeAll(async () => {
  bank = await startCampaignBank({ clock });
  const ports = wireTestPorts();
  for (let n = 1; n <= 5; n++)
    ports.products.set(`prd_r${n}`, { id: `prd_r${n}`, name: `R${n}`, riskLevel: n, wealth: true });
  const made = await bank.send('POST', '/api/message-templates', 'marketing', {
    code: 'mkt.prop',
    name: '属性测试',
    kind: 'marketing',
    channel: 'sms',
    bodyZh: '【榕树银行】{{title}}，讲座周六开讲，详询95500。回TD退订',
    bodyEn: '',
  });
  template = made.json().id;
  await bank.send('POST', `/api/message-templates/${template}/submit`, 'marketing');
  await bank.send('POST', `/api/message-templates/${template}/review`, 'hq', { decision: 'approve' });
  for (let i = 0; i < size; i++) ids.push((await bank.customer('rm1')).id);
}, 180_000);
afterAll(async () => {
  await bank.close();
});

describe('campaign audience property (MKT-01, MKT-03, MKT-08, SUIT-03, SUIT-05)', () => {
  it('never holds a customer without channel consent, on DND, over a cap, or offered a product above their valid risk level', async () => {
    const now = clock.now();
    const cap7 = bank.camp.consent.config.contactCap7d;
    const cap30 = bank.camp.consent.config.contactCap30d;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fact, { minLength: size, maxLength: size }),
        fc.integer({ min: 1, max: 5 }),
        async (facts, level) => {
          for (const [i, f] of facts.entries()) {
            await setFacts(
              bank.deps.db,
              ids[i] as string,
              {
                tags: f.inSegment ? ['prop'] : [],
                riskLevel: f.risk,
                riskExpiresAt: new Date(now.getTime() + (f.expired ? -MS.day : MS.day * 100)),
                consent: f.consent,
                channel: f.consentChannel,
                dnd: f.dnd,
                timeZone: f.zone,
                past: f.past,
              },
              now,
            );
          }
          const made = await bank.send('POST', '/api/campaigns', 'marketing', {
            name: 'prop',
            objective: 'cross_sell',
            productId: `prd_r${level}`,
            segmentId: 'seg_prop',
            channels: ['sms'],
            templates: { sms: template },
            scheduledAt: now.toISOString(),
            holdoutPercent: 20,
          });
          const id = made.json().id as string;
          const built = await bank.send('POST', `/api/campaigns/${id}/audience`, 'marketing');
          expect(built.statusCode, built.body).toBe(200);
          const members = new Set(
            (await bank.deps.db.select().from(campaignMembers).where(eq(campaignMembers.campaignId, id))).map(
              (m) => m.customerId,
            ),
          );
          for (const [i, f] of facts.entries()) {
            const in7 = f.past.filter((h) => h < 7 * 24).length;
            const in30 = f.past.filter((h) => h < 30 * 24).length;
            const allowed =
              f.inSegment &&
              f.consent === 'granted' &&
              f.consentChannel === 'sms' &&
              !f.dnd &&
              in7 < cap7 &&
              in30 < cap30 &&
              f.risk !== null &&
              !f.expired &&
              Number(f.risk.slice(1)) >= level;
            // never a forbidden customer; and every allowed one is in the audience (target or control)
            expect(members.has(ids[i] as string), `customer ${i}: ${JSON.stringify(f)} level R${level}`).toBe(allowed);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 600_000);
});
