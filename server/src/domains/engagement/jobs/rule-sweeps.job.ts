import type { JobDefinition } from '../../../kernel/jobs/jobs';
import { recordAudit } from '../../audit';
import { addDays } from '../dates';
import type { EngagementDeps } from '../engagement.deps';
import { breachWindow } from '../policy.repository';
import { expiringBatch } from '../rules.repository';
import { createTasks } from '../task.service';
import { complianceReviews } from '../task-rules';

const tierNames: Record<string, string> = { private_banking: '私人银行', wealth: '财富', vip: '贵宾', mass: '大众' };

/** One audit record per sweep that made tasks (the tasks themselves are on each customer's timeline). */
async function auditSweep(deps: EngagementDeps, rule: string, created: number) {
  if (created === 0) return;
  await recordAudit(deps.db, deps.clock, {
    actorId: 'system',
    channel: 'system',
    action: 'task.rule_sweep',
    subjectType: 'task_rule',
    subjectId: rule,
    changes: { created },
  });
}

/**
 * Contact-standard breaches become tasks: every served customer not contacted
 * within their tier's standard and without an open contact-standard task gets
 * one, owned by their RM (or the unit pool). Windows of `batchSize` customers by id.
 */
export async function contactStandardSweep(deps: EngagementDeps, batchSize = 1000): Promise<{ created: number }> {
  const now = deps.clock.now();
  let after = '';
  let created = 0;
  for (;;) {
    const { rows: batch, lastId } = await breachWindow(deps.db, {
      after,
      now,
      timeZone: deps.config.timeZone,
      window: batchSize,
    });
    if (lastId === null) break;
    after = lastId;
    if (batch.length === 0) continue;
    created += await deps.db.transaction(async (tx) => {
      const made = await createTasks(
        tx,
        deps.clock,
        batch.map((c) => ({
          customerId: c.id,
          unitId: c.home_unit_id,
          ownerId: c.rm_id,
          kind: 'contact_standard',
          title: `联系频率未达标：${tierNames[c.tier] ?? c.tier}客户每${c.contact_every_months}个月至少联系一次，请尽快联系`,
          priority: c.tier === 'private_banking' || c.tier === 'wealth' ? 'high' : 'normal',
          dueAt: addDays(now, deps.config.ruleTaskDueDays),
          source: { domain: 'engagement', type: 'contact_standard', id: c.id },
          dedupeKey: `contact_standard:${c.id}`,
          createdBy: 'system',
        })),
      );
      return made.length;
    });
  }
  await auditSweep(deps, 'contact_standard', created);
  return { created };
}

/** SUIT-05: a risk assessment expiring within BANYAN_ASSESSMENT_EXPIRY_NOTICE_DAYS gets a reassessment task due at expiry. */
export async function assessmentExpirySweep(deps: EngagementDeps, batchSize = 1000): Promise<{ created: number }> {
  const now = deps.clock.now();
  const until = addDays(now, deps.config.assessmentExpiryNoticeDays);
  let after = '';
  let created = 0;
  for (;;) {
    const batch = await expiringBatch(deps.db, { after, now, until, limit: batchSize });
    if (batch.length === 0) break;
    after = batch.at(-1)?.id ?? after;
    created += await deps.db.transaction(async (tx) => {
      const made = await createTasks(
        tx,
        deps.clock,
        batch.map((c) => ({
          customerId: c.id,
          unitId: c.home_unit_id,
          ownerId: c.rm_id,
          kind: 'assessment_expiring',
          title: '风险承受能力评估即将到期：请邀请客户重新评估（到期后不得销售高于原等级的产品）',
          priority: 'high',
          dueAt: new Date(c.risk_expires_at ?? until),
          source: { domain: 'customers', type: 'risk_assessment', id: c.id },
          dedupeKey: `assessment_expiring:${c.id}`,
          createdBy: 'system',
        })),
      );
      return made.length;
    });
    if (batch.length < batchSize) break;
  }
  await auditSweep(deps, 'assessment_expiring', created);
  return { created };
}

/** Customers tagged high AML risk without a review in BANYAN_COMPLIANCE_REVIEW_MONTHS get a compliance review task. */
export async function complianceReviewSweep(deps: EngagementDeps, batchSize = 1000): Promise<{ created: number }> {
  let after = '';
  let created = 0;
  for (;;) {
    const r = await deps.db.transaction((tx) => complianceReviews(deps, tx, undefined, after, batchSize));
    created += r.created;
    if (r.scanned.length < batchSize) break;
    after = r.scanned.at(-1)?.id ?? after;
  }
  await auditSweep(deps, 'compliance_review', created);
  return { created };
}

/** Nightly rule sweeps, in the bank's time zone, after the customer data-quality sweep (02:30). */
export function ruleSweepJobs(deps: EngagementDeps): JobDefinition[] {
  return [
    {
      name: 'engagement.contact-standard',
      cron: '0 3 * * *',
      expireInMinutes: 180,
      handler: async () => void (await contactStandardSweep(deps)),
    },
    {
      name: 'engagement.assessment-expiry',
      cron: '20 3 * * *',
      expireInMinutes: 120,
      handler: async () => void (await assessmentExpirySweep(deps)),
    },
    {
      name: 'engagement.compliance-review',
      cron: '40 3 * * *',
      expireInMinutes: 120,
      handler: async () => void (await complianceReviewSweep(deps)),
    },
  ];
}
