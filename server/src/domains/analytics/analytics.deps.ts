import type { Config } from '../../config';
import type { Clock } from '../../kernel/clock';
import type { Db } from '../../kernel/db';
import type { ModuleDeps } from '../../kernel/module';

/** The policy numbers of the analytics domain (convention 13; documented in config.ts). */
export type AnalyticsConfig = Pick<
  Config,
  | 'timeZone'
  | 'churnRules'
  | 'churnAumDropPercent'
  | 'churnHorizonMonths'
  | 'churnRiskBands'
  | 'churnScoringCron'
  | 'churnScoringBatch'
  | 'churnTrainingMaxRows'
  | 'churnPlaybook'
  | 'scorecardWeights'
  | 'scorecardMaxSalesWeight'
  | 'scorecardSnapshotCron'
  | 'contactStandardMonths'
>;

/** What the analytics services, jobs and routes need. */
export type AnalyticsDeps = { db: Db; clock: Clock; config: AnalyticsConfig };

export function analyticsDeps(deps: Pick<ModuleDeps, 'db' | 'clock' | 'config'>): AnalyticsDeps {
  return { db: deps.db, clock: deps.clock, config: deps.config };
}
