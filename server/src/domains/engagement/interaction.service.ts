import type { Actor } from '../../kernel/actor';
import { MS } from '../../kernel/clock';
import { emitEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { decodeCursor, type Page, type PageQuery, toPage } from '../../kernel/pagination';
import { auditContext, recordAudit } from '../audit';
import { customerInScope, customerScope, maskedName } from '../customers';
import type { EngagementDeps } from './engagement.deps';
import { engagementError } from './engagement.errors';
import type { InteractionView, LogInteractionInput } from './engagement.schema';
import * as repo from './interaction.repository';
import { findTask } from './task.repository';
import { completeTask, createTasks, type RequestMeta } from './task.service';

/** A clock skew allowance for "when it happened" typed on another device. */
const futureToleranceMs = 5 * MS.minute;

function view(actor: Actor, r: repo.InteractionWithNames): InteractionView {
  return {
    id: r.id,
    customerId: r.customerId,
    customerName: maskedName(actor, { kind: r.customerKind, name: r.customerName }),
    staffId: r.staffId,
    staffName: r.staffName,
    channel: r.channel,
    direction: r.direction,
    purpose: r.purpose,
    outcome: r.outcome,
    notes: r.notes,
    occurredAt: r.occurredAt.toISOString(),
    nextAction: r.nextAction,
    nextActionAt: r.nextActionAt?.toISOString() ?? null,
    nextTaskId: r.nextTaskId,
    completedTaskId: r.completedTaskId,
  };
}

/**
 * Log a call, visit, meeting, email, SMS, WeChat conversation or counter
 * service with a customer in scope. It counts as contact for the contact
 * standard unless the customer was not reached; it can complete the open task
 * it was (a follow-up visit) and make a follow-up task for the next action.
 * The customer timeline shows `interaction.logged`.
 */
export async function logInteraction(
  deps: EngagementDeps,
  actor: Actor,
  customerId: string,
  input: LogInteractionInput,
  meta?: RequestMeta,
): Promise<InteractionView> {
  const now = deps.clock.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime() + futureToleranceMs) {
    throw engagementError('engagement.invalid_input', 'occurredAt: cannot be in the future', { field: 'occurredAt' });
  }
  const nextActionAt = input.nextActionAt ? new Date(input.nextActionAt) : null;
  if (input.createTask && (!input.nextAction || !nextActionAt)) {
    throw engagementError(
      'engagement.invalid_input',
      'nextActionAt: a follow-up task needs nextAction and nextActionAt',
      {
        field: input.nextAction ? 'nextActionAt' : 'nextAction',
      },
    );
  }
  const id = newId('interaction');
  await deps.db.transaction(async (tx) => {
    const c = await customerInScope(deps, actor, customerId, { tx });
    if (input.completesTaskId) {
      const t = await findTask(tx, input.completesTaskId, customerScope(actor));
      if (!t || t.customerId !== c.id) {
        throw engagementError('engagement.task_not_found', 'completesTaskId: no such task of this customer', {
          field: 'completesTaskId',
        });
      }
    }
    await repo.insertInteraction(tx, {
      id,
      customerId: c.id,
      staffId: actor.userId,
      channel: input.channel,
      direction: input.direction,
      purpose: input.purpose,
      outcome: input.outcome,
      notes: input.notes || null,
      occurredAt,
      nextAction: input.nextAction || null,
      nextActionAt,
      completedTaskId: input.completesTaskId ?? null,
      createdAt: now,
    });
    if (input.outcome !== 'not_reached') await repo.recordContact(tx, c.id, occurredAt, id);
    let nextTaskId: string | null = null;
    if (input.createTask && input.nextAction && nextActionAt) {
      const [made] = await createTasks(tx, deps.clock, [
        {
          customerId: c.id,
          unitId: c.homeUnitId,
          ownerId: actor.userId,
          kind: 'follow_up',
          title: input.nextAction,
          priority: 'normal',
          dueAt: nextActionAt,
          source: { domain: 'engagement', type: 'interaction', id },
          createdBy: actor.userId,
        },
      ]);
      nextTaskId = made?.id ?? null;
      await repo.updateInteraction(tx, id, { nextTaskId });
    }
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'interaction.log',
      subjectType: 'interaction',
      subjectId: id,
      customerId: c.id,
      changes: { channel: input.channel, purpose: input.purpose, outcome: input.outcome, nextTaskId },
    });
    await emitEvents(tx, deps.clock, [
      {
        type: 'interaction.logged',
        aggregateType: 'interaction',
        aggregateId: id,
        customerId: c.id,
        actorId: actor.userId,
        // ids and codes only: the notes are C2 and stay in the interaction
        payload: {
          interactionId: id,
          channel: input.channel,
          direction: input.direction,
          purpose: input.purpose,
          outcome: input.outcome,
          nextTaskId,
          completedTaskId: input.completesTaskId ?? null,
        },
      },
    ]);
    if (input.completesTaskId) {
      await completeTask(deps, actor, input.completesTaskId, input.notes || input.outcome, meta, tx);
    }
  });
  const [row] = await repo.listInteractions(deps.db, { scope: customerScope(actor), id }, null, 1);
  if (!row) throw engagementError('engagement.interaction_not_found', 'No such interaction');
  return view(actor, row);
}

/** A customer's interactions, newest first (keyset-paged). */
export async function customerInteractions(
  deps: EngagementDeps,
  actor: Actor,
  customerId: string,
  q: PageQuery,
): Promise<Page<InteractionView>> {
  await customerInScope(deps, actor, customerId);
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const rows = await repo.listInteractions(deps.db, { scope: customerScope(actor), customerId }, after, q.limit + 1);
  const page = toPage(rows, q.limit, (r) => [r.occurredAt, r.id]);
  return { items: page.items.map((r) => view(actor, r)), nextCursor: page.nextCursor };
}

/** One staff member's interactions (default: the actor's own), on customers in the actor's scope. */
export async function staffInteractions(
  deps: EngagementDeps,
  actor: Actor,
  q: PageQuery & { staffId?: string },
): Promise<Page<InteractionView>> {
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const rows = await repo.listInteractions(
    deps.db,
    { scope: customerScope(actor), staffId: q.staffId ?? actor.userId },
    after,
    q.limit + 1,
  );
  const page = toPage(rows, q.limit, (r) => [r.occurredAt, r.id]);
  return { items: page.items.map((r) => view(actor, r)), nextCursor: page.nextCursor };
}
