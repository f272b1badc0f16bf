import type { Actor } from '../../kernel/actor';
import { MS } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { type DomainEvent, emitEvents } from '../../kernel/events/events';
import { inScope } from '../access';
import { auditContext, recordAudit } from '../audit';
import { customerInScope } from '../customers';
import * as repo from './complaint.repository';
import { remediesNotice } from './complaint.view';
import { getComplaint, loadComplaint, type RequestMeta, step } from './complaint-intake.service';
import { type ComplaintAction, handlerConflict, transition } from './complaint-workflow';
import type { ComplaintsDeps } from './complaints.deps';
import { complaintError, complaintFieldError } from './complaints.errors';
import type { CloseInput, ComplaintDetail } from './complaints.schema';
import type { ComplaintOutcome, ComplaintStatus, CustomerResponse, NewComplaintRow } from './complaints.tables';
import { deadlineFor } from './holiday.service';

type Change = {
  set: Partial<NewComplaintRow>;
  changes?: Record<string, unknown>;
  note?: string | null;
  events?: DomainEvent[];
};

/** Actions a person complained about (or the customer's RM) must not take on the complaint (CMP-05). */
const handling = new Set<string>([
  'assign',
  'start',
  'propose',
  'revise',
  'resolve',
  'close',
  'reopen',
  'extend',
  'new_facts',
  'duplicate',
]);

/**
 * One step of a complaint with a lock on its row: the workflow decides the
 * next status (or rejects the step), then the row, its history, the audit
 * record and the timeline event are written in one transaction.
 */
export async function act(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  action: ComplaintAction | 'extend' | 'new_facts' | 'duplicate' | 'link_customer' | 'corrective_done',
  meta: RequestMeta,
  mutate: (c: repo.ComplaintWithNames, tx: DbOrTx, to: ComplaintStatus) => Promise<Change>,
  tx0?: DbOrTx,
): Promise<void> {
  const run = async (tx: DbOrTx) => {
    const c = await loadComplaint(deps, actor, id, { tx, lock: true });
    if (handling.has(action) && handlerConflict(actor.userId, c)) {
      throw complaintError(
        'complaint.handler_conflict',
        'You are named in this complaint or are the customer’s RM (CMP-05)',
        {
          field: 'actor',
        },
      );
    }
    const to = isStatusAction(action) ? transition(c.status, action) : c.status;
    const change = await mutate(c, tx, to);
    const now = deps.clock.now();
    await repo.updateComplaint(tx, id, { ...change.set, status: to, updatedAt: now });
    await repo.insertHistory(tx, [
      step(id, c.customerId, action, c.status, to, actor.userId, change.note ?? null, now),
    ]);
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: `complaint.${action}`,
      subjectType: 'complaint',
      subjectId: id,
      customerId: c.customerId,
      changes: { from: c.status, to, ...(change.changes ?? {}) },
    });
    await emitEvents(tx, deps.clock, [
      {
        type: `complaint.${action}`,
        aggregateType: 'complaint',
        aggregateId: id,
        customerId: c.customerId,
        actorId: actor.userId,
        payload: {
          complaintId: id,
          reference: c.reference,
          from: c.status,
          to,
          unitId: c.unitId,
          ...(change.changes ?? {}),
        },
      },
      ...(change.events ?? []),
    ]);
  };
  if (tx0) await run(tx0);
  else await deps.db.transaction(run);
}

function isStatusAction(a: string): a is ComplaintAction {
  return !['extend', 'new_facts', 'duplicate', 'link_customer', 'corrective_done'].includes(a);
}

/** A task for a staff member about a complaint, through engagement's `task.requested` contract. */
export function taskRequest(
  c: { id: string; reference: string; customerId: string | null },
  input: { kind: string; title: string; ownerId: string; dueAt: Date; priority?: 'normal' | 'high' | 'urgent' },
  actorId: string,
): DomainEvent[] {
  if (!c.customerId) return [];
  return [
    {
      type: 'task.requested',
      aggregateType: 'complaint',
      aggregateId: c.id,
      customerId: c.customerId,
      actorId,
      payload: {
        kind: input.kind,
        title: input.title.slice(0, 200),
        dueAt: input.dueAt.toISOString(),
        priority: input.priority ?? 'high',
        ownerId: input.ownerId,
        source: { domain: 'complaints', type: input.kind, id: c.id },
      },
    },
  ];
}

export async function assignHandler(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  input: { handlerId: string; note?: string },
  meta?: RequestMeta,
): Promise<ComplaintDetail> {
  await act(deps, actor, id, 'assign', meta, async (c, tx) => {
    const h = await repo.activeStaff(tx, input.handlerId);
    if (!h) throw complaintFieldError('handlerId', 'no such active staff member');
    const conflict = handlerConflict(h.id, c);
    if (conflict) {
      // CMP-05 (回避): the staff member complained about, or the RM of record, cannot handle it
      throw complaintError(
        'complaint.handler_conflict',
        conflict === 'named_in_complaint'
          ? 'handlerId: this staff member is named in the complaint and cannot handle it (CMP-05)'
          : 'handlerId: the customer’s relationship manager cannot handle their complaint (CMP-05)',
        { field: 'handlerId', reason: conflict },
      );
    }
    if (actor.scope.kind === 'units' && !inScope(actor.scope, { unitId: h.unitId })) {
      throw complaintFieldError('handlerId', 'outside your organisation scope');
    }
    return {
      set: { handlerId: h.id, assignedAt: deps.clock.now() },
      changes: { handlerId: h.id },
      note: input.note ?? null,
      events: taskRequest(
        c,
        { kind: 'complaint_handling', title: `处理投诉 ${c.reference}`, ownerId: h.id, dueAt: c.dueAt },
        actor.userId,
      ),
    };
  });
  return getComplaint(deps, actor, id);
}

export async function simpleStep(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  action: 'start' | 'revise' | 'acknowledge',
  note: string | undefined,
  meta?: RequestMeta,
): Promise<ComplaintDetail> {
  await act(deps, actor, id, action, meta, async (c) => {
    if (action === 'start' && !c.handlerId) throw complaintFieldError('handlerId', 'assign a handler first');
    return {
      set:
        action === 'revise'
          ? { proposedAt: null }
          : action === 'acknowledge'
            ? { acknowledgedAt: deps.clock.now() }
            : {},
      note: note ?? null,
    };
  });
  return getComplaint(deps, actor, id);
}

export async function proposeResolution(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  input: { outcome: ComplaintOutcome; remedy?: string; remedyAmountMinor?: number; note?: string },
  meta?: RequestMeta,
): Promise<ComplaintDetail> {
  await act(deps, actor, id, 'propose', meta, async () => ({
    set: {
      outcome: input.outcome,
      remedy: input.remedy ?? null,
      remedyAmountMinor: input.remedyAmountMinor ?? null,
      proposedAt: deps.clock.now(),
    },
    changes: { outcome: input.outcome, remedyAmountMinor: input.remedyAmountMinor ?? null },
    note: input.note ?? null,
  }));
  return getComplaint(deps, actor, id);
}

/** The decision is told to the complainant: the clock stops; on time if before the due instant (CMP-01). */
export async function resolveComplaint(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  note: string | undefined,
  meta?: RequestMeta,
): Promise<ComplaintDetail> {
  await act(deps, actor, id, 'resolve', meta, async (c) => {
    const now = deps.clock.now();
    const onTime = now.getTime() < c.dueAt.getTime();
    const notice = remediesNotice(c.profile, deps.config.complaintReviewWindowDays);
    return {
      set: { decidedAt: now, onTime },
      changes: { outcome: c.outcome, onTime },
      note: note ? `${note}\n${notice}` : notice,
    };
  });
  return getComplaint(deps, actor, id);
}

export async function recordResponse(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  input: { response: CustomerResponse; note?: string },
  meta?: RequestMeta,
): Promise<ComplaintDetail> {
  await act(deps, actor, id, 'respond', meta, async () => ({
    set: { customerResponse: input.response },
    changes: { response: input.response },
    note: input.note ?? null,
  }));
  return getComplaint(deps, actor, id);
}

/** Close with the root cause and, when there is one, the corrective action to track (CMP-06). */
export async function closeComplaint(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  input: CloseInput,
  meta?: RequestMeta,
): Promise<ComplaintDetail> {
  await act(deps, actor, id, 'close', meta, async (c, tx) => {
    const now = deps.clock.now();
    if (input.correctiveOwnerId && !(await repo.activeStaff(tx, input.correctiveOwnerId))) {
      throw complaintFieldError('correctiveOwnerId', 'no such active staff member');
    }
    const correctiveDueAt = input.correctiveDueAt ? new Date(input.correctiveDueAt) : null;
    if (correctiveDueAt && correctiveDueAt.getTime() <= now.getTime()) {
      throw complaintFieldError('correctiveDueAt', 'must be in the future');
    }
    const closed: DomainEvent = {
      type: 'complaint.closed',
      aggregateType: 'complaint',
      aggregateId: c.id,
      customerId: c.customerId,
      actorId: actor.userId,
      payload: { complaintId: c.id, unitId: c.unitId, rmId: c.rmId, handlerId: c.handlerId, outcome: c.outcome },
    };
    return {
      set: {
        closedAt: now,
        rootCause: input.rootCause,
        correctiveAction: input.correctiveAction ?? null,
        correctiveOwnerId: input.correctiveOwnerId ?? null,
        correctiveDueAt,
      },
      changes: { rootCause: input.rootCause, correctiveOwnerId: input.correctiveOwnerId ?? null },
      note: input.note ?? null,
      events: [
        closed,
        ...(input.correctiveOwnerId && correctiveDueAt
          ? taskRequest(
              c,
              {
                kind: 'complaint_corrective_action',
                title: `投诉整改 ${c.reference}：${input.correctiveAction ?? ''}`,
                ownerId: input.correctiveOwnerId,
                dueAt: correctiveDueAt,
                priority: 'normal',
              },
              actor.userId,
            )
          : []),
      ],
    };
  });
  return getComplaint(deps, actor, id);
}

export async function completeCorrectiveAction(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  note: string | undefined,
  meta?: RequestMeta,
): Promise<ComplaintDetail> {
  await act(deps, actor, id, 'corrective_done', meta, async (c) => {
    if (!c.correctiveAction) throw complaintFieldError('correctiveAction', 'this complaint has no corrective action');
    if (c.correctiveDoneAt) throw complaintError('complaint.invalid_transition', 'correctiveAction: already completed');
    return { set: { correctiveDoneAt: deps.clock.now() }, note: note ?? null };
  });
  return getComplaint(deps, actor, id);
}

/** CMP-03: a withdrawal ends the process on the day it is received. */
export async function withdrawComplaint(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  note: string,
  meta?: RequestMeta,
): Promise<ComplaintDetail> {
  await act(deps, actor, id, 'withdraw', meta, async () => ({ set: { closedAt: deps.clock.now() }, note }));
  return getComplaint(deps, actor, id);
}

/** A restarted clock (CMP-04: new facts restart it from when the new material is received). */
async function restartedClock(
  deps: ComplaintsDeps,
  tx: DbOrTx,
  c: repo.ComplaintWithNames,
): Promise<Partial<NewComplaintRow>> {
  const now = deps.clock.now();
  const due = await deadlineFor(deps, tx, c.profile, now, 0);
  return {
    clockStartAt: now,
    extensionLevel: 0,
    dueDate: due.dueDate,
    dueAt: due.dueAt,
    reminderAt: null,
    dueSoonAt: null,
    overdueAt: null,
  };
}

/** Reopen a decided complaint on new facts: back to investigating, the clock restarts (CMP-04). */
export async function reopenComplaint(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  note: string,
  meta?: RequestMeta,
): Promise<ComplaintDetail> {
  await act(deps, actor, id, 'reopen', meta, async (c, tx) => {
    const clock = await restartedClock(deps, tx, c);
    return {
      set: { ...clock, decidedAt: null, onTime: null, closedAt: null, customerResponse: null, proposedAt: null },
      changes: { dueDate: clock.dueDate },
      note,
    };
  });
  return getComplaint(deps, actor, id);
}

/** CMP-04: new facts or reasons on an open complaint restart its clock from now. */
export async function addNewFacts(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  note: string,
  meta?: RequestMeta,
): Promise<ComplaintDetail> {
  await act(deps, actor, id, 'new_facts', meta, async (c, tx) => {
    if (c.decidedAt || c.closedAt)
      throw complaintError('complaint.invalid_transition', 'status: reopen a decided complaint instead');
    const clock = await restartedClock(deps, tx, c);
    return { set: clock, changes: { dueDate: clock.dueDate }, note };
  });
  return getComplaint(deps, actor, id);
}

/** CMP-04: link a repeat of the same complaint without new facts; it keeps the original's deadline. */
export async function linkDuplicate(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  input: { originalId: string; note?: string },
  meta?: RequestMeta,
): Promise<ComplaintDetail> {
  await act(deps, actor, id, 'duplicate', meta, async (c, tx) => {
    if (input.originalId === c.id) throw complaintFieldError('originalId', 'a complaint cannot repeat itself');
    const original = await loadComplaint(deps, actor, input.originalId, { tx }).catch(() => null);
    if (!original) throw complaintFieldError('originalId', 'no such complaint in your scope');
    if (original.duplicateOfId)
      throw complaintFieldError('originalId', 'link to the original complaint, not to a repeat');
    if (c.customerId !== original.customerId)
      throw complaintFieldError('originalId', 'the original is another customer’s complaint');
    return {
      set: {
        duplicateOfId: original.id,
        dueDate: original.dueDate,
        dueAt: original.dueAt,
        clockStartAt: original.clockStartAt,
        extensionLevel: original.extensionLevel,
      },
      changes: { originalId: original.id, dueDate: original.dueDate },
      note: input.note ?? null,
    };
  });
  return getComplaint(deps, actor, id);
}

/** Link an anonymous or unmatched complaint to a customer in scope. */
export async function linkCustomer(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  customerId: string,
  meta?: RequestMeta,
): Promise<ComplaintDetail> {
  await act(deps, actor, id, 'link_customer', meta, async (c, tx) => {
    if (c.customerId) throw complaintFieldError('customerId', 'this complaint is already linked to a customer');
    const customer = await customerInScope(deps, actor, customerId, { tx });
    // the history and attachments written before the link follow the complaint to its customer
    await repo.linkToCustomer(tx, c.id, customer.id);
    return { set: { customerId: customer.id, rmId: customer.rmId }, changes: { customerId: customer.id } };
  });
  return getComplaint(deps, actor, id);
}

export const reviewWindowMs = (days: number) => days * MS.day;
