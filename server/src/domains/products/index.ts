import { getTableName } from 'drizzle-orm';
import type { BanyanModule } from '../../kernel/module';
import { registerMergeTables, registerNotMovedByMerge } from '../customers';
import { ensureCatalogue } from './catalogue.service';
import { registerFeeScheduleExecutor } from './fees.service';
import { confirmCooledSalesJob, nightlyRecommendationJob } from './jobs/products.jobs';
import { productsDeps } from './products.deps';
import { registerProductRoutes } from './products.routes';
import { customerSuitability, feeNotices, recommendationDismissals, recommendations, sales } from './products.tables';
import { subscribeProductEvents } from './risk-change';
import { registerOverrideExecutor } from './sales.service';

// A merge moves the merged record's sales, fee notices and dismissals to the survivor.
registerMergeTables(
  { kind: 'repoint', table: getTableName(sales), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(feeNotices), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(recommendationDismissals), idColumn: 'id' },
);
registerNotMovedByMerge(
  getTableName(recommendations),
  "recomputed for the survivor by the nightly batch or on demand; the merged record's are stale",
);
registerNotMovedByMerge(
  getTableName(customerSuitability),
  "one row per customer: the survivor's own capacity and investable assets stay the ones on record",
);

export { findCatalogueProduct, productSalesSql, suitableCustomerIds } from './campaign-facing';
export { ensureCatalogue } from './catalogue.service';
export { catalogueCn } from './catalogue-cn';
export { feeScheduleAction, isFeeIncrease, requestFeeSchedule } from './fees.service';
export { type ProductsConfig, type ProductsDeps, productsDeps } from './products.deps';
export { type ProductErrorCode, productCodes, productError } from './products.errors';
export * from './products.schema';
export * from './products.tables';
export { nightlyRecommendations, recommendFor } from './recommend.service';
export { confirmCooledSales } from './sales.service';
export {
  effectiveRisk,
  evaluateGate,
  type GateCustomer,
  type GateProduct,
  type GatePurpose,
  type GateReasonCode,
  type GateResult,
  gateReasonCodes,
} from './suitability';
export { type GateSqlOptions, gatePairsSql } from './suitability.repository';
/**
 * The suitability gate for other domains (campaign audiences, loyalty):
 * `checkSuitability` for one customer and product, `audienceOptions` +
 * `gatePairsSql` for a set of customers.
 */
export { audienceOptions, checkSuitability, gatePolicy, suitableAudience } from './suitability.service';

/**
 * Products (产品): the catalogue with SUIT-01 risk ratings, versioned fee
 * schedules with plain-language disclosures and the public price list
 * (FEE-01..04), the suitability gate (SUIT-03..10), sales records with
 * acknowledgement, cooling-off and follow-up (SALE-01..03), and explainable
 * next-best-product recommendations (MKT-06, PI-13).
 */
export const productsModule: BanyanModule = {
  name: 'products',
  bootstrap: async (deps) => {
    await ensureCatalogue(deps);
    registerOverrideExecutor(productsDeps(deps));
    registerFeeScheduleExecutor(productsDeps(deps));
  },
  routes: (app, deps) => registerProductRoutes(app, productsDeps(deps)),
  jobs: (deps) => [nightlyRecommendationJob(productsDeps(deps)), confirmCooledSalesJob(productsDeps(deps))],
  events: (bus, deps) => subscribeProductEvents(bus, productsDeps(deps)),
};
