import { type ErrorCatalogue, errorFactory } from '../../kernel/errors';

/** The consent domain's error codes and their kinds (convention 4). */
export const consentCodes = {
  'consent.invalid_input': 'invalid',
  // MKT-07: a refused consent is not asked again within the cool-down unless the customer starts it
  'consent.reask_cooldown': 'conflict',
  'consent.not_found': 'not_found',
} as const satisfies ErrorCatalogue;

export type ConsentErrorCode = keyof typeof consentCodes;

export const consentError = errorFactory(consentCodes);
