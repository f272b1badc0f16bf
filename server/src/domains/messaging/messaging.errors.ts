import { type ErrorCatalogue, errorFactory } from '../../kernel/errors';

/** The messaging domain's error codes and their kinds (convention 4). */
export const messagingCodes = {
  'messaging.invalid_input': 'invalid',
  'messaging.template_not_found': 'not_found',
  'messaging.message_not_found': 'not_found',
  'messaging.invalid_transition': 'conflict',
  // MKT-10 maker-checker: the author of content cannot approve it
  'messaging.own_approval': 'forbidden',
  'messaging.lint_failed': 'invalid',
  'messaging.template_not_approved': 'conflict',
  'messaging.channel_unavailable': 'unavailable',
  'messaging.duplicate_code': 'conflict',
} as const satisfies ErrorCatalogue;

export type MessagingErrorCode = keyof typeof messagingCodes;

export const messagingError = errorFactory(messagingCodes);
