import type { Actor } from '../../kernel/actor';
import { MS } from '../../kernel/clock';
import { customerScope } from '../customers';
import type { EngagementDeps } from './engagement.deps';
import { engagementError } from './engagement.errors';
import * as policyRepo from './policy.repository';
import { breachView } from './policy.service';
import * as taskRepo from './task.repository';
import { taskView } from './task.service';
import * as repo from './workbench.repository';

export const consistencyMetrics = ['contactAdherence', 'taskOnTimeRate', 'followUpCompletion'] as const;
export type ConsistencyMetric = (typeof consistencyMetrics)[number];

type Ratio = { num: number; den: number };
const rate = (r: Ratio) => (r.den === 0 ? null : Math.round((r.num / r.den) * 1000) / 1000);

export type RmConsistency = {
  rmId: string;
  rmName: string;
  unitId: string;
  unitName: string;
  customers: number;
  contactAdherence: number | null;
  taskOnTimeRate: number | null;
  followUpCompletion: number | null;
  tasksDue: number;
  openOverdue: number;
};

/** The RMs whose service the actor may compare: a branch's RMs for a manager, all for head office, oneself for an RM. */
async function rmsInScope(deps: EngagementDeps, actor: Actor, unitId?: string): Promise<policyRepo.StaffRow[]> {
  const s = actor.scope;
  let list: policyRepo.StaffRow[];
  if (s.kind === 'all') list = await policyRepo.relationshipManagers(deps.db, {});
  else if (s.kind === 'units') list = await policyRepo.relationshipManagers(deps.db, { unitIds: s.unitIds });
  else if (s.kind === 'book') list = await policyRepo.relationshipManagers(deps.db, { userIds: [actor.userId] });
  else list = [];
  if (!unitId) return list;
  // a unit and the units under it (by materialised path)
  const unit = list.find((r) => r.unit_id === unitId)?.unit_path;
  return unit ? list.filter((r) => r.unit_path.startsWith(unit)) : list.filter((r) => r.unit_id === unitId);
}

async function consistency(
  deps: EngagementDeps,
  actor: Actor,
  rms: policyRepo.StaffRow[],
  days: number,
): Promise<RmConsistency[]> {
  const now = deps.clock.now();
  const ids = rms.map((r) => r.id);
  const [adherence, metrics] = await Promise.all([
    policyRepo.adherenceBy(deps.db, {
      scope: customerScope(actor),
      by: 'rm',
      rmIds: ids,
      now,
      timeZone: deps.config.timeZone,
    }),
    repo.taskMetrics(deps.db, { ownerIds: ids, from: new Date(now.getTime() - days * MS.day), until: now }),
  ]);
  const adh = new Map(adherence.map((a) => [a.key ?? '', a]));
  const met = new Map(metrics.map((m) => [m.owner_id, m]));
  return rms.map((rm) => {
    const a = adh.get(rm.id);
    const m = met.get(rm.id);
    return {
      rmId: rm.id,
      rmName: rm.display_name,
      unitId: rm.unit_id,
      unitName: rm.unit_name,
      customers: Number(a?.total ?? 0),
      contactAdherence: rate({ num: Number(a?.within ?? 0), den: Number(a?.total ?? 0) }),
      taskOnTimeRate: rate({ num: Number(m?.on_time ?? 0), den: Number(m?.due_total ?? 0) }),
      followUpCompletion: rate({ num: Number(m?.follow_ups_done ?? 0), den: Number(m?.follow_ups ?? 0) }),
      tasksDue: Number(m?.due_total ?? 0),
      openOverdue: Number(m?.open_overdue ?? 0),
    };
  });
}

function spreadOf(rows: RmConsistency[], metric: ConsistencyMetric) {
  const valued = rows.filter((r) => r[metric] !== null) as (RmConsistency & Record<ConsistencyMetric, number>)[];
  if (valued.length === 0) return { metric, best: null, worst: null, spread: null, bestRmId: null, worstRmId: null };
  const sorted = [...valued].sort((a, b) => b[metric] - a[metric]);
  const best = sorted[0] as RmConsistency & Record<ConsistencyMetric, number>;
  const worst = sorted.at(-1) as RmConsistency & Record<ConsistencyMetric, number>;
  return {
    metric,
    best: best[metric],
    worst: worst[metric],
    spread: Math.round((best[metric] - worst[metric]) * 1000) / 1000,
    bestRmId: best.rmId,
    worstRmId: worst.rmId,
  };
}

/**
 * Service consistency across RMs and sub-branches (the branch-manager view):
 * contact-standard adherence now, and over tasks due in the last `days` days
 * the on-time rate and the follow-up completion; the spread between the best
 * and the worst RM per metric; a heat map dataset (RM x metric, 0-100).
 */
export async function branchView(deps: EngagementDeps, actor: Actor, q: { days: number; unitId?: string }) {
  const rms = await rmsInScope(deps, actor, q.unitId);
  const rows = await consistency(deps, actor, rms, q.days);
  const units = new Map<string, { unitId: string; unitName: string; members: RmConsistency[] }>();
  for (const r of rows) {
    const u = units.get(r.unitId) ?? { unitId: r.unitId, unitName: r.unitName, members: [] };
    u.members.push(r);
    units.set(r.unitId, u);
  }
  const avg = (list: RmConsistency[], m: ConsistencyMetric) => {
    const v = list.map((r) => r[m]).filter((x): x is number => x !== null);
    return v.length === 0 ? null : Math.round((v.reduce((s, x) => s + x, 0) / v.length) * 1000) / 1000;
  };
  return {
    windowDays: q.days,
    generatedAt: deps.clock.now().toISOString(),
    rms: rows,
    units: [...units.values()].map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      rmCount: u.members.length,
      customers: u.members.reduce((s, r) => s + r.customers, 0),
      contactAdherence: avg(u.members, 'contactAdherence'),
      taskOnTimeRate: avg(u.members, 'taskOnTimeRate'),
      followUpCompletion: avg(u.members, 'followUpCompletion'),
    })),
    spread: consistencyMetrics.map((m) => spreadOf(rows, m)),
    heatmap: {
      metrics: [...consistencyMetrics],
      rms: rows.map((r) => ({ rmId: r.rmId, rmName: r.rmName, unitName: r.unitName })),
      // [rm index, metric index, value 0-100 or null]
      cells: rows.flatMap((r, i) =>
        consistencyMetrics.map((m, j): [number, number, number | null] => [
          i,
          j,
          r[m] === null ? null : Math.round((r[m] as number) * 100),
        ]),
      ),
    },
  };
}

/** One RM's consistency figures, their breaching customers and overdue tasks (drill-down). */
export async function rmDrillDown(deps: EngagementDeps, actor: Actor, rmId: string, q: { days: number }) {
  const rms = (await rmsInScope(deps, actor)).filter((r) => r.id === rmId);
  if (rms.length === 0)
    throw engagementError('engagement.staff_not_found', 'No such relationship manager in your scope');
  const [metrics] = await consistency(deps, actor, rms, q.days);
  const now = deps.clock.now();
  const scope = customerScope(actor);
  const [breaches, overdue] = await Promise.all([
    policyRepo.breaches(deps.db, { scope, rmId, now, timeZone: deps.config.timeZone, limit: 50 }),
    taskRepo.listTasks(
      deps.db,
      { scope, ownerId: rmId, statuses: taskRepo.openStatuses, dueBefore: now },
      'due',
      null,
      50,
    ),
  ]);
  return {
    rm: metrics,
    windowDays: q.days,
    breaches: { total: Number(breaches[0]?.total ?? 0), items: breaches.map((b) => breachView(actor, b)) },
    overdueTasks: overdue.map((t) => taskView(actor, t, now)),
  };
}
