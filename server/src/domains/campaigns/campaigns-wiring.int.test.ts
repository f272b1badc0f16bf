import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import { analyticsDeps, rankAudience, resolveDataRoot, trainPropensityModel } from '../analytics';
import { addMonths, customers, riskAssessments } from '../customers';
import { messages } from '../messaging';
import { campaignMembers } from './campaigns.tables';
import { type CampaignBank, setFacts, startCampaignBank } from './campaigns.test-support';
import { runCampaigns } from './execution.service';

// The campaign ports on the real domains (no stand-ins): a saved segment from
// segmentation, the products catalogue and its set-based suitability gate over
// risk assessments, ranking by analytics' trained propensity model, and
// conversions from a sale recorded through the products sales API.

// Tuesday 2026-06-02, 10:00 in Shanghai (outside quiet hours)
const clock = fixedClock('2026-06-02T02:00:00Z');
const now = clock.now();
const product = 'prd_seed_wm_r3_365'; // 稳健理财 R3, a wealth product of the seeded catalogue
let bank: CampaignBank;
let smsTemplate: string;
let segmentId: string;
const ids: Record<string, string> = {};

async function assess(customerId: string, level: string, assessedAt: Date) {
  await bank.deps.db.insert(riskAssessments).values({
    id: newId('assessment'),
    customerId,
    questionnaireId: 'rq_cn_v1',
    questionnaireVersion: 1,
    answers: {},
    score: 50,
    level,
    status: 'confirmed',
    channel: 'branch',
    signatureRef: 'sig_test',
    assessedAt,
    expiresAt: addMonths(assessedAt, 12),
    confirmedAt: assessedAt,
    actorId: 'usr_test',
    createdAt: assessedAt,
  });
}

async function approvedTemplate(code: string): Promise<string> {
  const made = await bank.send('POST', '/api/message-templates', 'marketing', {
    code,
    name: '秋季理财',
    kind: 'marketing',
    channel: 'sms',
    bodyZh: '【榕树银行】{{title}}，秋季稳健理财讲座本周六开讲，详询95500。回TD退订',
    bodyEn: '[Banyan Bank] {{title}}, our autumn talk is on Saturday. Call 95500. Reply TD to unsubscribe',
  });
  expect(made.statusCode, made.body).toBe(201);
  const id = made.json().id as string;
  await bank.send('POST', `/api/message-templates/${id}/submit`, 'marketing');
  const ok = await bank.send('POST', `/api/message-templates/${id}/review`, 'hq', { decision: 'approve' });
  expect(ok.json().status).toBe('approved');
  return id;
}

const draft = (over: Record<string, unknown> = {}) => ({
  name: '秋季稳健理财',
  objective: 'cross_sell',
  productId: product,
  segmentId,
  channels: ['sms'],
  templates: { sms: smsTemplate },
  incentive: 'none',
  scheduledAt: now.toISOString(),
  holdoutPercent: 0,
  ...over,
});

beforeAll(async () => {
  bank = await startCampaignBank({ clock });
  smsTemplate = await approvedTemplate('mkt.autumn');
  const valid = new Date(now.getTime() - 30 * MS.day);
  const people: Record<string, { level?: string; assessedAt?: Date; tag: boolean; birthDate?: string; job: string }> = {
    student: { level: 'C4', assessedAt: valid, tag: true, birthDate: '2004-05-01', job: '学生' },
    worker: { level: 'C3', assessedAt: valid, tag: true, job: '工人' },
    lowRisk: { level: 'C2', assessedAt: valid, tag: true, job: '教师' },
    unassessed: { tag: true, job: '教师' },
    expired: { level: 'C5', assessedAt: new Date(now.getTime() - 400 * MS.day), tag: true, job: '教师' },
    outside: { level: 'C5', assessedAt: valid, tag: false, job: '教师' },
  };
  for (const [name, p] of Object.entries(people)) {
    const c = await bank.customer();
    ids[name] = c.id;
    await setFacts(bank.deps.db, c.id, { tags: p.tag ? ['autumn_wm'] : [], consent: 'granted', channel: 'sms' }, now);
    await bank.deps.db
      .update(customers)
      .set({ aum: 100_000_000, occupation: p.job, ...(p.birthDate ? { birthDate: p.birthDate } : {}) })
      .where(eq(customers.id, c.id));
    if (p.level && p.assessedAt) await assess(c.id, p.level, p.assessedAt);
  }
  const seg = await bank.send('POST', '/api/segments', 'marketing', {
    name: '秋季理财客群',
    kind: 'dynamic',
    rule: { combinator: 'and', rules: [{ field: 'tags', op: 'has_any', value: ['autumn_wm'] }] },
  });
  expect(seg.statusCode, seg.body).toBe(201);
  segmentId = seg.json().id as string;
}, 180_000);
afterAll(async () => {
  await bank.close();
});

describe('campaign ports wired to the real domains', () => {
  it('refuses an unknown segment or product with the field named (segmentation and products faces)', async () => {
    const seg = await bank.send('POST', '/api/campaigns', 'marketing', draft({ segmentId: 'seg_nope' }));
    expect(seg.json().error).toMatchObject({ code: 'campaign.segment_not_found', details: { field: 'segmentId' } });
    const prd = await bank.send('POST', '/api/campaigns', 'marketing', draft({ productId: 'prd_nope' }));
    expect(prd.json().error).toMatchObject({ code: 'campaign.product_not_found', details: { field: 'productId' } });
  });

  it('SUIT-11 knows a catalogue wealth product: no gifts attached', async () => {
    const res = await bank.send('POST', '/api/campaigns', 'marketing', draft({ incentive: 'gift' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'campaign.prohibited_inducement', details: { rule: 'SUIT-11' } });
  });

  it('SUIT-03 SUIT-05 builds the audience of a saved segment through the products suitability gate over risk assessments', async () => {
    const made = await bank.send('POST', '/api/campaigns', 'marketing', draft());
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    const built = await bank.send('POST', `/api/campaigns/${id}/audience`, 'marketing');
    expect(built.statusCode, built.body).toBe(200);
    expect(built.json().funnel).toMatchObject({ segmentMembers: 5, excludedSuitability: 3, eligible: 2, target: 2 });
    const members = await bank.deps.db.select().from(campaignMembers).where(eq(campaignMembers.campaignId, id));
    expect(members.map((m) => m.customerId).sort()).toEqual([ids.student, ids.worker].sort());
  });

  it('ranks by the trained propensity model (analytics registers the port) before the size cut', async () => {
    const dataRoot = resolveDataRoot({
      env: process.env.BANYAN_SHARED_DATA ?? '/work/shared/data',
      repoRoot: path.resolve('..'),
    });
    const an = analyticsDeps(bank.deps);
    await trainPropensityModel(an, 'system', { dataRoot, maxRows: 4000 });
    const expected = await rankAudience(an, [ids.student as string, ids.worker as string]);
    const made = await bank.send(
      'POST',
      '/api/campaigns',
      'marketing',
      draft({ rankByPropensity: true, maxAudience: 1 }),
    );
    const id = made.json().id as string;
    const built = await bank.send('POST', `/api/campaigns/${id}/audience`, 'marketing');
    expect(built.statusCode, built.body).toBe(200);
    expect(built.json().funnel).toMatchObject({ eligible: 2, rankedOut: 1, target: 1 });
    const [kept] = await bank.deps.db.select().from(campaignMembers).where(eq(campaignMembers.campaignId, id));
    expect(kept?.customerId).toBe(expected[0]?.customerId);
    expect(kept?.score).toBeCloseTo(expected[0]?.score as number, 5);
  }, 120_000);

  it('runs after a second user approves it and attributes a sale recorded through the products sales API', async () => {
    const id = (await bank.send('POST', '/api/campaigns', 'marketing', draft())).json().id as string;
    await bank.send('POST', `/api/campaigns/${id}/audience`, 'marketing');
    expect((await bank.send('POST', `/api/campaigns/${id}/submit`, 'marketing')).json().status).toBe('pending');
    expect((await bank.send('POST', `/api/campaigns/${id}/review`, 'hq', { decision: 'approve' })).statusCode).toBe(
      200,
    );
    expect((await bank.send('POST', `/api/campaigns/${id}/schedule`, 'marketing')).json().status).toBe('scheduled');
    await runCampaigns(bank.camp);
    const sent = await bank.deps.db.select().from(messages).where(eq(messages.sourceId, id));
    expect(sent.map((m) => m.customerId).sort()).toEqual([ids.student, ids.worker].sort());

    // the worker buys the product: propose, disclose, acknowledge the fee version, sign
    const p = await bank.send('POST', '/api/sales', 'rm1', {
      customerId: ids.worker,
      productId: product,
      amount: 5_000_000,
      channel: 'branch',
    });
    expect(p.statusCode, p.body).toBe(201);
    const saleId = p.json().id as string;
    const d = await bank.send('POST', `/api/sales/${saleId}/disclosure`, 'rm1');
    expect(d.statusCode, d.body).toBe(200);
    const a = await bank.send('POST', `/api/sales/${saleId}/acknowledgement`, 'rm1', {
      feeScheduleVersion: d.json().feeSchedule.version,
      channel: 'branch',
    });
    expect(a.statusCode, a.body).toBe(200);
    const rec = await bank.send('POST', `/api/sales/${saleId}/record`, 'rm1', { dualRecordingRef: 'SL-REC-0801' });
    expect(rec.statusCode, rec.body).toBe(200);

    const res = (await bank.get(`/api/campaigns/${id}/results`, 'marketing')).json();
    expect(res.salesAttributed).toBe(true);
    expect(res.target).toMatchObject({ members: 2, converted: 1, conversionRate: 0.5 });
    expect(res.messages).toMatchObject({ queued: 2 });
  });
});
