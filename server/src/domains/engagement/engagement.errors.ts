import { type ErrorCatalogue, errorFactory } from '../../kernel/errors';

/** The engagement domain's error codes and their kinds (convention 4). */
export const engagementCodes = {
  // a task or run on a customer outside the actor's scope answers as absent (DS-05)
  'engagement.task_not_found': 'not_found',
  'engagement.interaction_not_found': 'not_found',
  'engagement.sop_template_not_found': 'not_found',
  'engagement.sop_run_not_found': 'not_found',
  'engagement.sop_step_not_found': 'not_found',
  'engagement.staff_not_found': 'not_found',
  'engagement.invalid_transition': 'conflict',
  'engagement.sop_step_done': 'conflict',
  'engagement.sop_run_closed': 'conflict',
  'engagement.reassignment_pending': 'conflict',
  'engagement.invalid_input': 'invalid',
  'engagement.invalid_owner': 'invalid',
  'engagement.invalid_tier': 'invalid',
} as const satisfies ErrorCatalogue;

export type EngagementErrorCode = keyof typeof engagementCodes;

export const engagementError = errorFactory(engagementCodes);
