import type { Actor } from '../../kernel/actor';
import type { Clock } from '../../kernel/clock';
import { type Db, inTransaction, type Tx } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { auditContext } from '../audit';
import type { AuditWriter } from './access.deps';
import { accessError } from './access.errors';
import type { ApprovalRow, ApprovalStatus } from './access.tables';
import { findApprovalForUpdate, insertApproval, listApprovals, updateApproval } from './approvals.repository';

/** What an executor gets when its request is approved (in the deciding transaction). */
export type ApprovalContext = { approval: ApprovalRow; checker: Actor; clock: Clock; audit: AuditWriter };

/**
 * Runs an approved request of one action type (AUD-03). Registered once per
 * action type by the domain that owns the action: `role.grant` here;
 * customer reassignment, bulk export, points adjustment in their domains.
 */
export type ApprovalExecutor = {
  action: string;
  /** a permission the checker needs besides `approvals:decide` (AUD-03: CHECKER:<actionType>) */
  checkerPermission?: string;
  execute(tx: Tx, ctx: ApprovalContext): Promise<void>;
};

const executors = new Map<string, ApprovalExecutor>();

/** Register the executor of an action type (idempotent; the last registration wins). */
export function registerApprovalExecutor(executor: ApprovalExecutor): void {
  executors.set(executor.action, executor);
}

export type ApprovalDeps = { clock: Clock; audit: AuditWriter };

type Req = { id: string; ip: string };

/**
 * Open a maker-checker request in the maker's transaction (AUD-03). Nothing
 * happens to the subject until a different user approves it.
 */
export async function requestApproval(
  tx: Tx,
  deps: ApprovalDeps,
  input: {
    actor: Actor;
    action: string;
    subject: { type: string; id: string };
    payload: Record<string, unknown>;
    summary: string;
    request?: Req;
  },
): Promise<ApprovalRow> {
  if (!executors.has(input.action)) {
    throw accessError('approval.no_executor', `No executor is registered for ${input.action}`, {
      action: input.action,
    });
  }
  const row: ApprovalRow = {
    id: newId('approval'),
    action: input.action,
    subjectType: input.subject.type,
    subjectId: input.subject.id,
    payload: input.payload,
    summary: input.summary,
    status: 'pending',
    makerId: input.actor.userId,
    createdAt: deps.clock.now(),
    checkerId: null,
    decidedAt: null,
    comment: null,
  };
  await insertApproval(tx, row);
  await deps.audit(tx, {
    ...auditContext(input.actor, input.request),
    action: 'approval.request',
    subjectType: 'approval',
    subjectId: row.id,
    changes: { action: row.action, subjectType: row.subjectType, subjectId: row.subjectId },
  });
  return row;
}

/**
 * Approve or reject a pending request (AUD-03). The checker must be a
 * different user from the maker (self-approval is refused here, in the
 * service layer) and hold `approvals:decide` plus the executor's checker
 * permission. Approval runs the executor in the same transaction; a
 * rejection changes nothing but the request. Both are audited.
 */
export async function decideApproval(
  deps: ApprovalDeps & { db: Db },
  checker: Actor,
  id: string,
  decision: { approve: boolean; comment: string },
  request?: Req,
): Promise<ApprovalRow> {
  return inTransaction(deps.db, async (tx) => {
    const approval = await findApprovalForUpdate(tx, id);
    if (!approval) throw accessError('approval.not_found', 'No such approval request');
    if (approval.makerId === checker.userId) {
      throw accessError('approval.self_approval', 'The maker of a request cannot decide it (four eyes)');
    }
    const executor = executors.get(approval.action);
    if (!executor) throw accessError('approval.no_executor', `No executor is registered for ${approval.action}`);
    const needed = ['approvals:decide', ...(executor.checkerPermission ? [executor.checkerPermission] : [])];
    const missing = needed.filter((p) => !checker.permissions.has(p));
    if (missing.length > 0) {
      throw accessError('approval.checker_permission', 'You may not decide this kind of request', { missing });
    }
    if (approval.status !== 'pending') {
      throw accessError('approval.not_pending', `The request is already ${approval.status}`);
    }
    const status: ApprovalStatus = decision.approve ? 'approved' : 'rejected';
    const decided: ApprovalRow = {
      ...approval,
      status,
      checkerId: checker.userId,
      decidedAt: deps.clock.now(),
      comment: decision.comment,
    };
    await updateApproval(tx, id, decided);
    if (decision.approve)
      await executor.execute(tx, { approval: decided, checker, clock: deps.clock, audit: deps.audit });
    await deps.audit(tx, {
      ...auditContext(checker, request),
      action: decision.approve ? 'approval.approve' : 'approval.reject',
      subjectType: 'approval',
      subjectId: id,
      reason: decision.comment,
      changes: { action: approval.action, makerId: approval.makerId },
    });
    return decided;
  });
}

export function pendingApprovals(db: Db, opts: { action?: string; limit?: number } = {}): Promise<ApprovalRow[]> {
  return listApprovals(db, { status: 'pending', action: opts.action, limit: opts.limit ?? 200 });
}
