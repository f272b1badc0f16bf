import { localDate } from '../../kernel/clock';
import { type DbOrTx, setLocalWorkMem } from '../../kernel/db';
import { recordAudit } from '../audit';
import * as repo from './recompute.repository';
import type { SegmentationDeps } from './segmentation.deps';

export type RecomputeRun = repo.RecomputeCounts & {
  batches: number;
  rfmScored: number;
  rfmChanged: number;
  tierStageMs: number;
  rfmMs: number;
};

const system = { actorId: 'system', channel: 'system' as const };

function at(deps: Pick<SegmentationDeps, 'clock' | 'config'>, trigger: repo.RecomputeTrigger) {
  const now = deps.clock.now();
  return { now, today: localDate(now, deps.config.timeZone), trigger };
}

/**
 * Recompute the value tier and lifecycle stage of some customers in the
 * caller's transaction (an event handler: holdings changed, customer
 * created), with one audit record per customer whose tier or stage moved.
 */
export async function recomputeCustomers(
  tx: DbOrTx,
  deps: Pick<SegmentationDeps, 'clock' | 'config'>,
  customerIds: readonly string[],
  trigger: repo.RecomputeTrigger,
): Promise<repo.RecomputeCounts> {
  if (customerIds.length === 0) return { scanned: 0, tierChanges: 0, stageChanges: 0 };
  const counts = await repo.recomputeWhere(tx, deps.config, at(deps, trigger), repo.idList(customerIds));
  if (counts.tierChanges + counts.stageChanges > 0) {
    await recordAudit(tx, deps.clock, {
      ...system,
      action: 'segmentation.recompute',
      subjectType: customerIds.length === 1 ? 'customer' : 'system',
      subjectId: customerIds.length === 1 ? (customerIds[0] as string) : 'segmentation',
      customerId: customerIds.length === 1 ? customerIds[0] : null,
      changes: { trigger, ...counts },
    });
  }
  return counts;
}

/**
 * The nightly run: tier and stage of every customer, set-based, in batches
 * of BANYAN_SEGMENTATION_BATCH_ROWS customers (one transaction and one audit
 * record each, keyset over the primary key), then the RFM scores of all
 * active customers in one statement (quintiles need the whole population),
 * and, when anything moved, fresh planner statistics of the rewritten tables.
 */
export async function recomputeAll(
  deps: Pick<SegmentationDeps, 'db' | 'clock' | 'config'>,
  trigger: repo.RecomputeTrigger = 'nightly',
): Promise<RecomputeRun> {
  const when = at(deps, trigger);
  const run: RecomputeRun = {
    scanned: 0,
    tierChanges: 0,
    stageChanges: 0,
    batches: 0,
    rfmScored: 0,
    rfmChanged: 0,
    tierStageMs: 0,
    rfmMs: 0,
  };
  const t0 = performance.now();
  let after: string | null = null;
  for (;;) {
    const upto = await repo.batchEnd(deps.db, after, deps.config.segmentationBatchRows);
    if (upto === null) break;
    const from = after;
    const counts = await deps.db.transaction(async (tx) => {
      const c = await repo.recomputeWhere(tx, deps.config, when, repo.idRange(from, upto));
      await recordAudit(tx, deps.clock, {
        ...system,
        action: 'segmentation.recompute',
        subjectType: 'system',
        subjectId: 'segmentation',
        changes: { trigger, from, upto, ...c },
      });
      return c;
    });
    run.scanned += counts.scanned;
    run.tierChanges += counts.tierChanges;
    run.stageChanges += counts.stageChanges;
    run.batches++;
    after = upto;
  }
  const t1 = performance.now();
  const rfm = await deps.db.transaction(async (tx) => {
    // quintiles group and rank every active customer's months at once
    await setLocalWorkMem(tx, deps.config.segmentWorkMemMb);
    const r = await repo.recomputeRfm(tx, { ...when, windowMonths: deps.config.rfmWindowMonths });
    await recordAudit(tx, deps.clock, {
      ...system,
      action: 'segmentation.rfm',
      subjectType: 'system',
      subjectId: 'segmentation',
      changes: { trigger, ...r },
    });
    return r;
  });
  if (run.tierChanges + run.stageChanges + rfm.changed > 0) await repo.analyzeSegmentationTables(deps.db);
  run.rfmScored = rfm.scored;
  run.rfmChanged = rfm.changed;
  run.tierStageMs = Math.round(t1 - t0);
  // the RFM time includes the ANALYZE of customers and their state after a night that changed them
  run.rfmMs = Math.round(performance.now() - t1);
  return run;
}
