import type { Actor } from '../../kernel/actor';
import { localDate } from '../../kernel/clock';
import { customerInScope, customerScope, lifecycleStages, tiers } from '../customers';
import * as repo from './insights.repository';
import type { SegmentationDeps } from './segmentation.deps';

const dayMs = 86_400_000;

/**
 * The tier distribution (customers and AUM per tier) and the lifecycle
 * funnel (customers per stage, in funnel order) within the actor's scope,
 * with the stage moves of the last 30 days.
 */
export async function distribution(deps: SegmentationDeps, actor: Actor) {
  const scope = customerScope(actor);
  const d = await repo.distribution(deps.db, scope);
  const now = deps.clock.now();
  const tierMap = new Map(d.tiers.map((t) => [t.tier, t]));
  const stageMap = new Map(d.stages.map((s) => [s.stage, s.customers]));
  return {
    businessDate: localDate(now, deps.config.timeZone),
    tiers: tiers.map((tier) => ({
      tier,
      customers: tierMap.get(tier)?.customers ?? 0,
      aum: tierMap.get(tier)?.aum ?? 0,
    })),
    stages: lifecycleStages.map((stage) => ({ stage, customers: stageMap.get(stage) ?? 0 })),
    transitions: await repo.stageTransitions(deps.db, scope, new Date(now.getTime() - 30 * dayMs)),
  };
}

/** One customer's tier, stage, RFM scores and their histories (404 outside the scope, DS-05). */
export async function customerSegmentation(deps: SegmentationDeps, actor: Actor, customerId: string) {
  const c = await customerInScope(deps, actor, customerId);
  const { state, tierHistory, stageHistory } = await repo.segmentationState(deps.db, customerId);
  return {
    customerId,
    tier: c.tier,
    lifecycleStage: c.lifecycleStage,
    tierSince: state?.tierSince?.toISOString() ?? null,
    stageSince: state?.stageSince?.toISOString() ?? null,
    rfm:
      state?.rfmR && state.rfmF && state.rfmM && state.rfmAt
        ? {
            r: state.rfmR,
            f: state.rfmF,
            m: state.rfmM,
            recencyMonths: state.recencyMonths,
            frequency: state.frequency ?? 0,
            monetary: state.monetary ?? 0,
            computedAt: state.rfmAt.toISOString(),
          }
        : null,
    tierHistory: tierHistory.map((h) => ({
      from: h.fromTier,
      to: h.toTier,
      aum: h.aum,
      trigger: h.trigger,
      reason: h.reason,
      changedAt: h.changedAt.toISOString(),
    })),
    stageHistory: stageHistory.map((h) => ({
      from: h.fromStage,
      to: h.toStage,
      trigger: h.trigger,
      reason: h.reason,
      changedAt: h.changedAt.toISOString(),
    })),
  };
}
