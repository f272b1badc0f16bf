import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../kernel/actor';
import type { Clock } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { emitEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { decodeCursor, type Page, toPage } from '../../kernel/pagination';
import { inScope } from '../access';
import { auditContext, recordAudit } from '../audit';
import { customerInScope, customerScope, maskedName } from '../customers';
import type { EngagementDeps } from './engagement.deps';
import { engagementError } from './engagement.errors';
import type { CreateTaskInput, ListTasksQuery, TaskView, UpdateTaskInput } from './engagement.schema';
import type { NewTaskRow, TaskCategory, TaskPriority, TaskRow, TaskStatus } from './engagement.tables';
import * as repo from './task.repository';

export type RequestMeta = Pick<FastifyRequest, 'id' | 'ip'> | undefined;

export function taskView(actor: Actor, t: repo.TaskWithNames, now: Date): TaskView {
  const open = t.status === 'open' || t.status === 'in_progress';
  return {
    id: t.id,
    customerId: t.customerId,
    customerName: maskedName(actor, { kind: t.customerKind, name: t.customerName }),
    ownerId: t.ownerId,
    ownerName: t.ownerName,
    unitId: t.unitId,
    kind: t.kind,
    category: t.category,
    title: t.title,
    description: t.description,
    priority: t.priority,
    status: t.status,
    dueAt: t.dueAt.toISOString(),
    overdue: open && t.dueAt.getTime() < now.getTime(),
    source: { domain: t.sourceDomain, type: t.sourceType, id: t.sourceId },
    createdAt: t.createdAt.toISOString(),
    completedAt: t.completedAt?.toISOString() ?? null,
    completedBy: t.completedBy,
    outcomeNotes: t.outcomeNotes,
    cancelReason: t.cancelReason,
    escalatedAt: t.escalatedAt?.toISOString() ?? null,
    escalatedTo: t.escalatedTo,
  };
}

/** What a rule, another domain's request or a person asks for. */
export type TaskSpec = {
  customerId: string;
  unitId: string;
  ownerId: string | null;
  kind: string;
  category?: TaskCategory;
  title: string;
  description?: string | null;
  priority: TaskPriority;
  dueAt: Date;
  source: { domain: string; type: string; id: string | null };
  sourceEventId?: string | null;
  dedupeKey?: string | null;
  createdBy: string;
};

/** `*_follow_up` kinds are follow-up visits (回访); everything else is a task. */
export function categoryOf(kind: string): TaskCategory {
  return kind === 'follow_up' || kind.endsWith('_follow_up') ? 'follow_up' : 'task';
}

/**
 * Make tasks in the caller's transaction, skipping any whose source event or
 * open dedupe key already has one (idempotent), and emit `task.created` for
 * each made (the customer timeline shows it). Returns the tasks made.
 */
export async function createTasks(tx: DbOrTx, clock: Clock, specs: readonly TaskSpec[]): Promise<TaskRow[]> {
  if (specs.length === 0) return [];
  const now = clock.now();
  const rows: NewTaskRow[] = specs.map((s) => ({
    id: newId('task'),
    customerId: s.customerId,
    ownerId: s.ownerId,
    unitId: s.unitId,
    kind: s.kind,
    category: s.category ?? categoryOf(s.kind),
    title: s.title,
    description: s.description ?? null,
    priority: s.priority,
    status: 'open',
    dueAt: s.dueAt,
    sourceDomain: s.source.domain,
    sourceType: s.source.type,
    sourceId: s.source.id,
    sourceEventId: s.sourceEventId ?? null,
    dedupeKey: s.dedupeKey ?? null,
    createdBy: s.createdBy,
    createdAt: now,
    updatedAt: now,
  }));
  const made = await repo.insertTasks(tx, rows);
  await emitEvents(
    tx,
    clock,
    made.map((t) => ({
      type: 'task.created',
      aggregateType: 'task',
      aggregateId: t.id,
      customerId: t.customerId,
      actorId: t.createdBy,
      payload: {
        taskId: t.id,
        kind: t.kind,
        category: t.category,
        ownerId: t.ownerId,
        dueAt: t.dueAt.toISOString(),
        source: t.sourceDomain,
      },
    })),
  );
  return made;
}

/**
 * A new owner must be active and within the actor's reach: an RM hands tasks
 * only within the books they hold (their own and covered ones); a
 * unit-scoped actor only to staff of their units.
 */
async function checkOwner(tx: DbOrTx, actor: Actor, ownerId: string) {
  const u = await repo.activeUser(tx, ownerId);
  if (!u) {
    throw engagementError('engagement.invalid_owner', 'ownerId: no such active staff member', { field: 'ownerId' });
  }
  const s = actor.scope;
  if ((s.kind === 'book' && !s.rmIds.includes(u.id)) || (s.kind === 'units' && !inScope(s, { unitId: u.unitId }))) {
    throw engagementError('engagement.invalid_owner', 'ownerId: outside your scope', { field: 'ownerId' });
  }
  return u;
}

/** A task made by hand on a customer in scope; the owner defaults to the customer's RM, else the actor. */
export async function createTask(
  deps: EngagementDeps,
  actor: Actor,
  input: CreateTaskInput,
  meta?: RequestMeta,
): Promise<TaskView> {
  const id = await deps.db.transaction(async (tx) => {
    const c = await customerInScope(deps, actor, input.customerId, { tx });
    const ownerId = input.ownerId ?? c.rmId ?? actor.userId;
    if (input.ownerId) await checkOwner(tx, actor, input.ownerId);
    const [made] = await createTasks(tx, deps.clock, [
      {
        customerId: c.id,
        unitId: c.homeUnitId,
        ownerId,
        kind: input.kind,
        category: input.category,
        title: input.title,
        description: input.description,
        priority: input.priority,
        dueAt: new Date(input.dueAt),
        source: { domain: 'engagement', type: 'manual', id: null },
        createdBy: actor.userId,
      },
    ]);
    if (!made) throw engagementError('engagement.invalid_input', 'task: could not be created');
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'task.create',
      subjectType: 'task',
      subjectId: made.id,
      customerId: c.id,
      changes: { kind: made.kind, ownerId, dueAt: made.dueAt.toISOString(), priority: made.priority },
    });
    return made.id;
  });
  return getTask(deps, actor, id);
}

export async function getTask(deps: EngagementDeps, actor: Actor, id: string): Promise<TaskView> {
  const t = await repo.findTask(deps.db, id, customerScope(actor));
  if (!t) throw engagementError('engagement.task_not_found', 'No such task');
  return taskView(actor, t, deps.clock.now());
}

const transitions: Record<TaskStatus, readonly TaskStatus[]> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['open', 'done', 'cancelled'],
  done: [],
  cancelled: [],
};

function checkTransition(from: TaskStatus, to: TaskStatus) {
  if (!transitions[from].includes(to)) {
    throw engagementError('engagement.invalid_transition', `status: a ${from} task cannot become ${to}`, {
      field: 'status',
      from,
      to,
    });
  }
}

/**
 * Change a task with a lock on its row, audited and on the customer's
 * timeline: `mutate` returns the columns to set and the event to emit.
 */
async function changeTask(
  deps: EngagementDeps,
  actor: Actor,
  id: string,
  meta: RequestMeta,
  mutate: (
    t: repo.TaskWithNames,
    tx: DbOrTx,
  ) => Promise<{ set: Partial<NewTaskRow>; event: string; changes: Record<string, unknown> } | null>,
  tx0?: DbOrTx,
): Promise<void> {
  const run = async (tx: DbOrTx) => {
    const t = await repo.findTask(tx, id, customerScope(actor), { lock: true });
    if (!t) throw engagementError('engagement.task_not_found', 'No such task');
    const change = await mutate(t, tx);
    if (!change) return;
    await repo.updateTask(tx, id, { ...change.set, updatedAt: deps.clock.now() });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: `task.${change.event}`,
      subjectType: 'task',
      subjectId: id,
      customerId: t.customerId,
      changes: change.changes,
    });
    await emitEvents(tx, deps.clock, [
      {
        type: `task.${change.event === 'update' ? 'updated' : change.event === 'complete' ? 'completed' : 'cancelled'}`,
        aggregateType: 'task',
        aggregateId: id,
        customerId: t.customerId,
        actorId: actor.userId,
        payload: { taskId: id, kind: t.kind, category: t.category, ...change.changes },
      },
    ]);
  };
  if (tx0) await run(tx0);
  else await deps.db.transaction(run);
}

export async function updateTask(
  deps: EngagementDeps,
  actor: Actor,
  id: string,
  input: UpdateTaskInput,
  meta?: RequestMeta,
): Promise<TaskView> {
  await changeTask(deps, actor, id, meta, async (t, tx) => {
    const set: Partial<NewTaskRow> = {};
    const fields: string[] = [];
    if (input.status && input.status !== t.status) {
      checkTransition(t.status, input.status);
      set.status = input.status;
      if (input.status === 'in_progress' && !t.startedAt) set.startedAt = deps.clock.now();
      fields.push('status');
    } else if (t.status === 'done' || t.status === 'cancelled') {
      throw engagementError('engagement.invalid_transition', `status: a ${t.status} task cannot be changed`, {
        field: 'status',
      });
    }
    if (input.dueAt && new Date(input.dueAt).getTime() !== t.dueAt.getTime()) {
      set.dueAt = new Date(input.dueAt);
      // a new due date restarts the escalation clock
      set.escalatedAt = null;
      fields.push('dueAt');
    }
    if (input.priority && input.priority !== t.priority) {
      set.priority = input.priority;
      fields.push('priority');
    }
    if (input.ownerId && input.ownerId !== t.ownerId) {
      await checkOwner(tx, actor, input.ownerId);
      set.ownerId = input.ownerId;
      fields.push('ownerId');
    }
    if (fields.length === 0) return null;
    return { set, event: 'update', changes: { fields, ...(set.status ? { status: set.status } : {}) } };
  });
  return getTask(deps, actor, id);
}

/** Complete an open task with outcome notes (completing a follow-up visit records its outcome). */
export async function completeTask(
  deps: EngagementDeps,
  actor: Actor,
  id: string,
  outcomeNotes: string,
  meta?: RequestMeta,
  tx?: DbOrTx,
): Promise<void> {
  await changeTask(
    deps,
    actor,
    id,
    meta,
    async (t) => {
      checkTransition(t.status, 'done');
      const now = deps.clock.now();
      return {
        set: { status: 'done', completedAt: now, completedBy: actor.userId, outcomeNotes },
        event: 'complete',
        changes: { status: 'done', onTime: now.getTime() <= t.dueAt.getTime() },
      };
    },
    tx,
  );
}

export async function cancelTask(
  deps: EngagementDeps,
  actor: Actor,
  id: string,
  reason: string,
  meta?: RequestMeta,
): Promise<TaskView> {
  await changeTask(deps, actor, id, meta, async (t) => {
    checkTransition(t.status, 'cancelled');
    return { set: { status: 'cancelled', cancelReason: reason }, event: 'cancel', changes: { status: 'cancelled' } };
  });
  return getTask(deps, actor, id);
}

/** My tasks (default) or every task on customers in my scope, soonest due first. */
export async function listTasks(deps: EngagementDeps, actor: Actor, q: ListTasksQuery): Promise<Page<TaskView>> {
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const rows = await repo.listTasks(
    deps.db,
    {
      scope: customerScope(actor),
      ownerId: q.view === 'mine' ? actor.userId : q.ownerId,
      customerId: q.customerId,
      statuses: q.status ?? repo.openStatuses,
      category: q.category,
      dueBefore: q.dueBefore ? new Date(q.dueBefore) : undefined,
    },
    'due',
    after,
    q.limit + 1,
  );
  const page = toPage(rows, q.limit, (r) => repo.taskSortValues('due', r));
  const now = deps.clock.now();
  return { items: page.items.map((t) => taskView(actor, t, now)), nextCursor: page.nextCursor };
}

/** A customer's tasks, newest first (the 360 page's tasks section). */
export async function customerTasks(
  deps: EngagementDeps,
  actor: Actor,
  customerId: string,
  q: { limit: number; cursor?: string; status?: TaskStatus[] },
): Promise<Page<TaskView>> {
  await customerInScope(deps, actor, customerId);
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const rows = await repo.listTasks(
    deps.db,
    { scope: customerScope(actor), customerId, statuses: q.status },
    'created',
    after,
    q.limit + 1,
  );
  const page = toPage(rows, q.limit, (r) => repo.taskSortValues('created', r));
  const now = deps.clock.now();
  return { items: page.items.map((t) => taskView(actor, t, now)), nextCursor: page.nextCursor };
}
