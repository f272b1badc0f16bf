import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, type DataScope, systemActor } from '../../kernel/actor';
import { fixedClock, MS } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import { auditLog } from '../audit';
import { customers } from '../customers';
import { interactions } from '../engagement';
import { messages } from '../messaging';
import { buildAudience } from './audience.service';
import { campaignMembers } from './campaigns.tables';
import {
  type CampaignBank,
  setFacts,
  startCampaignBank,
  type TestPorts,
  wireTestPorts,
} from './campaigns.test-support';
import { dispatchCampaign, runCampaigns } from './execution.service';
import { proportionDiffCI } from './lift';

// 10:00 in Shanghai: outside quiet hours; 22:00 in New York (quiet there)
const clock = fixedClock('2026-06-01T02:00:00Z');
const later = new Date(Date.parse('2026-06-01T02:00:00Z') + MS.day * 370);
let bank: CampaignBank;
let ports: TestPorts;
let smsTemplate: string;

async function approvedTemplate(code: string): Promise<string> {
  const made = await bank.send('POST', '/api/message-templates', 'marketing', {
    code,
    name: '夏季理财',
    kind: 'marketing',
    channel: 'sms',
    bodyZh: '【榕树银行】{{title}}，夏季理财讲座本周六开讲，详询95500。回TD退订',
    bodyEn: '[Banyan Bank] {{title}}, our summer talk is on Saturday. Call 95500. Reply TD to unsubscribe',
  });
  expect(made.statusCode, made.body).toBe(201);
  const id = made.json().id as string;
  await bank.send('POST', `/api/message-templates/${id}/submit`, 'marketing');
  const ok = await bank.send('POST', `/api/message-templates/${id}/review`, 'hq', { decision: 'approve' });
  expect(ok.json().status).toBe('approved');
  return id;
}

// the holdout draw: md5(seed || customer id), first 28 bits, mod 10,000, under the holdout in basis points
const draw = (seed: string, customerId: string) =>
  Number.parseInt(
    createHash('md5')
      .update(seed + customerId)
      .digest('hex')
      .slice(0, 7),
    16,
  ) % 10_000;

const draft = (over: Record<string, unknown> = {}) => ({
  name: '夏季理财推广',
  objective: 'cross_sell',
  productId: 'prd_r3',
  segmentId: 'seg_summer',
  channels: ['sms'],
  templates: { sms: smsTemplate },
  incentive: 'none',
  scheduledAt: clock.now().toISOString(),
  holdoutPercent: 0,
  ...over,
});

beforeAll(async () => {
  bank = await startCampaignBank({ clock });
  ports = wireTestPorts();
  ports.products.set('prd_r3', { id: 'prd_r3', name: '稳健理财R3', riskLevel: 3, wealth: true });
  ports.products.set('prd_dep', { id: 'prd_dep', name: '大额存单', riskLevel: 1, wealth: false });
  smsTemplate = await approvedTemplate('mkt.summer');
}, 180_000);
afterAll(async () => {
  await bank.close();
});

describe('campaign design', () => {
  it('SUIT-11 rejects loyalty points or gifts attached to a wealth-product campaign', async () => {
    for (const incentive of ['points', 'gift']) {
      const res = await bank.send('POST', '/api/campaigns', 'marketing', draft({ incentive }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('campaign.prohibited_inducement');
      expect(res.json().error.message).toMatch(/^incentive: .*SUIT-11/);
    }
    // a deposit campaign may carry points
    const ok = await bank.send(
      'POST',
      '/api/campaigns',
      'marketing',
      draft({ productId: 'prd_dep', incentive: 'points' }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('names the field of bad input: a channel without a template, an unknown segment, an unknown product', async () => {
    const noTpl = await bank.send('POST', '/api/campaigns', 'marketing', draft({ channels: ['sms', 'email'] }));
    expect(noTpl.statusCode).toBe(400);
    expect(noTpl.body).toContain('templates');
    const seg = await bank.send('POST', '/api/campaigns', 'marketing', draft({ segmentId: 'nope' }));
    expect(seg.json().error.message).toMatch(/^segmentId:/);
    const prd = await bank.send('POST', '/api/campaigns', 'marketing', draft({ productId: 'prd_missing' }));
    expect(prd.json().error.message).toMatch(/^productId:/);
  });

  it('refuses a template that is not approved (MKT-10)', async () => {
    const made = await bank.send('POST', '/api/message-templates', 'marketing', {
      code: 'mkt.unapproved',
      name: '未审批',
      kind: 'marketing',
      channel: 'sms',
      bodyZh: '【榕树银行】{{title}}，讲座周六开讲，详询95500。回TD退订',
      bodyEn: '',
    });
    const res = await bank.send('POST', '/api/campaigns', 'marketing', draft({ templates: { sms: made.json().id } }));
    expect(res.json().error.code).toBe('campaign.template_not_approved');
  });

  it('gives 403 to a role without campaigns:write', async () => {
    expect((await bank.send('POST', '/api/campaigns', 'rm1', draft())).statusCode).toBe(403);
  });
});

describe('audience build, maker-checker, throttled execution and lift', () => {
  const ids: Record<string, string> = {};
  const now = clock.now();
  const valid = new Date(now.getTime() + MS.day * 200);

  beforeAll(async () => {
    const facts = {
      ok1: { riskLevel: 'C3', riskExpiresAt: valid, consent: 'granted' as const },
      ok2: { riskLevel: 'C5', riskExpiresAt: valid, consent: 'granted' as const },
      ok3: { riskLevel: 'C4', riskExpiresAt: valid, consent: 'granted' as const },
      ok4: { riskLevel: 'C3', riskExpiresAt: valid, consent: 'granted' as const },
      lowRisk: { riskLevel: 'C2', riskExpiresAt: valid, consent: 'granted' as const },
      expired: { riskLevel: 'C5', riskExpiresAt: new Date(now.getTime() - MS.day), consent: 'granted' as const },
      noConsent: { riskLevel: 'C3', riskExpiresAt: valid, consent: 'none' as const },
      optOut: { riskLevel: 'C3', riskExpiresAt: valid, consent: 'withdrawn' as const },
      dnd: { riskLevel: 'C3', riskExpiresAt: valid, consent: 'granted' as const, dnd: true },
      capped: { riskLevel: 'C3', riskExpiresAt: valid, consent: 'granted' as const, past: [10, 30] },
      night: { riskLevel: 'C3', riskExpiresAt: valid, consent: 'granted' as const, timeZone: 'America/New_York' },
    };
    for (const [k, f] of Object.entries(facts)) {
      ids[k] = (await bank.customer('rm1')).id;
      await setFacts(bank.deps.db, ids[k] as string, { tags: ['summer'], ...f }, now);
    }
    const outsider = (await bank.customer('rm1')).id;
    await setFacts(
      bank.deps.db,
      outsider,
      { tags: [], riskLevel: 'C5', riskExpiresAt: valid, consent: 'granted' },
      now,
    );
  }, 120_000);

  it('builds the funnel in order (suitability, opt-out, consent, DND, caps), defers quiet hours, and keeps only the allowed', async () => {
    const made = await bank.send('POST', '/api/campaigns', 'marketing', draft({ holdoutPercent: 0 }));
    const id = made.json().id as string;
    const built = await bank.send('POST', `/api/campaigns/${id}/audience`, 'marketing');
    expect(built.statusCode, built.body).toBe(200);
    const f = built.json().funnel;
    expect(f.segmentMembers).toBe(11);
    expect(f.excludedSuitability).toBe(2); // SUIT-03 (C2 for R3) and SUIT-05 (expired assessment)
    expect(f.channels[0]).toMatchObject({
      channel: 'sms',
      candidates: 9,
      excluded: { opt_out: 1, no_consent: 1, dnd: 1, cap_7d: 1, cap_30d: 0 },
      quietHoursDeferred: 1,
      eligible: 5,
    });
    expect(f).toMatchObject({ eligible: 5, control: 0, target: 5, rankedOut: 0 });
    const members = await bank.deps.db.select().from(campaignMembers).where(eq(campaignMembers.campaignId, id));
    expect(new Set(members.map((m) => m.customerId))).toEqual(new Set([ids.ok1, ids.ok2, ids.ok3, ids.ok4, ids.night]));
    const audits = await bank.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'campaign.build_audience')));
    expect(audits).toHaveLength(1);
  });

  it('draws the same holdout control group for the same seed, and ranks by propensity before the size cut', async () => {
    const body = draft({ holdoutPercent: 50, seed: 'summer-2026' });
    const a = (await bank.send('POST', '/api/campaigns', 'marketing', body)).json().id as string;
    const b = (await bank.send('POST', '/api/campaigns', 'marketing', body)).json().id as string;
    for (const id of [a, b]) await bank.send('POST', `/api/campaigns/${id}/audience`, 'marketing');
    const control = async (id: string) =>
      (await bank.deps.db.select().from(campaignMembers).where(eq(campaignMembers.campaignId, id)))
        .filter((m) => m.grp === 'control')
        .map((m) => m.customerId)
        .sort();
    expect(await control(a)).toEqual(await control(b));

    ports.propensity
      .set(ids.ok2 as string, 0.9)
      .set(ids.ok3 as string, 0.8)
      .set(ids.dnd as string, 0.99);
    const r = (
      await bank.send('POST', '/api/campaigns', 'marketing', draft({ rankByPropensity: true, maxAudience: 2 }))
    ).json().id as string;
    const f = (await bank.send('POST', `/api/campaigns/${r}/audience`, 'marketing')).json().funnel;
    expect(f).toMatchObject({ eligible: 5, rankedOut: 3, target: 2 });
    const kept = (await bank.deps.db.select().from(campaignMembers).where(eq(campaignMembers.campaignId, r)))
      .map((m) => m.customerId)
      .sort();
    // the DND customer scores highest but is never ranked in: rules apply before and after ranking
    expect(kept).toEqual([ids.ok2, ids.ok3].sort());
  });

  it("DS-05 builds within the builder's data scope: the RM's book holds them all, another book none", async () => {
    const [owner] = await bank.deps.db
      .select({ rmId: customers.rmId })
      .from(customers)
      .where(eq(customers.id, ids.ok1 as string));
    const as = (scope: DataScope): Actor => ({ ...systemActor, scope });
    const made = async () =>
      (await bank.send('POST', '/api/campaigns', 'marketing', draft({ holdoutPercent: 0 }))).json().id as string;
    const mine = await buildAudience(bank.camp, as({ kind: 'book', rmIds: [owner?.rmId as string] }), await made());
    expect(mine.funnel).toMatchObject({ segmentMembers: 11, excludedSuitability: 2, eligible: 5, target: 5 });
    const other = await buildAudience(bank.camp, as({ kind: 'book', rmIds: ['usr_nobody'] }), await made());
    expect(other.funnel).toMatchObject({ segmentMembers: 0, eligible: 0, target: 0 });
    const none = await buildAudience(bank.camp, as({ kind: 'units', unitIds: ['unit_nowhere'] }), await made());
    expect(none.funnel).toMatchObject({ segmentMembers: 0, target: 0 });
  });

  it('cuts an unranked audience to maxAudience by a draw of its own, so the control group is not kept first', async () => {
    const eligible = [ids.ok1, ids.ok2, ids.ok3, ids.ok4, ids.night] as string[];
    const lowest = (seed: string, n: number) =>
      [...eligible]
        .sort((a, b) => draw(seed, a) - draw(seed, b))
        .slice(0, n)
        .sort();
    // a seed under which the holdout's own draw would keep other members than the cut's draw
    // (cutting by the holdout draw kept the lowest draws: the control group first)
    let seed = '';
    for (let n = 1; n <= 50; n++) {
      seed = `cut-${n}`;
      if (JSON.stringify(lowest(seed, 3)) !== JSON.stringify(lowest(`${seed}:cut`, 3))) break;
    }
    const id = (
      await bank.send('POST', '/api/campaigns', 'marketing', draft({ holdoutPercent: 50, seed, maxAudience: 3 }))
    ).json().id as string;
    const f = (await bank.send('POST', `/api/campaigns/${id}/audience`, 'marketing')).json().funnel;
    expect(f).toMatchObject({ eligible: 5, rankedOut: 2 });
    const rows = await bank.deps.db.select().from(campaignMembers).where(eq(campaignMembers.campaignId, id));
    expect(rows.map((m) => m.customerId).sort()).toEqual(lowest(`${seed}:cut`, 3));
    for (const m of rows) expect(m.grp).toBe(draw(seed, m.customerId) < 5_000 ? 'control' : 'target');
    const control = rows.filter((m) => m.grp === 'control').length;
    expect(f).toMatchObject({ control, target: 3 - control });
  });

  it('maker-checker: the maker cannot approve; another approves; it runs throttled, the gate applies again at send time; lift with CI', async () => {
    const id = (await bank.send('POST', '/api/campaigns', 'marketing', draft({ holdoutPercent: 0 }))).json()
      .id as string;
    expect((await bank.send('POST', `/api/campaigns/${id}/submit`, 'marketing')).json().error.code).toBe(
      'campaign.audience_not_built',
    );
    await bank.send('POST', `/api/campaigns/${id}/audience`, 'marketing');
    expect((await bank.send('POST', `/api/campaigns/${id}/submit`, 'marketing')).json().status).toBe('pending');
    const own = await bank.send('POST', `/api/campaigns/${id}/review`, 'marketing', { decision: 'approve' });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('campaign.own_approval');
    expect((await bank.send('POST', `/api/campaigns/${id}/review`, 'rm1', { decision: 'approve' })).statusCode).toBe(
      403,
    );
    const ok = await bank.send('POST', `/api/campaigns/${id}/review`, 'hq', { decision: 'approve' });
    expect(ok.json()).toMatchObject({ status: 'approved', checkerId: expect.any(String) });
    expect((await bank.send('POST', `/api/campaigns/${id}/schedule`, 'marketing')).json().status).toBe('scheduled');

    // MKT-03: ok4 opts out after the build; the send-time gate stops it
    await setFacts(
      bank.deps.db,
      ids.ok4 as string,
      { tags: ['summer'], riskLevel: 'C3', riskExpiresAt: valid, consent: 'withdrawn' },
      now,
    );
    // other campaigns are still drafts: only this one runs
    const first = await dispatchCampaign(bank.camp, id, 2);
    expect(first.queued).toBe(0); // still scheduled: nothing is sent before it starts
    await runCampaigns({ ...bank.camp, config: { ...bank.camp.config, campaignSendPerMinute: 2 } });
    expect((await bank.get(`/api/campaigns/${id}`, 'marketing')).json().status).toBe('running');
    let queued = await bank.deps.db.select().from(messages).where(eq(messages.sourceId, id));
    expect(queued).toHaveLength(2); // throttled: 2 a minute
    await dispatchCampaign(bank.camp, id, 2);
    const last = await dispatchCampaign(bank.camp, id, 2);
    expect(last.completed).toBe(true);
    queued = await bank.deps.db.select().from(messages).where(eq(messages.sourceId, id));
    expect(queued).toHaveLength(5);
    const outcome: Record<string, string> = {};
    for (const m of queued) outcome[m.customerId] = (await bank.runSendJob(m.id)).at(-1) as string;
    expect(outcome[ids.ok1 as string]).toBe('sent');
    expect(outcome[ids.ok4 as string]).toBe('suppressed');
    expect(outcome[ids.night as string]).toBe('deferred');
    expect(new Set(bank.sms.calls).size).toBe(bank.sms.calls.length);
    expect(bank.sms.calls.length).toBeGreaterThan(0);

    // a second runner finds nothing left: never sent twice
    expect((await dispatchCampaign(bank.camp, id, 100)).queued).toBe(0);

    // responses (inbound interactions) and sales inside the window; one response after the window is not counted
    const log = async (customerId: string, at: Date) =>
      bank.deps.db.insert(interactions).values({
        id: newId('interaction'),
        customerId,
        staffId: 'system',
        channel: 'sms',
        direction: 'inbound',
        purpose: 'sales',
        outcome: 'interested',
        occurredAt: at,
        createdAt: at,
      });
    await log(ids.ok1 as string, new Date(now.getTime() + MS.day));
    await log(ids.ok2 as string, new Date(now.getTime() + MS.day * 2));
    await log(ids.ok3 as string, later);
    ports.sales.push({ customerId: ids.ok1 as string, productId: 'prd_r3', at: new Date(now.getTime() + MS.day * 3) });
    const res = (await bank.get(`/api/campaigns/${id}/results`, 'marketing')).json();
    expect(res.target).toMatchObject({
      members: 5,
      responded: 2,
      converted: 1,
      responseRate: 0.4,
      conversionRate: 0.2,
    });
    expect(res.control.members).toBe(0);
    expect(res.responseLift).toBeNull(); // no control group: no lift
    expect(res.salesAttributed).toBe(true);
    expect(res.messages).toMatchObject({ suppressed: 1, deferred: 1 });
  });

  it('reports the lift of target over control with its 95% confidence interval', async () => {
    // the customer ids are random, so with 4 members a seed may put all of them on one side (1 in 8 at 50%):
    // try seeds until both groups have members, checking every member's group against the draw
    let id = '';
    let rows: (typeof campaignMembers.$inferSelect)[] = [];
    for (let n = 1; n <= 30; n++) {
      const seed = `lift-${n}`;
      id = (await bank.send('POST', '/api/campaigns', 'marketing', draft({ holdoutPercent: 50, seed }))).json()
        .id as string;
      await bank.send('POST', `/api/campaigns/${id}/audience`, 'marketing');
      rows = await bank.deps.db.select().from(campaignMembers).where(eq(campaignMembers.campaignId, id));
      for (const m of rows) expect(m.grp).toBe(draw(seed, m.customerId) < 5_000 ? 'control' : 'target');
      if (new Set(rows.map((m) => m.grp)).size === 2) break;
    }
    const target = rows.filter((m) => m.grp === 'target').length;
    const control = rows.filter((m) => m.grp === 'control').length;
    expect(target + control).toBe(4); // ok4 opted out in the test above
    expect(control).toBeGreaterThan(0);
    expect(target).toBeGreaterThan(0);
    const res = (await bank.get(`/api/campaigns/${id}/results`, 'marketing')).json();
    const tResp = rows.filter((m) => m.grp === 'target' && [ids.ok1, ids.ok2].includes(m.customerId)).length;
    const cResp = rows.filter((m) => m.grp === 'control' && [ids.ok1, ids.ok2].includes(m.customerId)).length;
    expect(res.target.responded).toBe(tResp);
    expect(res.control.responded).toBe(cResp);
    const ci = proportionDiffCI(tResp, target, cResp, control);
    expect(res.responseLift?.estimate ?? null).toBe(ci?.estimate ?? null);
    expect(res.responseLift?.low ?? null).toBe(ci?.low ?? null);
  });
});
