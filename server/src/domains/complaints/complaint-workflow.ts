import { complaintError } from './complaints.errors';
import type { ComplaintStatus } from './complaints.tables';

/**
 * The complaint workflow of issue 7 (pure; tested in complaint-workflow.test.ts):
 * received -> acknowledged -> assigned -> investigating -> proposed ->
 * resolved -> customer_responded -> closed, with reassignment, a proposal sent
 * back for more investigation, reopening on new facts (CMP-04) and withdrawal
 * on the day it is received (CMP-03).
 */
export const complaintActions = [
  'acknowledge',
  'assign',
  'start',
  'propose',
  'revise',
  'resolve',
  'respond',
  'close',
  'reopen',
  'withdraw',
] as const;
export type ComplaintAction = (typeof complaintActions)[number];

const open: ComplaintStatus[] = ['received', 'acknowledged', 'assigned', 'investigating', 'proposed'];

const rules: Record<ComplaintAction, { from: readonly ComplaintStatus[]; to: ComplaintStatus }> = {
  acknowledge: { from: ['received'], to: 'acknowledged' },
  // assignment and reassignment before a decision
  assign: { from: ['acknowledged', 'assigned', 'investigating'], to: 'assigned' },
  start: { from: ['assigned'], to: 'investigating' },
  propose: { from: ['investigating'], to: 'proposed' },
  // the proposal is sent back for more investigation
  revise: { from: ['proposed'], to: 'investigating' },
  resolve: { from: ['proposed'], to: 'resolved' },
  respond: { from: ['resolved'], to: 'customer_responded' },
  close: { from: ['customer_responded'], to: 'closed' },
  reopen: { from: ['resolved', 'customer_responded', 'closed'], to: 'investigating' },
  withdraw: { from: open, to: 'withdrawn' },
};

export function allowedActions(status: ComplaintStatus): ComplaintAction[] {
  return complaintActions.filter((a) => rules[a].from.includes(status));
}

/** The status an action leads to, or a clear `complaint.invalid_transition` error. */
export function transition(status: ComplaintStatus, action: ComplaintAction): ComplaintStatus {
  const rule = rules[action];
  if (!rule.from.includes(status)) {
    throw complaintError(
      'complaint.invalid_transition',
      `status: a complaint that is ${status} cannot ${action} (allowed: ${allowedActions(status).join(', ') || 'none'})`,
      { field: 'status', from: status, action, allowed: allowedActions(status) },
    );
  }
  return rule.to;
}

export function isOpen(status: ComplaintStatus): boolean {
  return open.includes(status);
}

/**
 * CMP-05 (回避): a handler may not be the staff member complained about nor
 * the customer's relationship manager of record.
 */
export function handlerConflict(
  handlerId: string,
  c: { staffInvolved: readonly string[]; rmId: string | null },
): 'named_in_complaint' | 'relationship_manager' | null {
  if (c.staffInvolved.includes(handlerId)) return 'named_in_complaint';
  if (c.rmId === handlerId) return 'relationship_manager';
  return null;
}
