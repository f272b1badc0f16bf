import type { JobDefinition } from '../../../kernel/jobs/jobs';
import type { ProductsDeps } from '../products.deps';
import { nightlyRecommendations } from '../recommend.service';
import { confirmCooledSales } from '../sales.service';

/** The nightly next-best-product batch for every active customer (set-based, in keyset batches). */
export function nightlyRecommendationJob(deps: ProductsDeps): JobDefinition {
  return {
    name: 'products.nightly-recommendations',
    cron: '30 2 * * *',
    expireInMinutes: 180,
    handler: async () => void (await nightlyRecommendations(deps)),
  };
}

/** Sales past their cooling-off window become confirmed (SALE-01). */
export function confirmCooledSalesJob(deps: ProductsDeps): JobDefinition {
  return {
    name: 'products.confirm-cooled-sales',
    cron: '*/10 * * * *',
    expireInMinutes: 30,
    handler: async () => void (await confirmCooledSales(deps)),
  };
}
