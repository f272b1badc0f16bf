import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, localDate, MS } from '../../kernel/clock';
import { customers } from '../customers';
import { productOrThrow } from './catalogue.service';
import { catalogueCn } from './catalogue-cn';
import * as repo from './products.repository';
import { insertAssessment, type ProductsBank, startProductsBank } from './products.test-support';
import { gatePairs } from './suitability.repository';
import { checkSuitability, gatePolicy } from './suitability.service';

// 2026-03-15, 10:00 in Shanghai
const clock = fixedClock('2026-03-15T02:00:00Z');
let bank: ProductsBank;
beforeAll(async () => {
  bank = await startProductsBank(clock);
});
afterAll(async () => {
  await bank.close();
});

const rank = (l: string) => Number(l.slice(1));
const risk = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({
    kind: fc.constant('valid' as const),
    level: fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5'),
    daysAgo: fc.integer({ min: 0, max: 360 }),
  }),
  fc.record({
    kind: fc.constant('expired' as const),
    level: fc.constantFrom('C1', 'C3', 'C5'),
    daysAgo: fc.integer({ min: 370, max: 700 }),
  }),
  fc.record({ kind: fc.constant('pending' as const), level: fc.constantFrom('C2', 'C4') }),
  fc.record({ kind: fc.constant('invalidated' as const), level: fc.constantFrom('C3', 'C5') }),
);
const customerArb = fc.record({
  age: fc.integer({ min: 5, max: 90 }),
  risk,
  capacity: fc.constantFrom(null, null, 'full', 'limited', 'none'),
  consent: fc.boolean(),
  aumYuan: fc.integer({ min: 0, max: 5_000_000 }),
  idleYuan: fc.constantFrom(0, 80_000, 300_000),
  personalised: fc.boolean(),
  amountYuan: fc.integer({ min: 1, max: 2_000_000 }),
  channel: fc.constantFrom('branch', 'online_banking', 'mobile_banking', 'telephone'),
});

const codes = catalogueCn.map((p) => p.code);

type Drawn = typeof customerArb extends fc.Arbitrary<infer T> ? T : never;

async function makeCustomer(x: Drawn) {
  const now = clock.now();
  const birth = new Date(now.getTime() - x.age * 365.25 * MS.day - 40 * MS.day).toISOString().slice(0, 10);
  const c = await bank.customer({ birthDate: birth, aum: x.aumYuan * 100 });
  const day = (d: number) => new Date(now.getTime() - d * MS.day).toISOString();
  if (x.risk.kind === 'valid' || x.risk.kind === 'expired') {
    await insertAssessment(bank.deps.db, c.id, { level: x.risk.level, assessedAt: day(x.risk.daysAgo) });
  } else if (x.risk.kind === 'pending') {
    await insertAssessment(bank.deps.db, c.id, {
      level: x.risk.level,
      assessedAt: day(1),
      status: 'pending_reconfirmation',
    });
  } else if (x.risk.kind === 'invalidated') {
    await insertAssessment(bank.deps.db, c.id, { level: x.risk.level, assessedAt: day(30), status: 'invalidated' });
  }
  if (x.capacity || x.consent || !x.personalised) {
    await bank.send('PUT', `/api/customers/${c.id}/suitability-profile`, 'rm1', {
      ...(x.capacity ? { legalCapacity: x.capacity } : {}),
      ...(x.consent ? { guardianConsentRef: 'GC-1' } : {}),
      personalisedRecommendations: x.personalised,
    });
  }
  if (x.idleYuan > 0) await bank.holding(c.id, { type: 'demand_deposit', name: '活期储蓄', balance: x.idleYuan * 100 });
  return c.id;
}

/** The level in force, or null when no valid assessment applies. */
function validLevel(x: { risk: { kind: string; level?: string } }): string | null {
  return x.risk.kind === 'valid' ? (x.risk.level ?? null) : null;
}

describe('the suitability gate, single and set-based', () => {
  it('SUIT-03 SUIT-05 property: no recommendation, audience or sale lets through a product riskier than the valid assessment (override off)', async () => {
    await fc.assert(
      fc.asyncProperty(customerArb, fc.constantFrom(...codes), async (x, code) => {
        const customerId = await makeCustomer(x);
        const level = validLevel(x);
        const tooRisky = (r: string | null) => r !== null && (level === null || rank(r) > rank(level));
        // recommendations (on demand; the nightly batch runs the same statement)
        const res = await bank.get(`/api/customers/${customerId}/recommendations`, 'rm1');
        expect(res.statusCode, res.body).toBe(200);
        const recos = res.json() as {
          basis: string;
          items: { productCode: string; effectiveRiskLevel: string | null; reasons: { code: string }[] }[];
        };
        if (!x.personalised) expect(recos.basis).toBe('non_personal');
        for (const r of recos.items) expect(tooRisky(r.effectiveRiskLevel), `${r.productCode} recommended`).toBe(false);
        if (!x.personalised) for (const r of recos.items) expect(r.reasons.map((y) => y.code)).toEqual(['FEATURED']);
        // the audience query for every product
        const now = clock.now();
        const pairs = await gatePairs(bank.deps.db, {
          customers: sql`c.id = ${customerId}`,
          products: sql`true`,
          now,
          today: localDate(now, bank.products.config.timeZone),
          policy: gatePolicy(bank.products),
          amount: null,
          channel: null,
        });
        const all = await repo.listProducts(bank.deps.db, {});
        const byId = new Map(all.map((p) => [p.id, p]));
        for (const g of pairs) {
          const p = byId.get(g.product_id);
          if (g.blocks.length === 0 && g.warnings.length === 0)
            expect(tooRisky(p?.effectiveRiskLevel ?? null)).toBe(false);
        }
        // a sale of the drawn product: the single gate and the set-based gate agree, and the API refuses a risky one
        const product = await productOrThrow(bank.deps.db, code);
        const amount = x.amountYuan * 100;
        const single = await checkSuitability(bank.products, bank.deps.db, {
          customerId,
          product,
          amount,
          channel: x.channel as 'branch',
          purpose: 'sell',
        });
        const [set] = await gatePairs(bank.deps.db, {
          customers: sql`c.id = ${customerId}`,
          products: sql`p.id = ${product.id}`,
          now,
          today: localDate(now, bank.products.config.timeZone),
          policy: gatePolicy(bank.products),
          amount,
          channel: x.channel,
        });
        const singleCodes = single.reasons.map((r) => r.code).sort();
        expect([...(set?.blocks ?? []), ...(set?.warnings ?? [])].sort()).toEqual(singleCodes);
        const sale = await bank.send('POST', '/api/sales', 'rm1', {
          customerId,
          productId: product.id,
          amount,
          channel: x.channel,
        });
        if (tooRisky(product.effectiveRiskLevel)) expect(sale.statusCode).toBe(422);
        if (sale.statusCode === 201) expect(single.decision).toBe('allow');
      }),
      { numRuns: 30, seed: 20261202 },
    );
  }, 240_000);

  it('SUIT-05 a customer row marked with a stale risk level does not fool either form: the assessment decides', async () => {
    const c = await bank.customer({ level: 'C5', assessedAt: '2024-01-01T02:00:00Z' });
    await bank.deps.db.update(customers).set({ riskLevel: 'C5' }).where(eq(customers.id, c.id));
    const product = await productOrThrow(bank.deps.db, 'FD-TECH');
    const g = await checkSuitability(bank.products, bank.deps.db, {
      customerId: c.id,
      product,
      amount: 100_000,
      channel: 'branch',
      purpose: 'sell',
    });
    expect(g.reasons.map((r) => r.code)).toEqual(['ASSESSMENT_EXPIRED']);
  });
});
