import type { Clock } from '../../../../kernel/clock';
import type { Db } from '../../../../kernel/db';
import type { JobDefinition } from '../../../../kernel/jobs/jobs';
import { sweepStaleProfiles } from '../quality.service';

export const staleProfilesJobName = 'customers.stale-profiles';

/** Nightly at 02:30 bank time: flag profiles due for refresh (BANYAN_PROFILE_REFRESH_MONTHS). */
export function staleProfilesJob(deps: { db: Db; clock: Clock; refreshMonths: number }): JobDefinition {
  return {
    name: staleProfilesJobName,
    cron: '30 2 * * *',
    expireInMinutes: 120,
    handler: async () => {
      await sweepStaleProfiles({ db: deps.db, clock: deps.clock, policy: { refreshMonths: deps.refreshMonths } });
    },
  };
}
