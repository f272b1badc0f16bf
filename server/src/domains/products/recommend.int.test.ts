import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import { auditLog } from '../audit';
import { householdMembers, households } from '../customers';
import { recommendations } from './products.tables';
import { type ProductsBank, startProductsBank } from './products.test-support';
import { nightlyRecommendations } from './recommend.service';

// 2026-03-15, 10:00 in Shanghai
const clock = fixedClock('2026-03-15T02:00:00Z');
let bank: ProductsBank;
beforeAll(async () => {
  bank = await startProductsBank(clock);
});
afterAll(async () => {
  await bank.close();
});

type Reco = {
  productCode: string;
  effectiveRiskLevel: string | null;
  rank: number;
  reasons: { code: string; text: string }[];
  basis: string;
};
const recos = async (customerId: string) => {
  const res = await bank.get(`/api/customers/${customerId}/recommendations`, 'rm1');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { basis: string; items: Reco[] };
};

describe('next-best-product recommendations', () => {
  it('PI-13 explains idle money and a maturing deposit in words, ranked, and SUIT-03 filters out products above C2', async () => {
    const c = await bank.customer({ level: 'C2', aum: 100_000_000 });
    await bank.holding(c.id, { type: 'demand_deposit', name: '活期储蓄', balance: 30_000_000 });
    await bank.holding(c.id, {
      type: 'time_deposit',
      name: '一年期定期存款',
      balance: 20_000_000,
      maturityOn: '2026-04-01',
    });
    const r = await recos(c.id);
    expect(r.basis).toBe('personal');
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.items.length).toBeLessThanOrEqual(5);
    expect(r.items.map((i) => i.rank)).toEqual(r.items.map((_, k) => k + 1));
    for (const i of r.items) expect(['R1', 'R2', null]).toContain(i.effectiveRiskLevel);
    const top = r.items[0] as Reco;
    expect(top.reasons.map((x) => x.code).slice(0, 2)).toEqual(['DEPOSIT_MATURING', 'IDLE_BALANCE']);
    expect(top.reasons[0]?.text).toContain('2026-04-01 到期');
    expect(top.reasons[1]?.text).toContain('活期余额 300,000.00 元');
    // already held: not offered again
    expect(r.items.map((i) => i.productCode)).not.toContain('TD-012M');
  });

  it('recommends protection to a parent with a child and no insurance', async () => {
    const parent = await bank.customer({ level: 'C3' });
    const child = await bank.customer({ birthDate: '2015-01-01' });
    const hh = `hh_${newId('household').slice(3)}`;
    await bank.deps.db
      .insert(households)
      .values({ id: hh, name: '测试家', createdAt: clock.now(), updatedAt: clock.now() });
    await bank.deps.db.insert(householdMembers).values([
      { householdId: hh, customerId: parent.id, role: 'head', joinedAt: clock.now() },
      { householdId: hh, customerId: child.id, role: 'child', joinedAt: clock.now() },
    ]);
    const r = await recos(parent.id);
    const protection = r.items.filter((i) => i.reasons.some((x) => x.code === 'PROTECTION_GAP'));
    expect(protection.map((i) => i.productCode)).toEqual(expect.arrayContaining(['INS-CI', 'INS-TERM']));
    for (const i of protection) expect(i.productCode).toMatch(/^INS-/);
  });

  it('MKT-06 with personalisation off only featured products come back, basis NON_PERSONAL, still suitability-filtered', async () => {
    const c = await bank.customer({ level: 'C1' });
    await bank.holding(c.id, { type: 'demand_deposit', name: '活期储蓄', balance: 30_000_000 });
    await bank.send('PUT', `/api/customers/${c.id}/suitability-profile`, 'rm1', { personalisedRecommendations: false });
    const r = await recos(c.id);
    expect(r.basis).toBe('non_personal');
    expect(r.items.length).toBeGreaterThan(0);
    for (const i of r.items) {
      expect(i.basis).toBe('non_personal');
      expect(i.reasons.map((x) => x.code)).toEqual(['FEATURED']);
      expect(['R1', null]).toContain(i.effectiveRiskLevel);
    }
  });

  it('a dismissal with reason is audited and suppresses the product for the configured 90 days', async () => {
    const c = await bank.customer({ level: 'C2' });
    await bank.holding(c.id, { type: 'demand_deposit', name: '活期储蓄', balance: 30_000_000 });
    const first = (await recos(c.id)).items[0] as Reco;
    const productId = `prd_seed_${first.productCode.toLowerCase().replace(/-/g, '_')}`;
    const d = await bank.send('POST', `/api/customers/${c.id}/recommendations/${productId}/dismiss`, 'rm1', {
      reason: '客户已在他行购买',
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(new Date(d.json().suppressedUntil).getTime() - clock.now().getTime()).toBe(90 * MS.day);
    expect((await recos(c.id)).items.map((i) => i.productCode)).not.toContain(first.productCode);
    const audit = await bank.deps.db.select().from(auditLog).where(eq(auditLog.action, 'recommendation.dismiss'));
    expect(audit.at(-1)).toMatchObject({ customerId: c.id, reason: '客户已在他行购买' });
    await bank.at(new Date(clock.now().getTime() + 91 * MS.day).toISOString());
    expect((await recos(c.id)).items.map((i) => i.productCode)).toContain(first.productCode);
    await bank.at('2026-03-15T02:00:00Z');
  });

  it('the nightly batch writes the same recommendations as on demand, for every active customer, and the workbench lists them', async () => {
    const c = await bank.customer({ level: 'C2' });
    await bank.holding(c.id, { type: 'demand_deposit', name: '活期储蓄', balance: 30_000_000 });
    // the nightly run refreshes the peer shares both forms read
    await nightlyRecommendations(bank.products);
    const onDemand = (await recos(c.id)).items.map((i) => [i.productCode, i.rank]);
    await bank.deps.db.delete(recommendations);
    const run = await nightlyRecommendations(bank.products, { batchSize: 3 });
    expect(run.customers).toBeGreaterThanOrEqual(5);
    expect(run.rows).toBeGreaterThan(0);
    const stored = await bank.deps.db.select().from(recommendations).where(eq(recommendations.customerId, c.id));
    expect(
      stored
        .sort((a, b) => a.rank - b.rank)
        .map((r) => [r.productId.replace('prd_seed_', '').toUpperCase().replace(/_/g, '-'), r.rank]),
    ).toEqual(onDemand);
    const wb = await bank.get('/api/recommendations?limit=50', 'rm1');
    expect(wb.statusCode).toBe(200);
    expect(wb.json().items.some((i: { customerId: string }) => i.customerId === c.id)).toBe(true);
    // another RM's book shows none of rm1's customers (DS-05)
    expect((await bank.get('/api/recommendations', 'rm3')).json().items).toEqual([]);
  });
});
