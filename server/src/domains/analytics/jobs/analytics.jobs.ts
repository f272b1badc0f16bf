import { isDomainError } from '../../../kernel/errors';
import type { JobDefinition } from '../../../kernel/jobs/jobs';
import type { AnalyticsDeps } from '../analytics.deps';
import { latestModel } from '../churn.repository';
import { scoreAllCustomers } from '../churn-scoring.service';
import { trainChurnModel } from '../churn-training.service';
import { snapshotScorecards } from '../scorecard.service';

/**
 * The nightly churn scoring (BANYAN_CHURN_SCORING_CRON): trains a first
 * model when there is none and the history allows one, then scores every
 * active customer. A bank without enough history yet scores nothing and says so.
 */
export function churnScoringJob(deps: AnalyticsDeps, log: (msg: string) => void): JobDefinition {
  return {
    name: 'analytics.churn-scoring',
    cron: deps.config.churnScoringCron,
    expireInMinutes: 60,
    retryLimit: 1,
    handler: async () => {
      if (!(await latestModel(deps.db, 'churn'))) {
        try {
          await trainChurnModel(deps, 'system');
        } catch (e) {
          if (isDomainError(e) && e.code === 'analytics.training_data') {
            log(`churn scoring skipped: ${e.message}`);
            return;
          }
          throw e;
        }
      }
      const r = await scoreAllCustomers(deps);
      log(`churn scoring: ${r.scored} customers in ${r.ms} ms (high ${r.bands.high}, medium ${r.bands.medium})`);
    },
  };
}

/** The monthly RM scorecard snapshot of the previous month (BANYAN_SCORECARD_SNAPSHOT_CRON). */
export function scorecardSnapshotJob(deps: AnalyticsDeps): JobDefinition {
  return {
    name: 'analytics.scorecard-snapshot',
    cron: deps.config.scorecardSnapshotCron,
    expireInMinutes: 30,
    retryLimit: 2,
    handler: async () => {
      await snapshotScorecards(deps);
    },
  };
}
