import { type ErrorCatalogue, errorFactory } from '../../kernel/errors';

/** The complaints domain's error codes and their kinds (convention 4). */
export const complaintCodes = {
  // a complaint outside the actor's scope answers as absent (DS-05)
  'complaint.not_found': 'not_found',
  'complaint.attachment_not_found': 'not_found',
  'complaint.invalid_input': 'invalid',
  'complaint.invalid_transition': 'conflict',
  'complaint.handler_conflict': 'conflict',
  'complaint.extension_not_allowed': 'conflict',
  'complaint.extension_pending': 'conflict',
  'complaint.review_window_closed': 'conflict',
  'complaint.attachment_too_large': 'too_large',
  'complaint.attachment_type': 'invalid',
  'survey.not_found': 'not_found',
  'survey.link_invalid': 'invalid',
  'survey.link_expired': 'precondition',
  'survey.link_used': 'conflict',
  'survey.invalid_answers': 'invalid',
  'survey.template_exists': 'conflict',
} as const satisfies ErrorCatalogue;

export type ComplaintErrorCode = keyof typeof complaintCodes;

export const complaintError = errorFactory(complaintCodes);

export function complaintFieldError(field: string, message: string) {
  return complaintError('complaint.invalid_input', `${field}: ${message}`, { field });
}
