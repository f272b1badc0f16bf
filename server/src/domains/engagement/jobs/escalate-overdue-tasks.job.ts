import { emitEvents } from '../../../kernel/events/events';
import { newId } from '../../../kernel/ids';
import type { JobDefinition } from '../../../kernel/jobs/jobs';
import { recordAudit } from '../../audit';
import { addHours } from '../dates';
import type { EngagementDeps } from '../engagement.deps';
import * as repo from '../task.repository';
import { createTasks } from '../task.service';

/**
 * Overdue escalation: a task still open BANYAN_TASK_ESCALATION_HOURS after
 * it was due is escalated once to the branch manager of its owner's branch
 * (the customer's unit for a pooled task). The escalation is recorded, the
 * manager gets an alert task, and the customer timeline shows
 * `task.escalated`. A branch without a manager is recorded with no manager.
 */
export async function escalateOverdueTasks(deps: EngagementDeps, batchSize = 500): Promise<{ escalated: number }> {
  const now = deps.clock.now();
  const hours = deps.config.taskEscalationHours;
  const cutoff = addHours(now, -hours);
  let escalated = 0;
  // one run asks each owner's unit and each unit's branch manager once
  const unitOf = new Map<string, string | null>();
  const managerOf = new Map<string, string | null>();
  for (;;) {
    const batch = await repo.tasksToEscalate(deps.db, cutoff, batchSize);
    if (batch.length === 0) break;
    for (const t of batch) {
      await deps.db.transaction(async (tx) => {
        if (t.ownerId && !unitOf.has(t.ownerId)) unitOf.set(t.ownerId, await repo.userUnit(tx, t.ownerId));
        const unitId = (t.ownerId && unitOf.get(t.ownerId)) || t.unitId;
        if (!managerOf.has(unitId)) managerOf.set(unitId, (await repo.branchManagerOf(tx, unitId)).managerId);
        const managerId = managerOf.get(unitId) ?? null;
        const overdueHours = Math.floor((now.getTime() - t.dueAt.getTime()) / 3_600_000);
        const [alert] =
          managerId && managerId !== t.ownerId
            ? await createTasks(tx, deps.clock, [
                {
                  customerId: t.customerId,
                  unitId: t.unitId,
                  ownerId: managerId,
                  kind: 'overdue_escalation',
                  category: 'alert',
                  title: `任务逾期${overdueHours}小时未完成，已升级：${t.title}`.slice(0, 200),
                  description: `原任务 ${t.id}（负责人 ${t.ownerId ?? '网点公共池'}），应于 ${t.dueAt.toISOString()} 完成。`,
                  priority: 'high',
                  dueAt: addHours(now, hours),
                  source: { domain: 'engagement', type: 'task_escalation', id: t.id },
                  createdBy: 'system',
                },
              ])
            : [];
        const inserted = await repo.insertEscalation(tx, {
          id: newId('escalation'),
          taskId: t.id,
          customerId: t.customerId,
          managerId,
          alertTaskId: alert?.id ?? null,
          overdueHours,
          escalatedAt: now,
        });
        await repo.updateTask(tx, t.id, { escalatedAt: now, escalatedTo: managerId });
        if (!inserted) return;
        escalated++;
        await recordAudit(tx, deps.clock, {
          actorId: 'system',
          channel: 'system',
          action: 'task.escalate',
          subjectType: 'task',
          subjectId: t.id,
          customerId: t.customerId,
          changes: { managerId, overdueHours, alertTaskId: alert?.id ?? null },
        });
        await emitEvents(tx, deps.clock, [
          {
            type: 'task.escalated',
            aggregateType: 'task',
            aggregateId: t.id,
            customerId: t.customerId,
            actorId: 'system',
            payload: { taskId: t.id, kind: t.kind, managerId, overdueHours, alertTaskId: alert?.id ?? null },
          },
        ]);
      });
    }
    if (batch.length < batchSize) break;
  }
  return { escalated };
}

export function escalationJob(deps: EngagementDeps): JobDefinition {
  return {
    name: 'engagement.escalate-overdue-tasks',
    cron: '*/15 * * * *',
    expireInMinutes: 30,
    handler: async () => void (await escalateOverdueTasks(deps)),
  };
}
