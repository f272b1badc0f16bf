import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor';
import type { Clock } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { isDomainError } from '../../kernel/errors';
import type { ProductsDeps } from '../products';
import { findCatalogueProduct, type ProductRow, productSalesSql, suitableCustomerIds } from '../products';
import { type SegmentationDeps, segmentMemberQuery } from '../segmentation';

/** What a campaign needs to know about its product (the products domain's catalogue). */
export type CampaignProduct = {
  id: string;
  name: string;
  /** effective risk level 1..5 (R1..R5, SUIT-01); null for an unrated product (deposits, loans) */
  riskLevel: number | null;
  /** a wealth product (理财, funds): no points, gifts or lotteries may be attached (SUIT-11) */
  wealth: boolean;
};

/** What the propensity port is handed besides the ids: the clock and the bank's time zone (ages are on its date). */
export type PropensityContext = { clock: Clock; timeZone: string };

/**
 * The ports campaigns use to reach the domains it builds on. Products and
 * segmentation come before campaigns in the domain order, so their side is
 * wired here by `realCampaignPorts` through their faces. Analytics comes
 * after campaigns, so it registers the propensity ranking from its own
 * index.ts (`registerCampaignPorts`); until it has, ranking is refused with a
 * clear error, never made up.
 */
export type CampaignPorts = {
  /** the product facts, or null when there is no such product */
  product: (db: DbOrTx, productId: string) => Promise<CampaignProduct | null>;
  /**
   * The products suitability gate in SQL form: a subquery of the ids of the
   * customers among `within` (a subquery of ids) the product may be offered
   * to at `at` (SUIT-03, SUIT-05, SUIT-08).
   */
  suitableCustomers: (product: CampaignProduct, at: Date, within: SQL) => SQL;
  /** sales of the product in [from, to): a subquery of (customer_id, occurred_at) */
  sales: (productId: string, from: Date, to: Date) => SQL;
  /** the members of a segment as `actor` may see them, as a subquery of ids; null when there is no such segment */
  segmentMembers: (db: DbOrTx, actor: Actor, segmentId: string) => Promise<SQL | null>;
  /** response propensity 0..1 of each listed customer (analytics); absent until analytics registers it */
  propensity?: (db: DbOrTx, customerIds: readonly string[], ctx: PropensityContext) => Promise<Map<string, number>>;
};

const wealthTypes: ReadonlySet<string> = new Set(['wealth', 'fund']);

export function campaignProductOf(p: ProductRow): CampaignProduct {
  return {
    id: p.id,
    name: p.name,
    riskLevel: p.effectiveRiskLevel ? Number(p.effectiveRiskLevel.slice(1)) : null,
    wealth: wealthTypes.has(p.type),
  };
}

/** The products and segmentation sides, through those domains' faces. */
/** What the real ports need: the database, clock and the products' and segmentation's policy numbers. */
export type PortDeps = Pick<SegmentationDeps, 'db' | 'clock'> & {
  config: SegmentationDeps['config'] & ProductsDeps['config'];
};

export function realCampaignPorts(deps: PortDeps): CampaignPorts {
  return {
    product: async (db, id) => {
      const p = await findCatalogueProduct(db, id);
      return p ? campaignProductOf(p) : null;
    },
    suitableCustomers: (product, at, within) => suitableCustomerIds(deps, product, at, within),
    sales: productSalesSql,
    segmentMembers: async (db, actor, id) => {
      try {
        return await segmentMemberQuery({ ...deps, db }, actor, id);
      } catch (e) {
        if (isDomainError(e) && e.code === 'segmentation.segment_not_found') return null;
        throw e;
      }
    },
  };
}

const registered: Partial<CampaignPorts> = {};

/**
 * Register a port from a later domain (analytics: propensity), or, in a
 * test, replace one. Registered ports take precedence over the real ones.
 */
export function registerCampaignPorts(p: Partial<CampaignPorts>): void {
  Object.assign(registered, p);
}

/** The ports in force: the real products and segmentation sides, with what was registered on top. */
export function campaignPorts(deps: PortDeps): Readonly<CampaignPorts> {
  return { ...realCampaignPorts(deps), ...registered };
}
