import { type SQL, sql } from 'drizzle-orm';
import { localDate } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import type { ProductsDeps } from './products.deps';
import * as repo from './products.repository';
import type { ProductRow } from './products.tables';
import { gatePairsSql, validlyAssessedIds } from './suitability.repository';
import { gatePolicy } from './suitability.service';

/** A product as another domain may read it (campaigns): the catalogue row, or null. */
export async function findCatalogueProduct(db: DbOrTx, id: string): Promise<ProductRow | null> {
  return repo.findProduct(db, id);
}

/**
 * THE suitability gate in SQL form for a campaign audience: a subquery of the
 * ids of the customers (restricted by `within`, a subquery of customer ids)
 * to whom `product` may be actively marketed at `at`: no block and no
 * warning (SUIT-03: no marketing above the customer's valid risk level;
 * SUIT-05/06: no, expired, pending or invalidated assessment blocks; SUIT-08:
 * no high-risk product to seniors; capacity, product on sale).
 */
export function suitableCustomerIds(
  deps: Pick<ProductsDeps, 'config'>,
  product: { id: string; riskLevel: number | null },
  at: Date,
  within: SQL,
): SQL {
  // a rated product passes only a customer with a valid assessment (SUIT-05): narrowing to those
  // first is the same answer, and spares the gate the rest of a large segment
  const customers =
    product.riskLevel === null
      ? sql`c.id in (${within})`
      : sql`c.id in (${within}) and c.id in (${validlyAssessedIds(at)})`;
  const pairs = gatePairsSql({
    customers,
    products: sql`p.id = ${product.id}`,
    now: at,
    today: localDate(at, deps.config.timeZone),
    policy: gatePolicy(deps),
    amount: null,
    channel: null,
  });
  return sql`select g.customer_id from (${pairs}) g where cardinality(g.blocks) = 0 and cardinality(g.warnings) = 0`;
}

/**
 * Sales of a product in [from, to) as a subquery of (customer_id, occurred_at):
 * sales signed by the customer (in cooling-off or confirmed), at their
 * signing time. Campaign attribution counts them as conversions.
 */
export function productSalesSql(productId: string, from: Date, to: Date): SQL {
  return repo.signedSalesSql(productId, from, to);
}
