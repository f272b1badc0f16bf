import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';

/** What a campaign needs to know about its product (the products domain's catalogue). */
export type CampaignProduct = {
  id: string;
  name: string;
  /** effective risk level 1..5 (R1..R5, SUIT-01) */
  riskLevel: number;
  /** a wealth product (理财): no points, gifts or lotteries may be attached (SUIT-11) */
  wealth: boolean;
};

/**
 * The ports campaigns use to reach the domains built beside it (products,
 * segmentation, analytics). Each of those registers its side from its own
 * index.ts; until one has, the feature that needs it reports a clear error
 * (or, for ranking, is not offered), never a made-up answer.
 */
export type CampaignPorts = {
  /** the product facts, or null when there is no such product */
  product?: (db: DbOrTx, productId: string) => Promise<CampaignProduct | null>;
  /**
   * The products gate in SQL form: ids of the customers the product may be
   * offered to at `at` (SUIT-03, SUIT-05). Absent: campaigns applies the
   * customers' current valid risk level itself (see audience.repository.ts).
   */
  suitableCustomers?: (product: CampaignProduct, at: Date) => SQL;
  /** sales of the product in [from, to): a subquery of (customer_id, occurred_at) */
  sales?: (productId: string, from: Date, to: Date) => SQL;
  /** the members of a segment as a subquery of customer ids, or null when there is no such segment */
  segmentMembers?: (db: DbOrTx, segmentId: string) => Promise<SQL | null>;
  /** response propensity 0..1 of each listed customer (analytics) */
  propensity?: (db: DbOrTx, customerIds: readonly string[]) => Promise<Map<string, number>>;
};

const ports: CampaignPorts = {};

/** Wire (or, in tests, replace) the products, segmentation or analytics side of campaigns. */
export function registerCampaignPorts(p: CampaignPorts): void {
  Object.assign(ports, p);
}

/** The currently wired ports. */
export function campaignPorts(): Readonly<CampaignPorts> {
  return ports;
}
