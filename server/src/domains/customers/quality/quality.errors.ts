import { type ErrorCatalogue, errorFactory } from '../../../kernel/errors';

/** Codes of customer data quality: completeness, duplicates, merge and undo. */
export const qualityCodes = {
  'quality.customer_not_found': 'not_found',
  'merge.not_found': 'not_found',
  'merge.same_customer': 'invalid',
  'merge.customer_inactive': 'conflict',
  'merge.kind_mismatch': 'invalid',
  'merge.already_undone': 'conflict',
  'merge.undo_window_closed': 'precondition',
  'merge.survivor_changed': 'conflict',
} as const satisfies ErrorCatalogue;

export type QualityErrorCode = keyof typeof qualityCodes;
export const qualityError = errorFactory(qualityCodes);
