import { type ErrorCatalogue, errorFactory } from '../../kernel/errors';

/** Codes of the access domain (authentication, organisation, roles, approvals). */
export const accessCodes = {
  'auth.invalid_credentials': 'unauthenticated',
  'auth.totp_required': 'unauthenticated',
  'auth.totp_invalid': 'unauthenticated',
  'auth.locked': 'rate_limited',
  'auth.csrf': 'forbidden',
  'auth.password_policy': 'invalid',
  'auth.current_password': 'invalid',
  'auth.totp_not_pending': 'precondition',
  'access.user_not_found': 'not_found',
  'access.username_taken': 'conflict',
  'access.unit_not_found': 'not_found',
  'access.unit_code_taken': 'conflict',
  'access.unit_parent': 'invalid',
  'access.role_not_found': 'not_found',
  'access.role_code_taken': 'conflict',
  'access.role_permissions': 'invalid',
  'access.unknown_permission': 'invalid',
  'access.role_combination': 'precondition',
  'access.token_not_found': 'not_found',
  'access.session_not_found': 'not_found',
  'access.token_permissions': 'invalid',
  'access.cover_invalid': 'invalid',
  'access.cover_not_found': 'not_found',
  'access.out_of_scope': 'forbidden',
  'approval.not_found': 'not_found',
  'approval.self_approval': 'forbidden',
  'approval.checker_permission': 'forbidden',
  'approval.not_pending': 'conflict',
  'approval.no_executor': 'invalid',
} as const satisfies ErrorCatalogue;

export type AccessErrorCode = keyof typeof accessCodes;
export const accessError = errorFactory(accessCodes);
