import type { JobDefinition } from '../../../kernel/jobs/jobs';
import { recomputeAll } from '../recompute.service';
import type { SegmentationDeps } from '../segmentation.deps';

/** The nightly tier, lifecycle and RFM recompute (BANYAN_SEGMENTATION_CRON, bank time zone). */
export function nightlyRecomputeJob(deps: SegmentationDeps): JobDefinition {
  return {
    name: 'segmentation.nightly-recompute',
    cron: deps.config.segmentationCron,
    // a run that dies half-way is simply run again: each batch is idempotent
    retryLimit: 2,
    expireInMinutes: 120,
    handler: async () => void (await recomputeAll(deps, 'nightly')),
  };
}
