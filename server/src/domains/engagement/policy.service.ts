import type { Actor } from '../../kernel/actor';
import type { DbOrTx } from '../../kernel/db';
import { auditContext, recordAudit } from '../audit';
import { customerScope, maskedName } from '../customers';
import type { EngagementConfig, EngagementDeps } from './engagement.deps';
import { engagementError } from './engagement.errors';
import { type BreachView, type ServicePolicyView, type Tier, tiers } from './engagement.schema';
import type { ServicePolicyRow } from './engagement.tables';
import * as repo from './policy.repository';
import type { RequestMeta } from './task.service';

/** The service package of each tier (default text; banks edit it in the service policy). */
const defaultPackages: Record<Tier, string> = {
  private_banking:
    '专属私人银行家一对一服务；家族财富规划与税务、法律顾问咨询；机场贵宾厅、高端体检等尊享权益；每月至少一次主动联系，每年一次资产配置检视。',
  wealth:
    '专属理财经理服务；季度资产配置检视与市场观点解读；理财产品优先预约额度；贵宾窗口优先办理；每季度至少一次主动联系。',
  vip: '贵宾理财服务（理财经理团队服务）；半年一次资产检视；手机银行专属客服通道；每半年至少一次主动联系。',
  mass: '网点柜面与线上渠道标准服务；年度客户回访与信息核实；每年至少一次主动联系。',
};

/** The documented defaults: contact standard per BANYAN_CONTACT_STANDARD_MONTHS, dedicated RM per BANYAN_DEDICATED_RM_TIERS. */
export function defaultPolicies(config: EngagementConfig, at: Date): ServicePolicyRow[] {
  const fallback: Record<Tier, number> = { private_banking: 1, wealth: 3, vip: 6, mass: 12 };
  return tiers.map((tier) => ({
    tier,
    dedicatedRm: config.dedicatedRmTiers.includes(tier),
    contactEveryMonths: config.contactStandardMonths[tier] ?? fallback[tier],
    servicePackage: defaultPackages[tier],
    updatedBy: 'system',
    updatedAt: at,
  }));
}

export async function ensureServicePolicies(deps: EngagementDeps): Promise<void> {
  await repo.ensurePolicies(deps.db, defaultPolicies(deps.config, deps.clock.now()));
}

function policyView(r: ServicePolicyRow): ServicePolicyView {
  return {
    tier: r.tier as Tier,
    dedicatedRm: r.dedicatedRm,
    contactEveryMonths: r.contactEveryMonths,
    servicePackage: r.servicePackage,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listServicePolicies(deps: EngagementDeps): Promise<ServicePolicyView[]> {
  const rows = await repo.listPolicies(deps.db);
  const order = new Map<string, number>(tiers.map((t, i) => [t, i]));
  return rows.sort((a, b) => (order.get(a.tier) ?? 9) - (order.get(b.tier) ?? 9)).map(policyView);
}

export async function updateServicePolicy(
  deps: EngagementDeps,
  actor: Actor,
  tier: Tier,
  input: { dedicatedRm?: boolean; contactEveryMonths?: number; servicePackage?: string },
  meta?: RequestMeta,
): Promise<ServicePolicyView> {
  await deps.db.transaction(async (tx) => {
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) {
      throw engagementError('engagement.invalid_input', 'body: nothing to change', { field: 'body' });
    }
    await repo.updatePolicy(tx, tier, { ...set, updatedBy: actor.userId, updatedAt: deps.clock.now() });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'service_policy.update',
      subjectType: 'service_policy',
      subjectId: tier,
      changes: set,
    });
  });
  const row = (await repo.listPolicies(deps.db)).find((p) => p.tier === tier);
  if (!row) throw engagementError('engagement.invalid_tier', 'tier: no policy for this tier', { field: 'tier' });
  return policyView(row);
}

export async function setRmCapacity(
  deps: EngagementDeps,
  actor: Actor,
  userId: string,
  capacity: number,
  meta?: RequestMeta,
): Promise<{ userId: string; capacity: number }> {
  await deps.db.transaction(async (tx) => {
    const rms = await repo.relationshipManagers(tx, { userIds: [userId] });
    if (rms.length === 0) {
      throw engagementError('engagement.staff_not_found', 'userId: no such active relationship manager', {
        field: 'userId',
      });
    }
    await repo.setCapacity(tx, { userId, capacity, updatedBy: actor.userId, updatedAt: deps.clock.now() });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'rm_capacity.set',
      subjectType: 'user',
      subjectId: userId,
      changes: { capacity },
    });
  });
  return { userId, capacity };
}

const iso = (v: Date | string | null) => (v == null ? null : new Date(v).toISOString());

export function breachView(actor: Actor, r: repo.BreachRow): BreachView {
  return {
    customerId: r.id,
    customerName: maskedName(actor, { kind: r.kind, name: r.name }),
    tier: r.tier,
    rmId: r.rm_id,
    lastContactAt: iso(r.last_contact_at),
    dueSince: iso(r.due_since) ?? '',
    contactEveryMonths: Number(r.contact_every_months),
  };
}

/**
 * Contact-standard breaches in the actor's scope (optionally one RM's book):
 * customers not contacted within their tier's standard (SVC rule in
 * docs/domains/engagement.md), longest overdue first, with the total.
 */
export async function listBreaches(
  deps: EngagementDeps,
  actor: Actor,
  q: { limit: number; rmId?: string },
): Promise<{ total: number; items: BreachView[] }> {
  const f = { scope: customerScope(actor), rmId: q.rmId, now: deps.clock.now(), timeZone: deps.config.timeZone };
  const rows = await repo.breaches(deps.db, { ...f, limit: q.limit });
  return { total: Number(rows[0]?.total ?? 0), items: rows.map((r) => breachView(actor, r)) };
}

/** The branch subtree a unit belongs to: its branch's path (a sub-branch belongs to its parent branch). */
function branchPath(unitPath: string, unitKind: string): string {
  if (unitKind !== 'sub_branch') return unitPath;
  const parts = unitPath.split('/').filter(Boolean);
  return `/${parts.slice(0, -1).join('/')}/`;
}

/**
 * Unassigned customers of tiers that need a dedicated RM, each proposed to
 * the RM of their branch with the most spare capacity (capacity minus the
 * customers they hold; BANYAN_RM_CAPACITY unless set per RM). Proposals
 * count the ones made before them, so one RM is not proposed past capacity.
 */
export async function assignmentProposals(deps: EngagementDeps, actor: Actor, limit: number) {
  const rows = await repo.unassignedNeedingRm(deps.db, { scope: customerScope(actor), limit });
  const byBranch = new Map<string, repo.StaffRow[]>();
  for (const r of rows) {
    const p = branchPath(r.unit_path, r.unit_kind);
    if (!byBranch.has(p)) byBranch.set(p, await repo.rmsUnderPath(deps.db, p));
  }
  const allRms = [...new Set([...byBranch.values()].flat().map((s) => s.id))];
  const load = await repo.loads(deps.db, allRms);
  return rows.map((r) => {
    const candidates = byBranch.get(branchPath(r.unit_path, r.unit_kind)) ?? [];
    let best: { rm: repo.StaffRow; spare: number; load: number; capacity: number } | null = null;
    for (const rm of candidates) {
      const l = load.get(rm.id) ?? { load: 0, capacity: null };
      const capacity = l.capacity ?? deps.config.rmCapacity;
      const spare = capacity - l.load;
      if (spare > 0 && (!best || spare > best.spare)) best = { rm, spare, load: l.load, capacity };
    }
    if (best) {
      const l = load.get(best.rm.id);
      if (l) l.load += 1;
    }
    return {
      customerId: r.id,
      customerName: maskedName(actor, { kind: r.kind, name: r.name }),
      tier: r.tier,
      homeUnitId: r.home_unit_id,
      proposedRmId: best?.rm.id ?? null,
      proposedRmName: best?.rm.display_name ?? null,
      rmLoad: best ? best.load : null,
      rmCapacity: best ? best.capacity : null,
    };
  });
}

/** The policy of a tier, for rules that run inside another transaction. */
export async function policyOf(db: DbOrTx, tier: string): Promise<ServicePolicyRow | null> {
  return (await repo.listPolicies(db)).find((p) => p.tier === tier) ?? null;
}
