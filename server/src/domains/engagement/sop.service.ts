import type { Actor } from '../../kernel/actor';
import type { Clock } from '../../kernel/clock';
import type { Db } from '../../kernel/db';
import { emitEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { auditContext, recordAudit } from '../audit';
import { customerInScope, customerScope } from '../customers';
import type { EngagementDeps } from './engagement.deps';
import { engagementError } from './engagement.errors';
import type { SopRunView } from './engagement.schema';
import type { SopRunRow, SopTemplateRow } from './engagement.tables';
import * as repo from './sop.repository';
import { seedSopTemplates } from './sop-templates-cn';
import { findTask } from './task.repository';
import { completeTask, type RequestMeta } from './task.service';

/** Insert the seeded service standards a database lacks (idempotent by code). */
export async function ensureSopTemplates(db: Db, clock: Clock): Promise<void> {
  const now = clock.now();
  await repo.insertTemplates(
    db,
    seedSopTemplates.map((t) => ({ id: newId('sopTemplate'), ...t, active: true, createdAt: now, updatedAt: now })),
  );
}

export async function listSopTemplates(deps: EngagementDeps) {
  return (await repo.listTemplates(deps.db)).map((t) => ({
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description,
    steps: t.steps,
    active: t.active,
  }));
}

async function runViews(deps: EngagementDeps, runs: SopRunRow[]): Promise<SopRunView[]> {
  const templates = new Map<string, SopTemplateRow>(
    (await repo.templatesById(deps.db, [...new Set(runs.map((r) => r.templateId))])).map((t) => [t.id, t]),
  );
  const steps = await repo.stepsOf(
    deps.db,
    runs.map((r) => r.id),
  );
  return runs.map((r) => {
    const t = templates.get(r.templateId);
    return {
      id: r.id,
      customerId: r.customerId,
      templateId: r.templateId,
      templateCode: t?.code ?? '',
      templateName: t?.name ?? '',
      status: r.status,
      taskId: r.taskId,
      startedBy: r.startedBy,
      startedAt: r.startedAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
      steps: r.steps.map((s) => {
        const done = steps.find((x) => x.s.runId === r.id && x.s.stepKey === s.key);
        return {
          ...s,
          doneBy: done?.s.doneBy ?? null,
          doneByName: done?.doneByName ?? null,
          doneAt: done?.s.doneAt.toISOString() ?? null,
          evidence: done?.s.evidence ?? null,
        };
      }),
    };
  });
}

/** Start a service standard on a customer in scope, optionally for one of their tasks. */
export async function startSopRun(
  deps: EngagementDeps,
  actor: Actor,
  customerId: string,
  input: { templateCode: string; taskId?: string },
  meta?: RequestMeta,
): Promise<SopRunView> {
  const id = newId('sopRun');
  await deps.db.transaction(async (tx) => {
    const c = await customerInScope(deps, actor, customerId, { tx });
    const t = await repo.templateByCode(tx, input.templateCode);
    if (!t?.active) {
      throw engagementError('engagement.sop_template_not_found', 'templateCode: no such service standard', {
        field: 'templateCode',
      });
    }
    if (input.taskId) {
      const task = await findTask(tx, input.taskId, customerScope(actor));
      if (!task || task.customerId !== c.id) {
        throw engagementError('engagement.task_not_found', 'taskId: no such task of this customer', {
          field: 'taskId',
        });
      }
    }
    await repo.insertRun(tx, {
      id,
      customerId: c.id,
      templateId: t.id,
      steps: t.steps,
      status: 'in_progress',
      taskId: input.taskId ?? null,
      startedBy: actor.userId,
      startedAt: deps.clock.now(),
    });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'sop_run.start',
      subjectType: 'sop_run',
      subjectId: id,
      customerId: c.id,
      changes: { template: t.code },
    });
    await emitEvents(tx, deps.clock, [
      {
        type: 'sop.run_started',
        aggregateType: 'sop_run',
        aggregateId: id,
        customerId: c.id,
        actorId: actor.userId,
        payload: { runId: id, template: t.code },
      },
    ]);
  });
  return (await sopRuns(deps, actor, customerId)).find((r) => r.id === id) as SopRunView;
}

export async function sopRuns(deps: EngagementDeps, actor: Actor, customerId: string): Promise<SopRunView[]> {
  await customerInScope(deps, actor, customerId);
  return runViews(deps, await repo.runsOfCustomer(deps.db, customerId, 50));
}

/**
 * Record that a step of a run was done, by whom and when, with evidence
 * notes (required by steps marked so). Doing the last step completes the run,
 * and the task it was started for.
 */
export async function completeSopStep(
  deps: EngagementDeps,
  actor: Actor,
  runId: string,
  key: string,
  evidence: string | undefined,
  meta?: RequestMeta,
): Promise<SopRunView> {
  const customerId = await deps.db.transaction(async (tx) => {
    const run = await repo.findRun(tx, runId, { lock: true });
    if (!run) throw engagementError('engagement.sop_run_not_found', 'No such service standard run');
    // DS-05: a run on a customer outside scope answers as absent
    await customerInScope(deps, actor, run.customerId, { tx }).catch(() => {
      throw engagementError('engagement.sop_run_not_found', 'No such service standard run');
    });
    if (run.status !== 'in_progress') {
      throw engagementError('engagement.sop_run_closed', `run: the run is ${run.status}`, { field: 'runId' });
    }
    const step = run.steps.find((s) => s.key === key);
    if (!step)
      throw engagementError('engagement.sop_step_not_found', 'key: no such step in this run', { field: 'key' });
    if (step.evidenceRequired && !evidence) {
      throw engagementError('engagement.invalid_input', 'evidence: this step needs evidence notes', {
        field: 'evidence',
      });
    }
    const now = deps.clock.now();
    const inserted = await repo.insertStep(tx, {
      runId,
      stepKey: key,
      customerId: run.customerId,
      doneBy: actor.userId,
      doneAt: now,
      evidence: evidence || null,
    });
    if (!inserted)
      throw engagementError('engagement.sop_step_done', 'key: this step is already done', { field: 'key' });
    const done = new Set((await repo.stepsOf(tx, [runId])).map((s) => s.s.stepKey));
    const complete = run.steps.every((s) => done.has(s.key));
    if (complete) await repo.updateRun(tx, runId, { status: 'completed', completedAt: now });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'sop_run.step',
      subjectType: 'sop_run',
      subjectId: runId,
      customerId: run.customerId,
      changes: { step: key, completed: complete },
    });
    await emitEvents(tx, deps.clock, [
      {
        type: complete ? 'sop.run_completed' : 'sop.step_done',
        aggregateType: 'sop_run',
        aggregateId: runId,
        customerId: run.customerId,
        actorId: actor.userId,
        payload: { runId, step: key },
      },
    ]);
    if (complete && run.taskId) {
      const task = await findTask(tx, run.taskId, customerScope(actor));
      if (task && (task.status === 'open' || task.status === 'in_progress')) {
        await completeTask(deps, actor, run.taskId, '已按服务标准完成全部步骤', meta, tx);
      }
    }
    return run.customerId;
  });
  return (await sopRuns(deps, actor, customerId)).find((r) => r.id === runId) as SopRunView;
}
