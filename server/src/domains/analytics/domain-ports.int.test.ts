import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaints, surveyResponses } from '../complaints';
import { products, type SaleRow, sales } from '../products';
import { rmScorecards } from './analytics.tables';
import { type AnalyticsBank, type HistoryCustomer, seedHistory, startAnalyticsBank } from './analytics.test-support';
import { latestModel } from './churn.repository';
import { scoreAllCustomers } from './churn-scoring.service';
import { trainChurnModel } from './churn-training.service';
import { registeredChurnSignals } from './ports';
import { snapshotScorecards } from './scorecard.service';

/**
 * The real adapters (domain-ports.ts, registered by the module's bootstrap):
 * rows written in the complaints and products domains' tables flow into the
 * churn features, the RM scorecard (PERF-01..04) and the dashboards.
 */

let bank: AnalyticsBank;
let hist: HistoryCustomer[];
let rm1: HistoryCustomer[];
let rm2: HistoryCustomer[];

const at = (iso: string) => new Date(iso);

function complaint(k: number, c: HistoryCustomer, over: Partial<typeof complaints.$inferInsert>) {
  return {
    id: `cmp_dp${k}`,
    reference: `TS20261101${String(k).padStart(4, '0')}`,
    customerId: c.id,
    channel: 'counter' as const,
    category: 'fees' as const,
    unitId: c.unitId,
    rmId: c.rmId,
    severity: 'medium' as const,
    description: '收费不清楚',
    status: 'received' as const,
    profile: 'CN' as const,
    receivedAt: at('2026-11-03T02:00:00Z'),
    clockStartAt: at('2026-11-03T02:00:00Z'),
    dueDate: '2026-11-18',
    dueAt: at('2026-11-18T16:00:00Z'),
    createdBy: 'system',
    createdAt: at('2026-11-03T02:00:00Z'),
    updatedAt: at('2026-11-03T02:00:00Z'),
    ...over,
  };
}

function survey(k: number, c: HistoryCustomer, kind: 'csat' | 'nps', score: number, answeredAt: string) {
  return {
    id: `svr_dp${k}`,
    invitationId: `svi_dp${k}`,
    templateId: kind === 'csat' ? 'csat_v1' : 'nps_v1',
    kind,
    customerId: c.id,
    unitId: c.unitId,
    rmId: c.rmId,
    trigger: 'manual' as const,
    score,
    low: kind === 'csat' ? score <= 2 : score <= 6,
    answers: { score },
    answeredAt: at(answeredAt),
  };
}

beforeAll(async () => {
  bank = await startAnalyticsBank();
  hist = await seedHistory(bank, 120, 5);
  rm1 = hist.filter((h) => h.rmId === bank.staff.rm1);
  rm2 = hist.filter((h) => h.rmId === bank.staff.rm2);
  const db = bank.deps.db;
  const [a, b, c] = rm1 as [HistoryCustomer, HistoryCustomer, HistoryCustomer];
  const [d] = rm2 as [HistoryCustomer];
  const sh = hist.find((h) => h.rmId === bank.staff.rm3) as HistoryCustomer;
  await db.insert(complaints).values([
    // rm1's customer a: two complaints in November, one upheld and decided late, one still open
    complaint(1, a, {
      status: 'closed',
      outcome: 'upheld',
      decidedAt: at('2026-11-20T02:00:00Z'),
      closedAt: at('2026-11-21T02:00:00Z'),
      onTime: false,
    }),
    complaint(2, a, { receivedAt: at('2026-11-10T02:00:00Z'), dueAt: at('2026-12-10T16:00:00Z') }),
    // rm1's customer b: one complaint a year and a half ago (outside the 12 months)
    complaint(3, b, {
      receivedAt: at('2025-05-03T02:00:00Z'),
      status: 'closed',
      outcome: 'rejected',
      decidedAt: at('2025-05-10T02:00:00Z'),
      onTime: true,
    }),
    // rm2's customer d: one complaint decided on time in October, rejected
    complaint(4, d, {
      receivedAt: at('2026-10-02T02:00:00Z'),
      status: 'closed',
      outcome: 'rejected',
      decidedAt: at('2026-10-08T02:00:00Z'),
      onTime: true,
    }),
    // a Shanghai customer's complaint in November (outside the BJ manager's scope)
    complaint(5, sh, { receivedAt: at('2026-11-04T02:00:00Z') }),
  ]);
  await db
    .insert(surveyResponses)
    .values([
      survey(1, a, 'csat', 1, '2026-11-21T03:00:00Z'),
      survey(2, b, 'csat', 5, '2026-11-05T03:00:00Z'),
      survey(3, b, 'nps', 10, '2026-11-06T03:00:00Z'),
      survey(4, d, 'nps', 3, '2026-11-07T03:00:00Z'),
    ]);
  const [product] = await db.select().from(products).where(eq(products.type, 'wealth')).limit(1);
  const sale = (k: number, cust: HistoryCustomer, over: Partial<SaleRow>): typeof sales.$inferInsert => ({
    id: `sale_dp${k}`,
    customerId: cust.id,
    productId: product?.id as string,
    unitId: cust.unitId,
    proposedBy: cust.rmId,
    amount: 5_000_000,
    channel: 'branch',
    status: 'confirmed',
    suitability: { decision: 'allow', reasons: [] },
    signedAt: at('2026-11-12T02:00:00Z'),
    confirmedAt: at('2026-11-13T02:00:00Z'),
    createdAt: at('2026-11-12T01:00:00Z'),
    updatedAt: at('2026-11-13T02:00:00Z'),
    ...over,
  });
  await db.insert(sales).values([
    // rm1: two standing sales and one cancelled in cooling-off (no sales credit, a compliance finding)
    sale(1, a, {}),
    sale(2, b, {}),
    sale(3, c, { status: 'cancelled_in_cooling_off', confirmedAt: null, cancelledAt: at('2026-11-14T02:00:00Z') }),
    // rm2: one sale made under a suitability override (SUIT-04)
    sale(4, d, {
      suitability: { decision: 'block', reasons: [{ code: 'RISK_ABOVE_PROFILE', severity: 'block', message: 'x' }] },
      override: { reason: '客户坚持', confirmationRef: 'REC-1', approvalId: 'apr_1' },
    }),
  ]);
}, 240_000);
afterAll(async () => {
  await bank.close();
});

describe('complaints and surveys as churn features (ChurnSignalPort wired to the complaints domain)', () => {
  it('loads each customer’s complaints and survey answers as of a date, nothing after it', async () => {
    const [a, b] = rm1 as [HistoryCustomer, HistoryCustomer];
    const signals = new Map(registeredChurnSignals().map((s) => [s.name, s]));
    const cmp = signals.get('complaints');
    const srv = signals.get('surveys');
    expect(cmp?.features.map((f) => f.name)).toEqual([
      'complaints_12m',
      'complaints_upheld_12m',
      'complaints_open',
      'complaints_overdue_12m',
    ]);
    const now = await cmp?.load(bank.deps.db, [a.id, b.id, 'cus_nobody'], '2026-11-30');
    expect(now?.get(a.id)).toEqual([2, 1, 1, 1]);
    expect(now?.get(b.id)).toEqual([0, 0, 0, 0]); // the 2025 complaint is outside 12 months
    expect(now?.get('cus_nobody')).toEqual([0, 0, 0, 0]);
    // as of 2026-11-05 only the first complaint exists and it is open (decided on the 20th)
    const before = await cmp?.load(bank.deps.db, [a.id], '2026-11-05');
    expect(before?.get(a.id)).toEqual([1, 0, 1, 0]);
    const s = await srv?.load(bank.deps.db, [a.id, b.id, 'cus_nobody'], '2026-11-30');
    expect(s?.get(a.id)).toEqual([0, 1]); // CSAT 1 of 5 → 0 on 0..100, a low score
    expect(s?.get(b.id)).toEqual([100, 0]); // the latest answer: NPS 10 → 100
    expect(s?.get('cus_nobody')).toEqual([null, 0]);
  });

  it('trains the churn model with the complaint and survey features in its stored feature list', async () => {
    await trainChurnModel(bank.an, 'system');
    await scoreAllCustomers(bank.an); // retention on the scorecard needs scores
    const m = await latestModel(bank.deps.db, 'churn');
    const names = m?.features ?? [];
    expect(names).toEqual(
      expect.arrayContaining(['complaints_12m', 'complaints_upheld_12m', 'survey_last_score_pct', 'survey_low_12m']),
    );
  });
});

describe('scorecard components from the products and complaints domains (PERF-01..04)', () => {
  it('fills sales, compliance, complaints and satisfaction from real rows; cooling-off cancellations earn no sales credit', async () => {
    await snapshotScorecards(bank.an, '2026-11');
    const row = async (rmId: string) =>
      (
        await bank.deps.db
          .select()
          .from(rmScorecards)
          .where(and(eq(rmScorecards.month, '2026-11'), eq(rmScorecards.rmId, rmId)))
      )[0];
    const r1 = await row(bank.staff.rm1 as string);
    const r2 = await row(bank.staff.rm2 as string);
    const r3 = await row(bank.staff.rm3 as string);
    // PERF-04: the cancelled sale is not counted as sold
    expect(r1?.measures['sales.productsSold']).toBe(2);
    expect(r2?.measures['sales.productsSold']).toBe(1);
    expect(r3?.measures['sales.productsSold']).toBe(0);
    expect(r1?.components.sales).toBeGreaterThan(r3?.components.sales as number);
    // compliance: rm1 one cooling-off cancellation of 3 proposals, rm2 one block + one override of 1
    expect(r1?.measures['compliance.coolingOffCancellations']).toBe(1);
    expect(r2?.measures['compliance.suitabilityBlocks']).toBe(1);
    expect(r2?.measures['compliance.overrides']).toBe(1);
    expect(r1?.components.compliance).toBeGreaterThan(r2?.components.compliance as number);
    expect(r3?.components.compliance).toBeNull(); // no sales activity: no data
    // complaints (PERF-02): rm1 two received, one upheld and late; rm2 none in November; rm3 none
    expect(r1?.measures).toMatchObject({ 'complaints.received': 2, 'complaints.upheld': 1, 'complaints.overdue': 1 });
    expect(r2?.components.complaints).toBe(100);
    expect(r1?.components.complaints).toBeLessThan(50);
    // satisfaction: rm1 CSAT 1 and 5, NPS one promoter → (50 + 100) / 2; rm2 one detractor → 0
    expect(r1?.measures['satisfaction.csatPct']).toBe(50);
    expect(r1?.measures['satisfaction.nps']).toBe(100);
    expect(r1?.components.satisfaction).toBe(75);
    expect(r2?.components.satisfaction).toBe(0);
    expect(r3?.components.satisfaction).toBeNull();
    expect(r1?.measures.weightCovered).toBe(100);
  });
});

describe('dashboard panels from the complaints domain', () => {
  it('shows complaints per month with the on-time rate, and survey scores, in the unit scope', async () => {
    const panels = new Map(
      ((await bank.get('/api/analytics/dashboards', 'bm')).json().panels as { panel: string }[]).map((p) => [
        p.panel,
        p as { panel: string; status: string; data: { columns: string[]; rows: unknown[][] } },
      ]),
    );
    const trend = panels.get('complaints_trend');
    expect(trend?.status).toBe('ok');
    expect(trend?.data.columns).toEqual(['month', 'received', 'decided', 'on_time', 'on_time_rate_pct']);
    expect(trend?.data.rows).toHaveLength(12);
    expect(trend?.data.rows.find((r) => r[0] === '2026-11')).toEqual(['2026-11', 2, 1, 0, 0]);
    expect(trend?.data.rows.find((r) => r[0] === '2026-10')).toEqual(['2026-10', 1, 1, 1, 100]);
    const surveys = panels.get('survey_scores');
    expect(surveys?.status).toBe('ok');
    expect(surveys?.data.rows).toContainEqual(['2026-11', 'csat', 2, 50, 1]);
    // head office sees the Shanghai complaint too
    const hq = (await bank.get('/api/analytics/dashboards', 'hq')).json().panels as {
      panel: string;
      data: { rows: unknown[][] };
    }[];
    const all = hq.find((p) => p.panel === 'complaints_trend');
    expect(all?.data.rows.find((r) => r[0] === '2026-11')).toEqual(['2026-11', 3, 1, 0, 0]);
  });
});
