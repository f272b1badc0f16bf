import { eq, or, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../kernel/actor';
import { localDate, MS } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { emitEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { decodeCursor, type Page, toPage } from '../../kernel/pagination';
import { inScope, scopeCondition } from '../access';
import { auditContext, recordAudit } from '../audit';
import { customerInScope } from '../customers';
import * as repo from './complaint.repository';
import { acknowledgementText, toComplaintView } from './complaint.view';
import type { ComplaintsDeps } from './complaints.deps';
import { complaintError, complaintFieldError } from './complaints.errors';
import type { ComplaintDetail, ComplaintView, ListComplaintsQuery, RegisterComplaintInput } from './complaints.schema';
import { type ComplaintStatus, complaints, openComplaintStatuses } from './complaints.tables';
import { deadlineFor } from './holiday.service';

export type RequestMeta = Pick<FastifyRequest, 'id' | 'ip'> | undefined;

/** The actor's data scope over complaints (DS-05): by branch or RM book, plus the complaints assigned to them. */
export function complaintScope(actor: Actor): SQL {
  return or(
    scopeCondition(actor.scope, { rmColumn: complaints.rmId, unitColumn: complaints.unitId }),
    eq(complaints.handlerId, actor.userId),
  ) as SQL;
}

export async function loadComplaint(
  deps: Pick<ComplaintsDeps, 'db'>,
  actor: Actor,
  id: string,
  opts: { tx?: DbOrTx; lock?: boolean } = {},
): Promise<repo.ComplaintWithNames> {
  const c = await repo.findComplaint(opts.tx ?? deps.db, id, complaintScope(actor), { lock: opts.lock });
  if (!c) throw complaintError('complaint.not_found', 'No such complaint');
  return c;
}

export function referenceFor(id: string, receivedAt: Date, timeZone: string): string {
  return `TS${localDate(receivedAt, timeZone).replaceAll('-', '')}-${id.slice(-8).toUpperCase()}`;
}

/**
 * Register a complaint from any channel (CMP-03: a reasonable complaint is
 * never refused; an anonymous or unmatched complainant is accepted and can be
 * linked to a customer later). The clock starts on receipt and the
 * acknowledgement is recorded at once (INT-FCA-01).
 */
export async function registerComplaint(
  deps: ComplaintsDeps,
  actor: Actor,
  input: RegisterComplaintInput,
  meta?: RequestMeta,
): Promise<ComplaintDetail> {
  const now = deps.clock.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime()) throw complaintFieldError('receivedAt', 'must not be in the future');
  if (receivedAt.getTime() < now.getTime() - 366 * MS.day)
    throw complaintFieldError('receivedAt', 'more than a year ago');
  const id = await deps.db.transaction(async (tx) => {
    const customer = input.customerId ? await customerInScope(deps, actor, input.customerId, { tx }) : null;
    const unitId = input.unitId ?? customer?.homeUnitId ?? actor.unitId;
    const unit = await repo.unitById(tx, unitId);
    if (!unit) throw complaintFieldError('unitId', 'no such unit');
    if (actor.scope.kind === 'units' && !inScope(actor.scope, { unitId })) {
      throw complaintFieldError('unitId', 'outside your organisation scope');
    }
    for (const [i, s] of input.staffInvolved.entries()) {
      if (!(await repo.activeStaff(tx, s)))
        throw complaintFieldError(`staffInvolved.${i}`, 'no such active staff member');
    }
    const profile = input.profile ?? deps.config.complaintProfile;
    const due = await deadlineFor(deps, tx, profile, receivedAt, 0);
    const cid = newId('complaint');
    const reference = referenceFor(cid, receivedAt, deps.config.timeZone);
    await repo.insertComplaint(tx, {
      id: cid,
      reference,
      customerId: customer?.id ?? null,
      complainantName: input.complainantName ?? null,
      complainantContact: input.complainantContact ?? null,
      channel: input.channel,
      category: input.category,
      productCode: input.productCode ?? null,
      unitId,
      rmId: customer?.rmId ?? null,
      staffInvolved: input.staffInvolved,
      severity: input.severity,
      amountMinor: input.amountMinor ?? null,
      currency: input.currency,
      desiredRemedy: input.desiredRemedy ?? null,
      description: input.description,
      status: 'acknowledged',
      profile,
      receivedAt,
      clockStartAt: receivedAt,
      extensionLevel: 0,
      dueDate: due.dueDate,
      dueAt: due.dueAt,
      acknowledgedAt: now,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    const ack = acknowledgementText(
      { reference, profile, dueDate: due.dueDate },
      localDate(receivedAt, deps.config.timeZone),
    );
    await repo.insertHistory(tx, [
      step(cid, customer?.id ?? null, 'register', null, 'received', actor.userId, null, now),
      step(cid, customer?.id ?? null, 'acknowledge', 'received', 'acknowledged', actor.userId, ack, now),
    ]);
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'complaint.register',
      subjectType: 'complaint',
      subjectId: cid,
      customerId: customer?.id ?? null,
      changes: {
        channel: input.channel,
        category: input.category,
        severity: input.severity,
        unitId,
        profile,
        dueDate: due.dueDate,
        status: 'acknowledged',
      },
    });
    await emitEvents(tx, deps.clock, [
      {
        type: 'complaint.registered',
        aggregateType: 'complaint',
        aggregateId: cid,
        customerId: customer?.id ?? null,
        actorId: actor.userId,
        payload: {
          complaintId: cid,
          reference,
          channel: input.channel,
          category: input.category,
          dueDate: due.dueDate,
        },
      },
    ]);
    return cid;
  });
  return getComplaint(deps, actor, id);
}

export function step(
  complaintId: string,
  customerId: string | null,
  action: string,
  fromStatus: ComplaintStatus | null,
  toStatus: ComplaintStatus,
  actorId: string,
  note: string | null,
  at: Date,
): repo.HistoryRow {
  return { id: newId('complaintStep'), complaintId, customerId, action, fromStatus, toStatus, actorId, note, at };
}

export async function getComplaint(deps: ComplaintsDeps, actor: Actor, id: string): Promise<ComplaintDetail> {
  const c = await loadComplaint(deps, actor, id);
  const now = deps.clock.now();
  const [history, attachments, repeats, duplicates] = await Promise.all([
    repo.historyOf(deps.db, id),
    repo.attachmentsOf(deps.db, id),
    repo.possibleRepeats(deps.db, c, new Date(c.receivedAt.getTime() - 60 * MS.day)),
    repo.duplicatesOf(deps.db, id),
  ]);
  return {
    ...toComplaintView(actor, c, now, deps.config.complaintDueSoonDays),
    history: history.map(({ h, actorName }) => ({
      id: h.id,
      action: h.action,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      actorId: h.actorId,
      actorName,
      note: h.note,
      at: h.at.toISOString(),
    })),
    attachments: attachments.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    possibleRepeats: repeats,
    duplicates,
    acknowledgement: history.find((h) => h.h.action === 'acknowledge')?.h.note ?? null,
  };
}

/** The complaints board: mine, my scope, or escalated; soonest due first. */
export async function listComplaints(
  deps: ComplaintsDeps,
  actor: Actor,
  q: ListComplaintsQuery,
): Promise<Page<ComplaintView>> {
  const statuses: readonly ComplaintStatus[] | undefined =
    q.status === 'open' ? openComplaintStatuses : q.status === 'all' ? undefined : [q.status];
  const rows = await repo.listComplaints(deps.db, {
    scope: complaintScope(actor),
    handlerId: q.view === 'mine' ? actor.userId : undefined,
    escalated: q.view === 'escalated',
    statuses,
    category: q.category,
    channel: q.channel,
    after: q.cursor ? decodeCursor(q.cursor, 2) : undefined,
    limit: q.limit,
  });
  const now = deps.clock.now();
  const page = toPage(rows, q.limit, (r) => [r.dueAt, r.id]);
  return {
    items: page.items.map((r) => toComplaintView(actor, r, now, deps.config.complaintDueSoonDays)),
    nextCursor: page.nextCursor,
  };
}

/** The complaints section of the customer 360 page. */
export async function customerComplaintList(
  deps: ComplaintsDeps,
  actor: Actor,
  customerId: string,
): Promise<ComplaintView[]> {
  await customerInScope(deps, actor, customerId);
  const rows = await repo.customerComplaints(deps.db, customerId, complaintScope(actor), 100);
  const now = deps.clock.now();
  return rows.map((r) => toComplaintView(actor, r, now, deps.config.complaintDueSoonDays));
}
