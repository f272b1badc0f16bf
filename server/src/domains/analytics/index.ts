import { getTableName } from 'drizzle-orm';
import { ConfigError } from '../../config';
import type { BanyanModule } from '../../kernel/module';
import { registerCampaignPorts } from '../campaigns';
import { registerMergeTables, registerNotMovedByMerge } from '../customers';
import { analyticsDeps } from './analytics.deps';
import { registerAnalyticsRoutes } from './analytics.routes';
import { churnEvents, churnScores } from './analytics.tables';
import { registerDomainPorts } from './domain-ports';
import { churnScoringJob, scorecardSnapshotJob } from './jobs/analytics.jobs';
import { rankAudience } from './propensity';
import { weightsProblem } from './scorecard-weights';

// A merge moves the merged record's leavings and win-backs to the survivor;
// the churn score is recomputed for the survivor by the nightly scoring.
registerMergeTables({ kind: 'repoint', table: getTableName(churnEvents), idColumn: 'id' });
// Analytics comes after campaigns in the domain order: it wires the campaign
// wizard's ranking by response propensity from here (the latest trained model).
registerCampaignPorts({
  propensity: async (db, ids, ctx) => {
    const ranked = await rankAudience({ db, clock: ctx.clock, config: { timeZone: ctx.timeZone } }, ids, db);
    return new Map(ranked.map((r) => [r.customerId, r.score]));
  },
});
registerNotMovedByMerge(
  getTableName(churnScores),
  "one row per customer, rewritten by the nightly scoring: the merged record's score is stale",
);

export { type AnalyticsConfig, type AnalyticsDeps, analyticsDeps } from './analytics.deps';
export { type AnalyticsErrorCode, analyticsCodes, analyticsError } from './analytics.errors';
export * from './analytics.tables';
export { type ScoringResult, scoreAllCustomers } from './churn-scoring.service';
export { trainChurnModel } from './churn-training.service';
export { higherIsBetter, lowerIsBetter, registerDomainPorts } from './domain-ports';
/**
 * The analytics domain: the model kit (classifiers, cross-validation,
 * metrics, reason codes; `model/`), and on top of it churn early warning,
 * response propensity, RM scorecards and dashboards.
 */
export * from './model';
export {
  type ChurnSignalPort,
  type DashboardPanelPort,
  registerChurnSignal,
  registerDashboardPanel,
  registerScorecardSource,
  type ScorecardSourcePort,
} from './ports';
export { propensityDrop, rankAudience, trainPropensityModel } from './propensity';
export { snapshotScorecards } from './scorecard.service';
export { parseScorecardWeights, scorecardComponents, weightsProblem } from './scorecard-weights';

export const analyticsModule: BanyanModule = {
  name: 'analytics',
  bootstrap: async (deps) => {
    // PERF-01: the sales cap is a second setting, so it is checked here, at start-up
    const problem = weightsProblem(deps.config.scorecardWeights, deps.config.scorecardMaxSalesWeight);
    if (problem) throw new ConfigError('BANYAN_SCORECARD_WEIGHTS (scorecardWeights)', problem);
    // complaints, surveys, sales and conduct, campaign results feed the churn model, scorecards and dashboards
    registerDomainPorts(deps);
  },
  routes: (app, deps) => registerAnalyticsRoutes(app, analyticsDeps(deps)),
  jobs: (deps) => [
    churnScoringJob(analyticsDeps(deps), (msg) => deps.logger.info(msg)),
    scorecardSnapshotJob(analyticsDeps(deps)),
  ],
};
