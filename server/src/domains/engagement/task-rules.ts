import type { DbOrTx } from '../../kernel/db';
import type { EventBus, StoredEvent } from '../../kernel/events/events';
import { addDays, addMonths } from './dates';
import type { EngagementDeps } from './engagement.deps';
import { engagementError } from './engagement.errors';
import { taskRequestedPayload } from './engagement.schema';
import { amlReviewBatch, customerForRule, type RuleCustomer } from './rules.repository';
import { activeUser, moveOpenTasks } from './task.repository';
import { createTasks, type TaskSpec } from './task.service';

/**
 * Tasks made by rules and by other domains (docs/domains/engagement.md):
 * - `task.requested` (the cross-domain contract): one task per event id;
 * - `customer.created`: the onboarding task;
 * - `customer.profile_refresh_due` (customers/quality): the profile refresh task;
 * - the AML high-risk tag on a customer: a compliance review task;
 * - `customer.reassigned`: open tasks follow the customer to the new RM.
 */

function fieldError(field: string, message: string) {
  return engagementError('engagement.invalid_input', `${field}: ${message}`, { field });
}

export async function onTaskRequested(deps: EngagementDeps, tx: DbOrTx, e: StoredEvent): Promise<void> {
  const parsed = taskRequestedPayload.safeParse(e.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fieldError(`payload.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'invalid');
  }
  const p = parsed.data;
  if (!e.customerId) throw fieldError('customerId', 'a task.requested event must name its customer');
  const c = await customerForRule(tx, e.customerId);
  if (!c) throw fieldError('customerId', 'no such customer');
  if (p.ownerId && !(await activeUser(tx, p.ownerId)))
    throw fieldError('payload.ownerId', 'no such active staff member');
  await createTasks(tx, deps.clock, [
    {
      customerId: c.id,
      unitId: c.homeUnitId,
      ownerId: p.ownerId ?? c.rmId,
      kind: p.kind,
      title: p.title,
      description: p.description,
      priority: p.priority,
      dueAt: new Date(p.dueAt),
      source: { domain: p.source.domain, type: p.source.type, id: p.source.id },
      sourceEventId: e.id,
      createdBy: e.actorId ?? 'system',
    },
  ]);
}

export async function onCustomerCreated(deps: EngagementDeps, tx: DbOrTx, e: StoredEvent): Promise<void> {
  if (!e.customerId) return;
  const c = await customerForRule(tx, e.customerId);
  if (!c) return;
  await createTasks(tx, deps.clock, [
    {
      customerId: c.id,
      unitId: c.homeUnitId,
      ownerId: c.rmId,
      kind: 'onboarding',
      title: '新客户首次联系：欢迎致电、核实信息、介绍服务（开户服务标准）',
      priority: 'normal',
      dueAt: addDays(e.occurredAt, deps.config.onboardingTaskDays),
      source: { domain: 'customers', type: 'customer.created', id: c.id },
      sourceEventId: e.id,
      dedupeKey: `onboarding:${c.id}`,
      createdBy: 'system',
    },
  ]);
  if (c.tags.includes(deps.config.amlHighRiskTag)) await complianceReviews(deps, tx, c.id);
}

export async function onProfileRefreshDue(deps: EngagementDeps, tx: DbOrTx, e: StoredEvent): Promise<void> {
  if (!e.customerId) return;
  const c = await customerForRule(tx, e.customerId);
  if (c?.status !== 'active') return;
  await createTasks(tx, deps.clock, [
    {
      customerId: c.id,
      unitId: c.homeUnitId,
      ownerId: c.rmId,
      kind: 'profile_refresh',
      title: '客户资料到期更新：与客户核实身份、联系方式与职业信息',
      priority: 'normal',
      dueAt: addDays(deps.clock.now(), deps.config.ruleTaskDueDays),
      source: { domain: 'customers', type: 'customer.profile_refresh_due', id: c.id },
      sourceEventId: e.id,
      dedupeKey: `profile_refresh:${c.id}`,
      createdBy: 'system',
    },
  ]);
}

export function complianceSpec(deps: EngagementDeps, c: RuleCustomer): TaskSpec {
  return {
    customerId: c.id,
    unitId: c.home_unit_id,
    ownerId: c.rm_id,
    kind: 'compliance_review',
    title: '反洗钱高风险客户合规审查：复核身份、资金来源与交易背景，留存尽职调查记录',
    priority: 'high',
    dueAt: addDays(deps.clock.now(), deps.config.ruleTaskDueDays),
    source: { domain: 'engagement', type: 'aml_high_risk', id: c.id },
    dedupeKey: `compliance_review:${c.id}`,
    createdBy: 'system',
  };
}

/** Compliance review tasks for tagged customers without a recent or open review (one customer, or a batch). */
export async function complianceReviews(
  deps: EngagementDeps,
  tx: DbOrTx,
  id?: string,
  after = '',
  limit = 1000,
): Promise<{ scanned: RuleCustomer[]; created: number }> {
  const batch = await amlReviewBatch(tx, {
    after,
    id,
    tag: deps.config.amlHighRiskTag,
    reviewedSince: addMonths(deps.clock.now(), -deps.config.complianceReviewMonths),
    limit,
  });
  const made = await createTasks(
    tx,
    deps.clock,
    batch.map((c) => complianceSpec(deps, c)),
  );
  return { scanned: batch, created: made.length };
}

export async function onCustomerUpdated(deps: EngagementDeps, tx: DbOrTx, e: StoredEvent): Promise<void> {
  const fields = (e.payload as { fields?: unknown }).fields;
  if (!e.customerId || !Array.isArray(fields) || !fields.includes('tags')) return;
  await complianceReviews(deps, tx, e.customerId);
}

/** Any reassignment (ours through maker-checker, or another domain's) moves the open tasks; idempotent. */
export async function onCustomerReassigned(deps: EngagementDeps, tx: DbOrTx, e: StoredEvent): Promise<void> {
  const p = e.payload as { fromRmId?: string | null; toRmId?: string };
  if (!e.customerId || !p.toRmId) return;
  await moveOpenTasks(tx, e.customerId, p.fromRmId ?? null, p.toRmId, deps.clock.now());
}

export function subscribeTaskRules(bus: EventBus, deps: EngagementDeps): void {
  bus.on('task.requested', (tx, e) => onTaskRequested(deps, tx, e));
  bus.on('customer.created', (tx, e) => onCustomerCreated(deps, tx, e));
  bus.on('customer.profile_refresh_due', (tx, e) => onProfileRefreshDue(deps, tx, e));
  bus.on('customer.updated', (tx, e) => onCustomerUpdated(deps, tx, e));
  bus.on('customer.reassigned', (tx, e) => onCustomerReassigned(deps, tx, e));
}
