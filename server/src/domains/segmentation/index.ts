import { getTableName } from 'drizzle-orm';
import type { BanyanModule } from '../../kernel/module';
import { registerMergeTables, registerNotMovedByMerge } from '../customers';
import { nightlyRecomputeJob } from './jobs/nightly-recompute.job';
import { segmentationDeps } from './segmentation.deps';
import { subscribeSegmentation } from './segmentation.events';
import { registerSegmentationRoutes } from './segmentation.routes';
import { customerSegmentation, customerStageHistory, customerTierHistory, segmentMembers } from './segmentation.tables';

// A merge moves the merged record's tier and stage history to the survivor; the
// survivor's own state row stays (the next recompute refreshes it).
registerMergeTables(
  { kind: 'repoint', table: getTableName(customerTierHistory), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(customerStageHistory), idColumn: 'id' },
);
registerNotMovedByMerge(
  getTableName(customerSegmentation),
  "derived per customer by the recompute: the survivor's next recompute refreshes it",
);
registerNotMovedByMerge(
  getTableName(segmentMembers),
  'a frozen static segment keeps the customers it was frozen with; a merged-away member drops out as inactive',
);

export { customerSegmentation as customerSegmentationOf, distribution } from './insights.service';
export type { RecomputeTrigger } from './recompute.repository';
export { type RecomputeRun, recomputeAll, recomputeCustomers } from './recompute.service';
export * from './rule.schema';
export { type CheckedGroup, validateRule } from './rule.validate';
export {
  createSegment,
  explainPreview,
  exportSegment,
  listFields,
  previewCount,
  segmentMemberQuery,
  segmentMembers,
} from './segment.service';
export { type SegmentationConfig, type SegmentationDeps, segmentationDeps } from './segmentation.deps';
export { type SegmentationErrorCode, segmentationCodes, segmentationError } from './segmentation.errors';
export * from './segmentation.schema';
export * from './segmentation.tables';

/**
 * Segmentation (客户分层与客群): value tiers from AUM with their history,
 * lifecycle stages with every transition and its reason, RFM scores from
 * monthly transaction aggregates (nightly, set-based, and on holdings
 * change), and segments built from rules over the archive, counted live,
 * saved dynamic or static, listed and exported within the reader's scope.
 */
export const segmentationModule: BanyanModule = {
  name: 'segmentation',
  routes: (app, deps) => registerSegmentationRoutes(app, segmentationDeps(deps)),
  jobs: (deps) => [nightlyRecomputeJob(segmentationDeps(deps))],
  events: (bus, deps) => subscribeSegmentation(bus, segmentationDeps(deps)),
};
