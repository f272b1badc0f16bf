import type { Config } from '../../config';
import type { Clock } from '../../kernel/clock';
import type { Db } from '../../kernel/db';
import type { ModuleDeps } from '../../kernel/module';

/** The policy numbers of the products domain (convention 13; documented in config.ts). */
export type ProductsConfig = Pick<
  Config,
  | 'timeZone'
  | 'feeIncreaseNoticeMonths'
  | 'suitabilityOverrideEnabled'
  | 'suitabilityOverrideRegimes'
  | 'seniorAge'
  | 'seniorHighRiskLevel'
  | 'investableAmountMaxPercent'
  | 'saleFollowUpDays'
  | 'recoIdleBalanceYuan'
  | 'recoMaturityDays'
  | 'recoPeerMinPercent'
  | 'recoMaxPerCustomer'
  | 'recoDismissDays'
  | 'assessmentValidityMonths'
  | 'pdfFontPath'
  | 'pdfFontName'
  | 'bankName'
>;

/** What the products services, jobs and routes need. */
export type ProductsDeps = { db: Db; clock: Clock; config: ProductsConfig };

export function productsDeps(deps: Pick<ModuleDeps, 'db' | 'clock' | 'config'>): ProductsDeps {
  return { db: deps.db, clock: deps.clock, config: deps.config };
}
