import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../engagement';
import { churnBandSnapshots, churnScores } from './analytics.tables';
import { type AnalyticsBank, type HistoryCustomer, seedHistory, startAnalyticsBank } from './analytics.test-support';
import { latestModel } from './churn.repository';
import { featureBatch } from './churn-features.repository';
import { scoreAllCustomers } from './churn-scoring.service';
import { trainChurnModel } from './churn-training.service';

let bank: AnalyticsBank;
let hist: HistoryCustomer[];

beforeAll(async () => {
  bank = await startAnalyticsBank();
  hist = await seedHistory(bank, 600);
}, 180_000);
afterAll(async () => {
  await bank.close();
});

describe('churn definition and features', () => {
  it('labels a customer who moved 90% of assets out within the horizon as churned (rule aum_drop)', async () => {
    const rows = await featureBatch(bank.an.db, {
      asOf: '2026-08-30',
      after: '',
      limit: 10_000,
      active: false,
      label: { horizonMonths: 3, rules: ['aum_drop'], aumDropPercent: 50 },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const leavers = hist.filter((h) => h.leftMonth && h.leftMonth >= '2026-08' && h.leftMonth <= '2026-10');
    const stayers = hist.filter((h) => !h.leftMonth);
    expect(leavers.length).toBeGreaterThan(10);
    const leaverLabels = leavers.map((h) => byId.get(h.id)?.churned);
    expect(leaverLabels.filter(Boolean).length).toBe(leavers.length);
    expect(stayers.filter((h) => byId.get(h.id)?.churned).length).toBe(0);
  });

  it('with only the all_closed rule, an AUM drop alone is not churn', async () => {
    const rows = await featureBatch(bank.an.db, {
      asOf: '2026-08-30',
      after: '',
      limit: 10_000,
      active: false,
      label: { horizonMonths: 3, rules: ['all_closed'], aumDropPercent: 50 },
    });
    expect(rows.filter((r) => r.churned).length).toBe(0);
  });

  it('extracts recency, frequency and AUM trend as of a past date without reading later months', async () => {
    const at = hist.findIndex((h, i) => i > 0 && h.leftMonth === '2026-10');
    const leaver = hist[at] as HistoryCustomer;
    const [row] = await featureBatch(bank.an.db, {
      asOf: '2026-10-01',
      after: hist[at - 1]?.id ?? '',
      limit: 1,
      active: false,
    });
    expect(row?.id).toBe(leaver.id);
    // declining for three months before leaving: few transactions, no recent contact
    expect(row?.tx_3m).toBeLessThan(20);
    expect(row?.days_since_contact === null || (row?.days_since_contact ?? 0) > 100).toBe(true);
    expect(row?.aum_yuan).toBeGreaterThan(0);
  });
});

describe('training on history with a time-ordered split, nightly scoring, playbook', () => {
  it('stores a model version with its window, validation metrics and feature list', async () => {
    const m = await trainChurnModel(bank.an, 'system');
    expect(m.version).toBe(1);
    expect(m.windowFrom).toBe('2026-08-30');
    expect(m.windowTo).toBe('2026-11-30');
    expect(m.features).toContain('days_since_contact');
    // the signal is planted: validation on the later window must find it
    expect(m.metrics.validationAuc).toBeGreaterThan(0.8);
    const again = await trainChurnModel(bank.an, 'system');
    expect(again.version).toBe(2);
    expect((await latestModel(bank.an.db, 'churn'))?.id).toBe(again.id);
  });

  it('scores every active customer in batches, bands them, stores reasons in words, snapshots the trend', async () => {
    const r = await scoreAllCustomers({ ...bank.an, config: { ...bank.an.config, churnScoringBatch: 100 } });
    const active = 600;
    expect(r.scored).toBe(active);
    expect(r.bands.high + r.bands.medium + r.bands.low).toBe(active);
    const rows = await bank.an.db.select().from(churnScores);
    expect(rows).toHaveLength(active);
    const risky = rows.filter((s) => s.band !== 'low');
    expect(risky.length).toBeGreaterThan(0);
    for (const s of risky) {
      expect(s.reasons.length).toBeGreaterThan(0);
      expect(s.reasons[0]?.zh).toMatch(/使流失风险上升/);
    }
    for (const s of rows.filter((x) => x.band === 'low')) expect(s.reasons).toEqual([]);
    const snap = await bank.an.db.select().from(churnBandSnapshots);
    expect(snap.reduce((n, x) => n + x.customers, 0)).toBe(active);
  });

  it('turns a rise into a playbook band into exactly one retention task with suggested actions', async () => {
    await bank.dispatch();
    const made = await bank.deps.db.select().from(tasks).where(eq(tasks.kind, 'churn_retention'));
    const high = await bank.an.db.select().from(churnScores).where(eq(churnScores.band, 'high'));
    const medium = await bank.an.db.select().from(churnScores).where(eq(churnScores.band, 'medium'));
    expect(made).toHaveLength(high.length + medium.length);
    const one = made.find((t) => t.customerId === high[0]?.customerId);
    expect(one).toMatchObject({ priority: 'high', sourceDomain: 'analytics', sourceType: 'churn_risk' });
    expect(one?.description).toMatch(/建议：/);
    // the next night: same bands, no second task
    const r2 = await scoreAllCustomers(bank.an);
    expect(r2.tasksRequested).toBe(0);
    await bank.dispatch();
    const after = await bank.deps.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.kind, 'churn_retention')));
    expect(after).toHaveLength(made.length);
  }, 120_000);
});
