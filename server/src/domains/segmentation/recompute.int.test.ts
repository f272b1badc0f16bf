import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../kernel/clock';
import { queryRows } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { auditLog } from '../audit';
import { customers, emitHoldingsChanged, insertHoldings, recomputeBalances } from '../customers';
import { recomputeAll } from './recompute.service';
import { customerSegmentation, customerStageHistory, customerTierHistory } from './segmentation.tables';
import { type SegmentationBank, startSegmentationBank } from './segmentation.test-support';

// Wednesday 2026-05-20, 10:00 in Shanghai: the business month is 2026-05
const clock = fixedClock('2026-05-20T02:00:00Z');
let bank: SegmentationBank;
const active = { '2026-05': [4, 100_000, 50_000] as [number, number, number] };
const ids: Record<string, string> = {};
let firstRun: Awaited<ReturnType<typeof recomputeAll>>;

const tierFixtures: [string, number][] = [
  ['pb_exact', 600_000_000], // 6,000,000.00 CNY
  ['pb_below', 599_999_999],
  ['wealth_exact', 50_000_000], // 500,000.00
  ['wealth_below', 49_999_999],
  ['vip_exact', 5_000_000], // 50,000.00
  ['vip_below', 4_999_999], // 49,999.99
  ['zero', 0],
];

beforeAll(async () => {
  bank = await startSegmentationBank(clock);
  const grown = { onboardedOn: '2025-06-01' };
  for (const [key, aum] of tierFixtures) {
    ids[key] = (await bank.customer('rm1', { ...grown, aum }, { products: ['demand_deposit'], months: active })).id;
  }
  const c = async (
    key: string,
    set: Parameters<SegmentationBank['customer']>[1],
    extra: Parameters<SegmentationBank['customer']>[2],
  ) => {
    ids[key] = (await bank.customer('rm1', set, extra)).id;
  };
  // prospect: no product, never a transaction
  await c('prospect', { onboardedOn: '2026-05-01', aum: 0 }, {});
  // new: first 90 days (day 89 is new, day 90 is not)
  await c('new_day89', { onboardedOn: '2026-02-20', aum: 1_000_000 }, { products: ['fund'], months: active });
  await c('new_day90', { onboardedOn: '2026-02-19', aum: 1_000_000 }, { products: ['fund'], months: active });
  // dormant: no transaction for more than 6 months (last in 2025-10 is dormant, 2025-11 is not)
  await c(
    'dormant',
    { onboardedOn: '2023-01-01', aum: 1_000_000 },
    { products: ['time_deposit'], months: { '2025-10': [3, 1, 1] } },
  );
  await c(
    'not_dormant',
    { onboardedOn: '2023-01-01', aum: 1_000_000 },
    { products: ['time_deposit'], months: { '2025-11': [3, 1, 1] } },
  );
  // churned: no transaction for more than 12 months and AUM at most 1,000 CNY
  await c(
    'churned',
    { onboardedOn: '2020-01-01', aum: 100_000 },
    { products: ['demand_deposit'], months: { '2025-04': [1, 1, 1] } },
  );
  await c(
    'churn_rich',
    { onboardedOn: '2020-01-01', aum: 100_001 },
    { products: ['demand_deposit'], months: { '2025-04': [1, 1, 1] } },
  );
  await c(
    'closed',
    { onboardedOn: '2020-01-01', aum: 9_000_000, status: 'closed' },
    { products: ['fund'], months: active },
  );
  // won back: was dormant, transacts again
  await c(
    'won_back',
    { onboardedOn: '2022-01-01', aum: 2_000_000, lifecycleStage: 'dormant' },
    { products: ['fund'], months: active },
  );
  // at risk: net outflow over Feb-Apr of 30% of the AUM at the window's start (30% is at risk, just under is not)
  const outflow = (n: number) => ({ ...active, '2026-02': [2, 0, n] as [number, number, number] });
  await c('at_risk', { onboardedOn: '2025-01-01', aum: 7_000_000 }, { products: ['fund'], months: outflow(3_000_000) });
  await c(
    'not_at_risk',
    { onboardedOn: '2025-01-01', aum: 7_000_001 },
    { products: ['fund'], months: outflow(2_999_999) },
  );
  // loyal: 24 months of tenure and 3 products (a day short is growing)
  const three = ['demand_deposit', 'fund', 'insurance'];
  await c('loyal', { onboardedOn: '2024-05-20', aum: 3_000_000 }, { products: three, months: active });
  await c('loyal_day_short', { onboardedOn: '2024-05-21', aum: 3_000_000 }, { products: three, months: active });
  await c(
    'loyal_two_products',
    { onboardedOn: '2020-05-21', aum: 3_000_000 },
    { products: three.slice(0, 2), months: active },
  );
  firstRun = await recomputeAll(bank.seg);
}, 180_000);
afterAll(async () => {
  await bank.close();
});

const stageOf = async (key: string) => (await bank.row(ids[key] as string)).lifecycleStage;
const tierOf = async (key: string) => (await bank.row(ids[key] as string)).tier;

describe('value tiers (configurable AUM thresholds, defaults 6,000,000 / 500,000 / 50,000 CNY)', () => {
  it('puts each threshold exactly in its tier and one fen below in the tier under it', async () => {
    expect(await tierOf('pb_exact')).toBe('private_banking');
    expect(await tierOf('pb_below')).toBe('wealth');
    expect(await tierOf('wealth_exact')).toBe('wealth');
    expect(await tierOf('wealth_below')).toBe('vip');
    expect(await tierOf('vip_exact')).toBe('vip');
    expect(await tierOf('vip_below')).toBe('mass');
    expect(await tierOf('zero')).toBe('mass');
  });

  it('writes a tier history row with from, to, the AUM, the rule and the trigger', async () => {
    const h = await bank.deps.db
      .select()
      .from(customerTierHistory)
      .where(eq(customerTierHistory.customerId, ids.vip_exact as string));
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({
      fromTier: 'mass',
      toTier: 'vip',
      aum: 5_000_000,
      trigger: 'nightly',
      reason: 'aum >= 5000000 (vip)',
    });
    expect(h[0]?.changedAt.toISOString()).toBe('2026-05-20T02:00:00.000Z');
    // mass to mass is no change and leaves no history
    expect(
      await bank.deps.db
        .select()
        .from(customerTierHistory)
        .where(eq(customerTierHistory.customerId, ids.vip_below as string)),
    ).toHaveLength(0);
  });

  it('follows the thresholds in configuration', async () => {
    const deps = { ...bank.seg, config: { ...bank.seg.config, tierThresholds: [{ tier: 'vip', minAum: 4_000_000 }] } };
    await recomputeAll(deps);
    expect(await tierOf('vip_below')).toBe('vip');
    expect(await tierOf('pb_exact')).toBe('vip');
    await recomputeAll(bank.seg);
    expect(await tierOf('pb_exact')).toBe('private_banking');
    expect(await tierOf('vip_below')).toBe('mass');
  });
});

describe('lifecycle stages (rules from tenure, activity recency, AUM trend and product count)', () => {
  it('classifies the fixtures at the boundaries of every rule', async () => {
    const expected: Record<string, string> = {
      prospect: 'prospect',
      new_day89: 'new',
      new_day90: 'growing',
      dormant: 'dormant',
      not_dormant: 'growing',
      churned: 'churned',
      churn_rich: 'dormant',
      closed: 'churned',
      won_back: 'won_back',
      at_risk: 'at_risk',
      not_at_risk: 'growing',
      loyal: 'loyal',
      loyal_day_short: 'growing',
      loyal_two_products: 'growing',
    };
    const got: Record<string, string> = {};
    for (const key of Object.keys(expected)) got[key] = await stageOf(key);
    expect(got).toEqual(expected);
  });

  it('stores every transition with its reason', async () => {
    const h = await bank.deps.db
      .select()
      .from(customerStageHistory)
      .where(eq(customerStageHistory.customerId, ids.won_back as string));
    expect(h.map((x) => [x.fromStage, x.toStage, x.reason, x.trigger])).toEqual([
      ['dormant', 'won_back', 'reactivated', 'nightly'],
    ]);
    const d = await bank.deps.db
      .select()
      .from(customerStageHistory)
      .where(eq(customerStageHistory.customerId, ids.dormant as string));
    expect(d.map((x) => [x.fromStage, x.toStage, x.reason])).toEqual([['new', 'dormant', 'no_activity']]);
  });

  it('is idempotent: a second run on the same day changes nothing and writes one audit record per batch', async () => {
    const again = await recomputeAll(bank.seg);
    expect(again.tierChanges + again.stageChanges).toBe(0);
    expect(again.scanned).toBe(firstRun.scanned);
    // RFM: every active customer scored again, no row written (unchanged scores are skipped)
    expect(firstRun.rfmChanged).toBeGreaterThan(0);
    expect(again.rfmScored).toBe(firstRun.rfmScored);
    expect(again.rfmChanged).toBe(0);
    const audits = await bank.deps.db.select().from(auditLog).where(eq(auditLog.action, 'segmentation.recompute'));
    expect(audits.length).toBeGreaterThanOrEqual(again.batches);
  });

  it('leaves fresh planner statistics of the tiers it wrote (segment rules plan on them)', async () => {
    const [stats] = await queryRows<{ seen: string | null }>(
      bank.deps.db,
      sql`select coalesce(most_common_vals::text, '') || coalesce(histogram_bounds::text, '') as seen
            from pg_stats where tablename = 'customers' and attname = 'tier'`,
    );
    // customers are created as mass; vip and wealth exist only once the recompute wrote them
    for (const tier of ['mass', 'vip', 'wealth']) expect(stats?.seen).toContain(tier);
  });

  it('keeps won-back for the configured months, then applies the usual rules', async () => {
    const [st] = await bank.deps.db
      .select()
      .from(customerSegmentation)
      .where(eq(customerSegmentation.customerId, ids.won_back as string));
    expect(st?.stageSince?.toISOString()).toBe('2026-05-20T02:00:00.000Z');
    const later = fixedClock(new Date(clock.now().getTime() + 200 * MS.day));
    await bank.deps.db
      .update(customers)
      .set({ onboardedOn: '2022-01-01' })
      .where(eq(customers.id, ids.won_back as string));
    await bank.deps.db.insert((await import('../customers')).monthlyAggregates).values({
      customerId: ids.won_back as string,
      month: '2026-12',
      txCount: 3,
      inflow: 10,
      outflow: 0,
    });
    const { recomputeCustomers } = await import('./recompute.service');
    await bank.deps.db.transaction((tx) =>
      recomputeCustomers(tx, { ...bank.seg, clock: later }, [ids.won_back as string], 'manual'),
    );
    expect(await stageOf('won_back')).toBe('growing');
  });
});

describe('recompute on holdings change (customer.holdings_changed)', () => {
  it('moves a customer to the tier of their new holdings when the event is delivered, with history and audit', async () => {
    const id = ids.zero as string;
    await bank.dispatch(); // the fixtures' customer.created events first
    await bank.deps.db.transaction(async (tx) => {
      await insertHoldings(tx, [
        {
          id: newId('holding'),
          customerId: id,
          productType: 'wealth',
          productName: '理财',
          balance: 60_000_000,
          updatedAt: clock.now(),
        },
      ]);
      await recomputeBalances(tx, [id], clock.now());
      await emitHoldingsChanged(tx, clock, [id], 'system', 'test');
    });
    expect(await tierOf('zero')).toBe('mass');
    await bank.dispatch();
    expect(await tierOf('zero')).toBe('wealth');
    const h = await bank.deps.db.select().from(customerTierHistory).where(eq(customerTierHistory.customerId, id));
    expect(h.at(-1)).toMatchObject({ fromTier: 'mass', toTier: 'wealth', trigger: 'holdings_changed' });
    const audits = await bank.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, id));
    expect(audits.some((a) => a.action === 'segmentation.recompute')).toBe(true);
  });
});

describe('RFM scores (quintiles 1-5 from monthly aggregates)', () => {
  it('scores recency, frequency and monetary value so the most active get 5 and equal inputs equal scores', async () => {
    const rows = await bank.deps.db.select().from(customerSegmentation);
    const by = new Map(rows.map((r) => [r.customerId, r]));
    const prospect = by.get(ids.prospect as string);
    expect(prospect).toMatchObject({ rfmR: 1, rfmF: 1, rfmM: 1, recencyMonths: null, frequency: 0 });
    const atRisk = by.get(ids.at_risk as string);
    // 2026-05 and 2026-02: 6 transactions, 100,000 + 50,000 + 3,000,000 fen moved, this month
    expect(atRisk).toMatchObject({ recencyMonths: 0, frequency: 6, monetary: 3_150_000, rfmR: 5, rfmM: 5 });
    const dormant = by.get(ids.dormant as string);
    expect(dormant?.recencyMonths).toBe(7);
    expect(dormant?.rfmR).toBeLessThan(atRisk?.rfmR ?? 0);
    // the seven tier fixtures behave the same: same scores
    const same = tierFixtures.slice(0, 6).map(([k]) => by.get(ids[k] as string));
    expect(new Set(same.map((r) => `${r?.rfmR}${r?.rfmF}${r?.rfmM}`)).size).toBe(1);
    for (const r of rows) {
      if (r.rfmR === null) continue;
      for (const s of [r.rfmR, r.rfmF, r.rfmM]) expect(s).toBeGreaterThanOrEqual(1);
      for (const s of [r.rfmR, r.rfmF, r.rfmM]) expect(s).toBeLessThanOrEqual(5);
    }
  });
});
