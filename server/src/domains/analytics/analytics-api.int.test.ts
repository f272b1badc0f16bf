import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../customers';
import { type AnalyticsBank, type HistoryCustomer, seedHistory, startAnalyticsBank } from './analytics.test-support';
import { scoreAllCustomers } from './churn-scoring.service';
import { trainChurnModel } from './churn-training.service';
import { registerScorecardSource } from './ports';
import { snapshotScorecards } from './scorecard.service';

let bank: AnalyticsBank;
let hist: HistoryCustomer[];

beforeAll(async () => {
  bank = await startAnalyticsBank();
  hist = await seedHistory(bank, 300, 11);
  await trainChurnModel(bank.an, 'system');
  await scoreAllCustomers(bank.an);
}, 240_000);
afterAll(async () => {
  await bank.close();
});

type Warn = {
  items: { customerId: string; rmId: string; score: number; band: string; reasons: unknown[] }[];
  nextCursor: string | null;
};

describe('churn risk on the 360 page and the early-warning list (data scope)', () => {
  it('shows an RM the score, band and reasons of a customer in their book, and 404 for another book', async () => {
    const mine = hist.find((h) => h.rmId === bank.staff.rm1) as HistoryCustomer;
    const res = await bank.get(`/api/customers/${mine.id}/churn`, 'rm1');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.score.modelVersion).toBe(1);
    expect(['high', 'medium', 'low']).toContain(body.score.band);
    expect((await bank.get(`/api/customers/${mine.id}/churn`, 'rm3')).statusCode).toBe(404);
  });

  it("lists only the RM's own book, highest score first, keyset-paginated without gaps or repeats", async () => {
    const seen: Warn['items'] = [];
    let cursor: string | null = null;
    do {
      const res = await bank.get(`/api/analytics/churn/warnings?limit=7${cursor ? `&cursor=${cursor}` : ''}`, 'rm1');
      expect(res.statusCode).toBe(200);
      const page = res.json() as Warn;
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThan(7);
    expect(new Set(seen.map((s) => s.customerId)).size).toBe(seen.length);
    for (const s of seen) {
      expect(s.rmId).toBe(bank.staff.rm1);
      expect((s as { rmName?: string }).rmName).toEqual(expect.any(String));
      expect(s.band).not.toBe('low');
      expect(s.reasons.length).toBeGreaterThan(0);
    }
    for (let i = 1; i < seen.length; i++)
      expect((seen[i] as Warn['items'][0]).score).toBeLessThanOrEqual((seen[i - 1] as Warn['items'][0]).score);
    const all = (await bank.get('/api/analytics/churn/warnings?limit=200', 'hq')).json() as Warn;
    const rm1Risky = all.items.filter((x) => x.rmId === bank.staff.rm1);
    expect(rm1Risky.length).toBe(seen.length);
  });

  it('rejects a bad band and a forged cursor naming the field', async () => {
    const bad = await bank.get('/api/analytics/churn/warnings?band=extreme', 'rm1');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/band/);
    const forged = await bank.get('/api/analytics/churn/warnings?cursor=bm90LWEtY3Vyc29y', 'rm1');
    expect(forged.statusCode).toBe(400);
  });
});

describe('leaving, churn reason capture and win-back', () => {
  it('records the reason, moves the customer to churned, lists them for win-back, then won back', async () => {
    const c = hist.find((h) => h.rmId === bank.staff.rm2) as HistoryCustomer;
    const bad = await bank.send('POST', `/api/customers/${c.id}/churn-events`, 'rm2', {
      leftOn: '2026-11-20',
      reason: 'weather',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/reason/);
    const future = await bank.send('POST', `/api/customers/${c.id}/churn-events`, 'rm2', {
      leftOn: '2027-01-01',
      reason: 'rates',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.field).toBe('leftOn');
    const other = await bank.send('POST', `/api/customers/${c.id}/churn-events`, 'rm3', {
      leftOn: '2026-11-20',
      reason: 'rates',
    });
    expect(other.statusCode).toBe(404);

    const made = await bank.send('POST', `/api/customers/${c.id}/churn-events`, 'rm2', {
      leftOn: '2026-11-20',
      reason: 'competitor_offer',
      notes: '他行三年期存款利率更高',
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ reason: 'competitor_offer', rmId: bank.staff.rm2, wonBackOn: null });
    expect(made.json().scoreAtExit).toEqual(expect.any(Number));
    const [row] = await bank.deps.db.select().from(customers).where(eq(customers.id, c.id));
    expect(row?.lifecycleStage).toBe('churned');
    const twice = await bank.send('POST', `/api/customers/${c.id}/churn-events`, 'rm2', {
      leftOn: '2026-11-21',
      reason: 'fees',
    });
    expect(twice.statusCode).toBe(409);

    const winBack = (await bank.get('/api/analytics/churn/left', 'rm2')).json();
    expect(winBack.items.map((i: { customerId: string }) => i.customerId)).toContain(c.id);
    expect((await bank.get('/api/analytics/churn/left', 'rm3')).json().items).toHaveLength(0);

    const early = await bank.send('POST', `/api/customers/${c.id}/churn-events/won-back`, 'rm2', {
      wonBackOn: '2026-11-01',
    });
    expect(early.statusCode).toBe(400);
    const back = await bank.send('POST', `/api/customers/${c.id}/churn-events/won-back`, 'rm2', {
      wonBackOn: '2026-11-28',
    });
    expect(back.statusCode).toBe(200);
    const [after] = await bank.deps.db.select().from(customers).where(eq(customers.id, c.id));
    expect(after?.lifecycleStage).toBe('won_back');
    expect((await bank.get('/api/analytics/churn/left', 'rm2')).json().items).toHaveLength(0);
    const wonBack = (await bank.get('/api/analytics/churn/left?wonBack=true', 'rm2')).json();
    expect(wonBack.items[0]).toMatchObject({ customerId: c.id, wonBackOn: '2026-11-28', reason: 'competitor_offer' });
    const view = (await bank.get(`/api/customers/${c.id}/churn`, 'rm2')).json();
    expect(view.events).toHaveLength(1);
  });
});

describe('balanced RM scorecard (PERF-01..04) and dashboards', () => {
  it('snapshots every RM with service and retention from CRM data, domains without activity as no data, ranked in the unit', async () => {
    const r = await snapshotScorecards(bank.an, '2026-11');
    expect(r.rms).toBe(3);
    const board = (await bank.get('/api/analytics/scorecards?month=2026-11', 'hq')).json();
    expect(board.items).toHaveLength(3);
    for (const it of board.items) {
      expect(it.components.service).toEqual(expect.any(Number));
      // the real ports (domain-ports.ts): net new AUM counts as sales; no complaint this month scores 100;
      // no survey answer and no sale proposed leave satisfaction and compliance without data
      expect(it.components.sales).toEqual(expect.any(Number));
      expect(it.components.complaints).toBe(100);
      expect(it.components.satisfaction).toBeNull();
      expect(it.components.compliance).toBeNull();
      expect(it.measures.weightCovered).toBe(75);
    }
    const bj = board.items.filter((i: { unitId: string }) => i.unitId === bank.org.bj01);
    expect(bj.map((i: { rankInUnit: number }) => i.rankInUnit).sort()).toEqual([1, 2]);
    expect(bj.find((i: { rankInUnit: number }) => i.rankInUnit === 1).total).toBeGreaterThanOrEqual(
      bj.find((i: { rankInUnit: number }) => i.rankInUnit === 2).total,
    );
    // a branch manager of BJ sees BJ01's RMs only
    const bm = (await bank.get('/api/analytics/scorecards?month=2026-11', 'bm')).json();
    expect(bm.items.map((i: { unitId: string }) => i.unitId)).toEqual([bank.org.bj01, bank.org.bj01]);
  });

  it('a wired port fills its component and the total moves with it; the trend lists months oldest first', async () => {
    registerScorecardSource({
      component: 'complaints',
      measure: async (_db, rmIds) =>
        new Map(rmIds.map((id) => [id, { score: id === bank.staff.rm1 ? 100 : 0, measures: { upheld: 0 } }])),
    });
    await snapshotScorecards(bank.an, '2026-10');
    await snapshotScorecards(bank.an, '2026-11');
    const trend = (await bank.get(`/api/analytics/scorecards/${bank.staff.rm1}/trend`, 'hq')).json();
    expect(trend.items.map((i: { month: string }) => i.month)).toEqual(['2026-10', '2026-11']);
    expect(trend.items[1].components.complaints).toBe(100);
    expect(trend.items[1].measures.weightCovered).toBe(75);
    const rm2 = (await bank.get(`/api/analytics/scorecards/${bank.staff.rm2}/trend`, 'hq')).json();
    expect(rm2.items[1].components.complaints).toBe(0);
  });

  it('serves the dashboard panels for the scope, with no_data panels for domains without rows', async () => {
    const res = await bank.get('/api/analytics/dashboards', 'bm');
    expect(res.statusCode).toBe(200);
    const panels = new Map(res.json().panels.map((p: { panel: string }) => [p.panel, p]));
    const aum = panels.get('aum_by_tier_branch') as { status: string; data: { rows: unknown[][] } };
    expect(aum.status).toBe('ok');
    expect(aum.data.rows.every((r) => r[0] === '北京海淀支行')).toBe(true);
    const dist = panels.get('churn_distribution') as { data: { rows: [string, number][] } };
    expect(dist.data.rows.reduce((n, r) => n + r[1], 0)).toBe(hist.filter((h) => h.unitId === bank.org.bj01).length);
    expect(panels.get('complaints_trend')).toMatchObject({ status: 'no_data' });
    expect(panels.get('campaign_lift')).toMatchObject({ status: 'no_data' });
    expect(panels.get('survey_scores')).toMatchObject({ status: 'no_data' });
    // an RM's dashboards cover their own book only
    const mine = (await bank.get('/api/analytics/dashboards', 'rm1')).json();
    const rmAum = mine.panels.find((p: { panel: string }) => p.panel === 'aum_by_tier_branch');
    const count = rmAum.data.rows.reduce((n: number, r: unknown[]) => n + (r[2] as number), 0);
    expect(count).toBe(hist.filter((h) => h.rmId === bank.staff.rm1).length);
  });
});
