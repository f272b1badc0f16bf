import { sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor';
import { localDate, MS } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import { auditContext, recordAudit } from '../audit';
import { customerInScope, customerScope, maskedName } from '../customers';
import { productOrThrow, type RequestMeta } from './catalogue.service';
import type { ProductsDeps } from './products.deps';
import * as repo from './recommend.repository';
import * as factsRepo from './suitability.repository';
import { gatePolicy } from './suitability.service';

export function recoOptions(deps: ProductsDeps): repo.RecoOptions {
  const now = deps.clock.now();
  return {
    now,
    today: localDate(now, deps.config.timeZone),
    policy: gatePolicy(deps),
    idleBalanceFen: deps.config.recoIdleBalanceYuan * 100,
    maturityDays: deps.config.recoMaturityDays,
    peerMinPercent: deps.config.recoPeerMinPercent,
    maxPerCustomer: deps.config.recoMaxPerCustomer,
  };
}

function view(r: repo.RecoRow) {
  return {
    productId: r.product_id,
    productCode: r.code,
    productName: r.name,
    productType: r.type as never,
    effectiveRiskLevel: r.effective_risk_level as never,
    rank: Number(r.rank),
    score: Number(r.score),
    reasons: r.reasons,
    basis: r.basis,
    generatedAt: new Date(r.generated_at).toISOString(),
  };
}

/**
 * On demand for one customer in the actor's scope: recompute (the same
 * statement as the nightly batch) and return them, best first, with reasons.
 */
export async function recommendFor(deps: ProductsDeps, actor: Actor, customerId: string) {
  await customerInScope(deps, actor, customerId);
  const o = recoOptions(deps);
  const [rows, facts] = await Promise.all([
    repo.replaceRecommendations(deps.db, sql`c.id = ${customerId}`, o),
    factsRepo.suitabilitySwitch(deps.db, customerId),
  ]);
  return {
    customerId,
    basis: facts?.personalised === false ? ('non_personal' as const) : ('personal' as const),
    items: rows.map(view),
  };
}

/** The RM's (or branch's) best recommendation per customer of the book, from the last run (workbench). */
export async function bookRecommendations(deps: ProductsDeps, actor: Actor, limit: number) {
  const scope = customerScope(actor);
  const cond = scope
    ? sql`r.rank = 1 and r.customer_id in (select customers.id from customers where ${scope})`
    : sql`r.rank = 1`;
  const rows = await repo.storedRecommendations(deps.db, cond, limit);
  return {
    items: rows.map((r) => ({
      ...view(r),
      customerId: r.customer_id,
      customerName: maskedName(actor, {
        kind: (r.customer_kind ?? 'individual') as 'individual',
        name: r.customer_name ?? '',
      }),
    })),
  };
}

/** Dismiss with a reason: recorded, audited, and the product suppressed for the configured days. */
export async function dismissRecommendation(
  deps: ProductsDeps,
  actor: Actor,
  customerId: string,
  productId: string,
  reason: string,
  meta?: RequestMeta,
) {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + deps.config.recoDismissDays * MS.day);
  await deps.db.transaction(async (tx) => {
    await customerInScope(deps, actor, customerId, { tx });
    const p = await productOrThrow(tx, productId);
    const id = newId('recoDismissal');
    await repo.insertDismissal(tx, { id, customerId, productId: p.id, reason, by: actor.userId, at: now, until });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'recommendation.dismiss',
      subjectType: 'customer',
      subjectId: customerId,
      customerId,
      reason,
      changes: { productId: p.id, suppressedUntil: until.toISOString() },
    });
  });
  return { suppressedUntil: until.toISOString() };
}

/** The nightly batch: peer shares, then every active customer in keyset batches, set-based. */
export async function nightlyRecommendations(
  deps: ProductsDeps,
  opts: { batchSize?: number; onBatch?: (done: number) => void } = {},
): Promise<{ customers: number; rows: number; peerStats: number }> {
  const o = recoOptions(deps);
  const size = opts.batchSize ?? 20_000;
  const peerStats = await deps.db.transaction((tx) => repo.refreshPeerStats(tx, o.now, o.peerMinPercent));
  let after: string | null = null;
  let customers = 0;
  let rows = 0;
  for (;;) {
    const b = await repo.nextCustomerBatch(deps.db, after, size);
    if (!b) break;
    const cond = sql`c.id >= ${b.first} and c.id <= ${b.last} and c.status = 'active'`;
    rows += await repo.replaceRecommendationsCount(deps.db, cond, o);
    after = b.last;
    customers += b.n;
    opts.onBatch?.(customers);
  }
  return { customers, rows, peerStats };
}
