import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, insertHoldings } from '../customers';
import { type AnalyticsBank, seedHistory, startAnalyticsBank } from './analytics.test-support';
import { resolveDataRoot } from './model';
import { propensityDrop, propensityRecord, rankAudience, trainPropensityModel } from './propensity';

const dataRoot = resolveDataRoot({
  env: process.env.BANYAN_SHARED_DATA ?? '/work/shared/data',
  repoRoot: path.resolve('..'),
});
let bank: AnalyticsBank;

beforeAll(async () => {
  bank = await startAnalyticsBank();
  await seedHistory(bank, 30, 3);
}, 180_000);
afterAll(async () => {
  await bank.close();
});

describe('response propensity (UCI bank-marketing style campaign history)', () => {
  it('refuses to rank before a model exists', async () => {
    await expect(rankAudience(bank.an, ['cus_hist000001'])).rejects.toMatchObject({ code: 'analytics.no_model' });
  });

  it('trains on customer-level columns only, with a hold-out AUC above chance', async () => {
    const m = await trainPropensityModel(bank.an, 'system', { dataRoot, maxRows: 12_000 });
    expect(m.kind).toBe('propensity');
    for (const dropped of propensityDrop) expect(m.features).not.toContain(dropped);
    expect(m.features).toEqual(expect.arrayContaining(['age', 'job', 'education', 'housing', 'loan']));
    expect(m.metrics.holdoutAuc).toBeGreaterThan(0.6);
  }, 120_000);

  it('ranks an audience highest first and scores students and retirees above blue-collar workers, as the data says', async () => {
    const ids = ['cus_hist000001', 'cus_hist000002', 'cus_hist000003'];
    await bank.deps.db
      .update(customers)
      .set({ occupation: '学生', birthDate: '2004-05-01' })
      .where(eq(customers.id, ids[0] as string));
    await bank.deps.db
      .update(customers)
      .set({ occupation: '退休', birthDate: '1950-05-01' })
      .where(eq(customers.id, ids[1] as string));
    await bank.deps.db
      .update(customers)
      .set({ occupation: '工人', birthDate: '1985-05-01' })
      .where(eq(customers.id, ids[2] as string));
    await insertHoldings(bank.deps.db, [
      {
        id: 'hld_mortgage',
        customerId: ids[2] as string,
        productType: 'loan',
        productName: '个人住房按揭贷款',
        balance: 100,
        status: 'active',
        updatedAt: new Date(),
      },
    ]);
    const ranked = await rankAudience(bank.an, ids);
    expect(ranked).toHaveLength(3);
    for (let i = 1; i < ranked.length; i++)
      expect(ranked[i]?.score).toBeLessThanOrEqual(ranked[i - 1]?.score as number);
    expect(ranked.at(-1)?.customerId).toBe(ids[2]);
  });

  it('maps CRM fields to the model record and leaves unknown ones missing', () => {
    expect(
      propensityRecord(
        { birthDate: '1980-01-01', occupation: '占卜师', education: '本科' },
        { mortgage: true, personal: false },
        '2026-11-30',
      ),
    ).toEqual({ age: 46, job: null, education: 'university.degree', housing: 'yes', loan: 'no' });
  });
});
