import type { Config } from '../../config';
import type { Clock } from '../../kernel/clock';
import type { FieldCrypto } from '../../kernel/crypto';
import type { Db } from '../../kernel/db';
import type { ModuleDeps } from '../../kernel/module';
import { type ExportDeps, exportDeps } from '../customers';

/** The policy numbers of the segmentation domain (convention 13; documented in config.ts). */
export type SegmentationConfig = Pick<
  Config,
  | 'timeZone'
  | 'tierThresholds'
  | 'lifecycleNewDays'
  | 'lifecycleDormantMonths'
  | 'lifecycleChurnedMonths'
  | 'lifecycleChurnedAumMax'
  | 'lifecycleTrendMonths'
  | 'lifecycleAtRiskOutflowPct'
  | 'lifecycleLoyalMonths'
  | 'lifecycleLoyalProducts'
  | 'lifecycleWonBackMonths'
  | 'rfmWindowMonths'
  | 'segmentationBatchRows'
  | 'segmentationCron'
  | 'segmentMaxConditions'
  | 'segmentWorkMemMb'
  | 'exportApprovalRows'
  | 'exportMaxRows'
  | 'exportDownloadDays'
>;

/** What the segmentation services, jobs and event handlers need. */
export type SegmentationDeps = {
  db: Db;
  clock: Clock;
  crypto: FieldCrypto;
  config: SegmentationConfig;
  /** the customer list export (masking, audit, maker-checker) segment exports go through */
  exports: ExportDeps;
};

export function segmentationDeps(deps: ModuleDeps): SegmentationDeps {
  return { db: deps.db, clock: deps.clock, crypto: deps.crypto, config: deps.config, exports: exportDeps(deps) };
}
