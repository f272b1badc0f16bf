import { type ErrorCatalogue, errorFactory } from '../../kernel/errors';

/** Codes of the audit domain (AUD-01, AUD-02). */
export const auditCodes = {
  'audit.invalid_entry': 'invalid',
  'audit.c3_field': 'invalid',
} as const satisfies ErrorCatalogue;

export type AuditErrorCode = keyof typeof auditCodes;
export const auditError = errorFactory(auditCodes);
