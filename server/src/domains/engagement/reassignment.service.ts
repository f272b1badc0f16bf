import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor';
import type { DbOrTx } from '../../kernel/db';
import { emitEvents } from '../../kernel/events/events';
import { type ApprovalExecutor, approvals, inScope, registerApprovalExecutor, requestApproval } from '../access';
import { auditContext, recordAudit } from '../audit';
import { customerInScope, customers } from '../customers';
import type { EngagementDeps } from './engagement.deps';
import { engagementError } from './engagement.errors';
import { relationshipManagers } from './policy.repository';
import { moveOpenTasks } from './task.repository';
import type { RequestMeta } from './task.service';

/** The maker-checker action of a customer reassignment (AUD-03). */
export const reassignAction = 'customer.reassign';

type ReassignPayload = { customerId: string; fromRmId: string | null; toRmId: string; reason: string };

/**
 * Ask for a customer to be (re)assigned to an RM. Nothing changes until a
 * different user holding `approvals:decide` and `customers:reassign`
 * approves (AUD-03); then the customer moves and so do their open tasks.
 */
export async function requestReassignment(
  deps: EngagementDeps,
  actor: Actor,
  input: { customerId: string; toRmId: string; reason: string },
  meta?: RequestMeta,
): Promise<{ approvalId: string; status: string }> {
  return deps.db.transaction(async (tx) => {
    const c = await customerInScope(deps, actor, input.customerId, { tx, lock: true });
    if (c.rmId === input.toRmId) {
      throw engagementError('engagement.invalid_owner', 'toRmId: the customer is already with this RM', {
        field: 'toRmId',
      });
    }
    const [rm] = await relationshipManagers(tx, { userIds: [input.toRmId] });
    if (!rm) {
      throw engagementError('engagement.invalid_owner', 'toRmId: no such active relationship manager', {
        field: 'toRmId',
      });
    }
    if (actor.scope.kind !== 'all' && !inScope(actor.scope, { rmId: rm.id, unitId: rm.unit_id })) {
      throw engagementError('engagement.invalid_owner', 'toRmId: the RM is outside your organisation scope', {
        field: 'toRmId',
      });
    }
    const pending = await tx
      .select({ id: approvals.id })
      .from(approvals)
      .where(and(eq(approvals.action, reassignAction), eq(approvals.subjectId, c.id), eq(approvals.status, 'pending')))
      .limit(1);
    if (pending[0]) {
      throw engagementError(
        'engagement.reassignment_pending',
        'customerId: a reassignment is already waiting for approval',
        {
          field: 'customerId',
          approvalId: pending[0].id,
        },
      );
    }
    const payload: ReassignPayload = { customerId: c.id, fromRmId: c.rmId, toRmId: rm.id, reason: input.reason };
    const approval = await requestApproval(
      tx,
      { clock: deps.clock, audit: async (t, e) => void (await recordAudit(t, deps.clock, e)) },
      {
        actor,
        action: reassignAction,
        subject: { type: 'customer', id: c.id },
        payload,
        summary: `Reassign customer ${c.customerNo} to ${rm.display_name}`,
        request: meta,
      },
    );
    return { approvalId: approval.id, status: approval.status };
  });
}

/** Apply a reassignment in the caller's transaction: the customer's RM and their open tasks move. */
export async function applyReassignment(
  deps: Pick<EngagementDeps, 'clock'>,
  tx: DbOrTx,
  checker: Actor,
  p: ReassignPayload,
  approvalId: string,
): Promise<string[]> {
  const rows = await tx.select().from(customers).where(eq(customers.id, p.customerId)).for('update');
  const c = rows[0];
  // the checker decides only within their own scope (DS-05): out of scope answers as absent
  if (c?.status !== 'active' || !inScope(checker.scope, { rmId: c.rmId, unitId: c.homeUnitId })) {
    throw engagementError('engagement.invalid_input', 'customerId: no such active customer in your scope', {
      field: 'customerId',
    });
  }
  if ((c.rmId ?? null) !== (p.fromRmId ?? null)) {
    throw engagementError(
      'engagement.invalid_transition',
      'customerId: the customer changed RM since the request; ask again',
      {
        field: 'customerId',
      },
    );
  }
  const now = deps.clock.now();
  await tx
    .update(customers)
    .set({ rmId: p.toRmId, updatedAt: now, version: sql`${customers.version} + 1` })
    .where(eq(customers.id, c.id));
  const moved = await moveOpenTasks(tx, c.id, p.fromRmId, p.toRmId, now);
  await recordAudit(tx, deps.clock, {
    ...auditContext(checker),
    action: 'customer.reassign',
    subjectType: 'customer',
    subjectId: c.id,
    customerId: c.id,
    changes: { fromRmId: p.fromRmId, toRmId: p.toRmId, approvalId, movedTasks: moved.length },
  });
  await emitEvents(tx, deps.clock, [
    {
      type: 'customer.reassigned',
      aggregateType: 'customer',
      aggregateId: c.id,
      customerId: c.id,
      actorId: checker.userId,
      payload: { fromRmId: p.fromRmId, toRmId: p.toRmId, approvalId, movedTasks: moved },
    },
  ]);
  return moved;
}

/** Register the executor of `customer.reassign` (checker needs `customers:reassign` too). */
export function registerReassignExecutor(deps: Pick<EngagementDeps, 'clock'>): void {
  const executor: ApprovalExecutor = {
    action: reassignAction,
    checkerPermission: 'customers:reassign',
    execute: async (tx, ctx) => {
      await applyReassignment(deps, tx, ctx.checker, ctx.approval.payload as ReassignPayload, ctx.approval.id);
    },
  };
  registerApprovalExecutor(executor);
}
