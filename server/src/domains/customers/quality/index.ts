import type { BanyanModule, ModuleDeps } from '../../../kernel/module';
import type { Wiring } from '../risk/ports';
import { staleProfilesJob } from './jobs/stale-profiles.job';
import { registerQualityRoutes } from './quality.routes';
import type { QualityDeps } from './quality.service';

export { type Completeness, completeness, completenessRules, isStale } from './completeness';
export { staleProfilesJob, staleProfilesJobName } from './jobs/stale-profiles.job';
export {
  type MergeTable,
  mergeTables,
  notMovedByMerge,
  registerMergeTables,
  registerNotMovedByMerge,
} from './merge-tables';
export { sweepStaleProfiles } from './quality.service';
export { customerMerges, profileRefreshDue } from './quality.tables';

export function qualityDeps(deps: ModuleDeps, wiring: Wiring): QualityDeps {
  return {
    ...wiring,
    db: deps.db,
    clock: deps.clock,
    policy: { refreshMonths: deps.config.profileRefreshMonths, mergeUndoDays: deps.config.mergeUndoDays },
  };
}

/**
 * Customer data quality: completeness, stale-profile sweep (job
 * `customers.stale-profiles`), duplicates, merge and undo.
 */
export function customerQualityModule(wiring: Wiring): BanyanModule {
  return {
    name: 'customers.quality',
    routes: (app, deps) => registerQualityRoutes(app, qualityDeps(deps, wiring)),
    jobs: (deps) => [
      staleProfilesJob({ db: deps.db, clock: deps.clock, refreshMonths: deps.config.profileRefreshMonths }),
    ],
  };
}
