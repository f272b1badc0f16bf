import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor';
import { localDate, MS } from '../../kernel/clock';
import { emitEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { type ApprovalExecutor, approvals, registerApprovalExecutor, requestApproval } from '../access';
import { auditContext, recordAudit } from '../audit';
import * as repo from './complaint.repository';
import { acknowledgementText } from './complaint.view';
import { nextExtension, periodEnd, plusDays, startOfLocalDay } from './complaint-clock';
import { getComplaint, loadComplaint, type RequestMeta, referenceFor, step } from './complaint-intake.service';
import { isOpen } from './complaint-workflow';
import { act } from './complaint-workflow.service';
import type { ComplaintsDeps } from './complaints.deps';
import { complaintError } from './complaints.errors';
import type { ComplaintDetail } from './complaints.schema';
import { calendarFrom, deadlineFor, profileOf } from './holiday.service';

/** The maker-checker action of CMP-01's second extension (to 60 days). */
export const extendAction = 'complaint.extend';

type ExtendPayload = { complaintId: string; level: number; reason: string };

/**
 * CMP-01: extend a complex complaint to 30 days; a particularly complex one
 * to 60 days only with the approval of a superior (maker-checker, a
 * different user with `approvals:decide` and `complaints:handle`). The
 * complainant is told of every extension (recorded in the history).
 */
export async function extendComplaint(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  reason: string,
  meta?: RequestMeta,
): Promise<{ complaint: ComplaintDetail; approvalId: string | null }> {
  let approvalId: string | null = null;
  await deps.db.transaction(async (tx) => {
    const c = await loadComplaint(deps, actor, id, { tx, lock: true });
    if (!isOpen(c.status))
      throw complaintError('complaint.extension_not_allowed', 'status: only an open complaint can be extended');
    const next = nextExtension(c.extensionLevel, profileOf(deps, c.profile));
    if (!next) {
      throw complaintError(
        'complaint.extension_not_allowed',
        c.profile === 'UK'
          ? 'extensionLevel: the UK profile has one eight-week period (INT-FCA-02)'
          : 'extensionLevel: the complaint has had both extensions (CMP-01)',
        { field: 'extensionLevel', level: c.extensionLevel },
      );
    }
    if (next.needsApproval) {
      const pending = await tx
        .select({ id: approvals.id })
        .from(approvals)
        .where(and(eq(approvals.action, extendAction), eq(approvals.subjectId, c.id), eq(approvals.status, 'pending')))
        .limit(1);
      if (pending[0]) {
        throw complaintError(
          'complaint.extension_pending',
          'extensionLevel: an extension is already waiting for approval',
          {
            field: 'extensionLevel',
            approvalId: pending[0].id,
          },
        );
      }
      const payload: ExtendPayload = { complaintId: c.id, level: next.level, reason };
      const a = await requestApproval(
        tx,
        { clock: deps.clock, audit: async (t, e) => void (await recordAudit(t, deps.clock, e)) },
        {
          actor,
          action: extendAction,
          subject: { type: 'complaint', id: c.id },
          payload,
          summary: `Extend complaint ${c.reference} to ${profileOf(deps, c.profile).periods[next.level]} days`,
          request: meta,
        },
      );
      approvalId = a.id;
      return;
    }
    await applyExtension(deps, actor, c.id, next.level, reason, meta, tx);
  });
  return { complaint: await getComplaint(deps, actor, id), approvalId };
}

async function applyExtension(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  level: number,
  reason: string,
  meta: RequestMeta,
  tx: Parameters<typeof act>[6],
): Promise<void> {
  await act(
    deps,
    actor,
    id,
    'extend',
    meta,
    async (c, t) => {
      if (c.extensionLevel + 1 !== level) {
        throw complaintError('complaint.invalid_transition', 'extensionLevel: the complaint changed since the request');
      }
      const due = await deadlineFor(deps, t, c.profile, c.clockStartAt, level);
      return {
        set: {
          extensionLevel: level,
          dueDate: due.dueDate,
          dueAt: due.dueAt,
          reminderAt: null,
          dueSoonAt: null,
          overdueAt: null,
        },
        changes: { level, dueDate: due.dueDate },
        note: `${reason}\n已告知投诉人：处理期限延长至${due.dueDate}。`,
      };
    },
    tx,
  );
}

export function registerExtensionExecutor(deps: ComplaintsDeps): void {
  const executor: ApprovalExecutor = {
    action: extendAction,
    checkerPermission: 'complaints:handle',
    execute: async (tx, ctx) => {
      const p = ctx.approval.payload as ExtendPayload;
      await applyExtension(deps, ctx.checker, p.complaintId, p.level, p.reason, undefined, tx);
    },
  };
  registerApprovalExecutor(executor);
}

/**
 * CMP-02: a complainant who disagrees with the decision may ask the superior
 * unit for a review within 30 days of the decision; the review is a new case
 * of the unit above, due in 30 days. A late request is refused with the
 * reason, and the refusal is logged.
 */
export async function requestReview(
  deps: ComplaintsDeps,
  actor: Actor,
  id: string,
  reason: string,
  meta?: RequestMeta,
): Promise<ComplaintDetail> {
  const c = await loadComplaint(deps, actor, id);
  const now = deps.clock.now();
  if (!c.decidedAt) {
    throw complaintError('complaint.invalid_transition', 'status: a review needs a decision to review', {
      field: 'status',
    });
  }
  const windowEnd = c.decidedAt.getTime() + deps.config.complaintReviewWindowDays * MS.day;
  if (now.getTime() > windowEnd) {
    const days = Math.floor((now.getTime() - c.decidedAt.getTime()) / MS.day);
    await recordAudit(deps.db, deps.clock, {
      ...auditContext(actor, meta),
      action: 'complaint.review_refused',
      subjectType: 'complaint',
      subjectId: c.id,
      customerId: c.customerId,
      reason: `requested ${days} days after the decision; the window is ${deps.config.complaintReviewWindowDays} days (CMP-02)`,
    });
    throw complaintError(
      'complaint.review_window_closed',
      `decidedAt: a review must be requested within ${deps.config.complaintReviewWindowDays} days of the decision (CMP-02); it is day ${days}`,
      { field: 'decidedAt', days, windowDays: deps.config.complaintReviewWindowDays },
    );
  }
  const reviewId = await deps.db.transaction(async (tx) => {
    const unit = await repo.unitById(tx, c.unitId);
    const superior = unit?.parentId ?? c.unitId;
    const tz = deps.config.timeZone;
    const calendar = await calendarFrom(tx, c.profile, localDate(now, tz));
    const dueDate = periodEnd(
      localDate(now, tz),
      deps.config.complaintReviewDays,
      { ...profileOf(deps, c.profile), dayKind: 'calendar', periods: [deps.config.complaintReviewDays] },
      calendar,
    );
    const rid = newId('complaint');
    const reference = referenceFor(rid, now, tz);
    await repo.insertComplaint(tx, {
      id: rid,
      reference,
      customerId: c.customerId,
      complainantName: c.complainantName,
      complainantContact: c.complainantContact,
      channel: c.channel,
      category: c.category,
      productCode: c.productCode,
      unitId: superior,
      rmId: c.rmId,
      // the original handler decided it: they are involved in the review
      staffInvolved: [...new Set([...c.staffInvolved, ...(c.handlerId ? [c.handlerId] : [])])],
      severity: c.severity,
      amountMinor: c.amountMinor,
      currency: c.currency,
      desiredRemedy: c.desiredRemedy,
      description: reason,
      status: 'acknowledged',
      profile: c.profile,
      receivedAt: now,
      clockStartAt: now,
      extensionLevel: 0,
      dueDate,
      dueAt: startOfLocalDay(plusDays(dueDate, 1), tz),
      acknowledgedAt: now,
      reviewOfId: c.id,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertHistory(tx, [
      step(rid, c.customerId, 'register', null, 'received', actor.userId, `核查申请（原投诉 ${c.reference}）`, now),
      step(
        rid,
        c.customerId,
        'acknowledge',
        'received',
        'acknowledged',
        actor.userId,
        acknowledgementText({ reference, profile: c.profile, dueDate }, localDate(now, tz)),
        now,
      ),
      step(c.id, c.customerId, 'review_requested', c.status, c.status, actor.userId, `核查案件 ${reference}`, now),
    ]);
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'complaint.review_request',
      subjectType: 'complaint',
      subjectId: c.id,
      customerId: c.customerId,
      changes: { reviewId: rid, unitId: superior, dueDate },
    });
    await emitEvents(tx, deps.clock, [
      {
        type: 'complaint.review_requested',
        aggregateType: 'complaint',
        aggregateId: c.id,
        customerId: c.customerId,
        actorId: actor.userId,
        payload: { complaintId: c.id, reviewId: rid, unitId: superior, dueDate },
      },
    ]);
    return rid;
  });
  // the requester may sit below the reviewing unit: they see the case they opened once
  return getComplaint(deps, { ...actor, scope: { kind: 'all' } }, reviewId);
}
