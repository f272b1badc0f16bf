import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor';
import { localDate } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { auditContext, recordAudit } from '../audit';
import { currentRiskProfile, customerInScope, customerScope } from '../customers';
import { productOrThrow, type RequestMeta } from './catalogue.service';
import type { ProductsDeps } from './products.deps';
import { fieldError, productError } from './products.errors';
import * as repo from './products.repository';
import type { SuitabilityProfileInput } from './products.schema';
import type { ProductRow, SaleChannel } from './products.tables';
import {
  capacityOf,
  evaluateGate,
  type GateCustomer,
  type GatePolicy,
  type GatePurpose,
  type GateResult,
  overridable,
} from './suitability';
import * as gateRepo from './suitability.repository';

export function gatePolicy(deps: Pick<ProductsDeps, 'config'>): GatePolicy {
  return {
    seniorAge: deps.config.seniorAge,
    seniorHighRiskLevel: deps.config.seniorHighRiskLevel,
    investableAmountMaxPercent: deps.config.investableAmountMaxPercent,
  };
}

/** The gate's view of one customer at `now` (archive facts + the risk profile in force, SUIT-05). */
export async function gateCustomer(
  db: DbOrTx,
  customerId: string,
  now: Date,
): Promise<GateCustomer & { personalised: boolean }> {
  const facts = await gateRepo.customerFacts(db, customerId);
  if (!facts) throw productError('products.customer_not_found', 'No such customer');
  const profile = await currentRiskProfile(db, customerId, now);
  return { ...facts, riskStatus: profile.status, riskLevel: profile.level };
}

export type GateInput = {
  customerId: string;
  product: ProductRow;
  amount: number | null;
  channel: SaleChannel | null;
  purpose: GatePurpose;
};

/**
 * THE suitability gate (SUIT-03..10): every path that sells, recommends or
 * targets asks it. Allow or block with coded reasons, checked at the moment
 * of the call with the injected clock. The actor is who asks; scope is
 * checked by the callers that take a customer id from outside.
 */
export async function checkSuitability(
  deps: ProductsDeps,
  db: DbOrTx,
  input: GateInput,
): Promise<GateResult & { overridable: boolean }> {
  const now = deps.clock.now();
  const c = await gateCustomer(db, input.customerId, now);
  const result = evaluateGate(
    c,
    input.product,
    {
      amount: input.amount,
      channel: input.channel,
      purpose: input.purpose,
      now,
      today: localDate(now, deps.config.timeZone),
    },
    gatePolicy(deps),
  );
  return {
    ...result,
    overridable:
      deps.config.suitabilityOverrideEnabled &&
      deps.config.suitabilityOverrideRegimes.includes(input.product.regime) &&
      overridable(result, input.product.regime, c.riskLevel),
  };
}

/** The gate over HTTP: a customer in the actor's scope, a product, an amount and a channel. */
export async function suitabilityFor(
  deps: ProductsDeps,
  actor: Actor,
  productId: string,
  q: { customerId: string; amount?: number | undefined; channel?: SaleChannel | undefined },
) {
  await customerInScope(deps, actor, q.customerId);
  const product = await productOrThrow(deps.db, productId);
  return checkSuitability(deps, deps.db, {
    customerId: q.customerId,
    product,
    amount: q.amount ?? null,
    channel: q.channel ?? null,
    purpose: q.amount === undefined ? 'recommend' : 'sell',
  });
}

/**
 * The set-based gate for campaign audiences: customers (within `customers`,
 * a condition on alias `c`) that may be targeted with the product, that is
 * with no reason at all, warnings included (SUIT-03: no active marketing of
 * unsuitable products; SUIT-08: none of high-risk products to seniors).
 */
export function audienceOptions(deps: ProductsDeps, product: ProductRow, customers: SQL) {
  const now = deps.clock.now();
  return {
    customers,
    products: sql`p.id = ${product.id}`,
    now,
    today: localDate(now, deps.config.timeZone),
    policy: gatePolicy(deps),
    amount: null,
    channel: null,
  };
}

export async function suitableAudience(
  deps: ProductsDeps,
  actor: Actor,
  productId: string,
  q: { tier?: string | undefined; limit: number },
) {
  const product = await productOrThrow(deps.db, productId);
  const scope = customerScope(actor);
  const conds = [sql`c.status = 'active'`];
  if (scope) conds.push(sql`c.id in (select customers.id from customers where ${scope})`);
  if (q.tier) conds.push(sql`c.tier = ${q.tier}`);
  const o = audienceOptions(deps, product, sql.join(conds, sql` and `));
  const [count, sample] = await Promise.all([
    gateRepo.countAudience(deps.db, o),
    gateRepo.audienceIds(deps.db, o, q.limit),
  ]);
  return { count, sample };
}

export async function suitabilityProfile(deps: ProductsDeps, actor: Actor, customerId: string) {
  const c = await customerInScope(deps, actor, customerId);
  const now = deps.clock.now();
  const row = await repo.suitabilityRow(deps.db, customerId);
  const profile = await currentRiskProfile(deps.db, customerId, now);
  const today = localDate(now, deps.config.timeZone);
  return {
    customerId,
    legalCapacity: capacityOf(
      { kind: c.kind, birthDate: c.birthDate, legalCapacity: row?.legalCapacity ?? null },
      today,
    ),
    legalCapacitySource: row?.legalCapacity ? ('recorded' as const) : ('age' as const),
    guardianConsentRef: row?.guardianConsentRef ?? null,
    investableAssets: row?.investableAssets ?? c.aum,
    investableSource:
      row?.investableAssets !== null && row?.investableAssets !== undefined ? ('declared' as const) : ('aum' as const),
    investorClass: row?.investorClass ?? 'ordinary',
    personalisedRecommendations: row?.personalisedRecommendations ?? true,
    riskStatus: profile.status,
    riskLevel: profile.level,
    riskExpiresAt: profile.expiresAt?.toISOString() ?? null,
  };
}

/** Record capacity, guardian consent, investable assets, investor class or the MKT-06 switch; audited. */
export async function setSuitabilityProfile(
  deps: ProductsDeps,
  actor: Actor,
  customerId: string,
  input: SuitabilityProfileInput,
  meta?: RequestMeta,
) {
  if (Object.keys(input).length === 0) throw fieldError('body', 'name at least one field to change');
  await deps.db.transaction(async (tx) => {
    await customerInScope(deps, actor, customerId, { tx, lock: true });
    const row = await repo.suitabilityRow(tx, customerId);
    await repo.upsertSuitability(tx, {
      customerId,
      legalCapacity: input.legalCapacity !== undefined ? input.legalCapacity : (row?.legalCapacity ?? null),
      guardianConsentRef:
        input.guardianConsentRef !== undefined ? input.guardianConsentRef : (row?.guardianConsentRef ?? null),
      investableAssets: input.investableAssets !== undefined ? input.investableAssets : (row?.investableAssets ?? null),
      investorClass: input.investorClass ?? row?.investorClass ?? 'ordinary',
      personalisedRecommendations: input.personalisedRecommendations ?? row?.personalisedRecommendations ?? true,
      updatedBy: actor.userId,
      updatedAt: deps.clock.now(),
    });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'customer.suitability_profile_update',
      subjectType: 'customer',
      subjectId: customerId,
      customerId,
      // field names only: investable assets are C2
      changes: { fields: Object.keys(input) },
    });
  });
  return suitabilityProfile(deps, actor, customerId);
}
