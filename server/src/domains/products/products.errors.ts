import { type ErrorCatalogue, errorFactory } from '../../kernel/errors';

/** The products domain's error codes and their kinds (convention 4). */
export const productCodes = {
  'products.product_not_found': 'not_found',
  'products.sale_not_found': 'not_found',
  'products.customer_not_found': 'not_found',
  'products.fee_schedule_not_found': 'not_found',
  'products.invalid_input': 'invalid',
  'products.duplicate_code': 'conflict',
  // FEE-02: a rise takes effect no sooner than the notice period
  'products.fee_notice_too_short': 'invalid',
  'products.fee_effective_in_past': 'invalid',
  // SUIT-03..09: the gate said no
  'products.unsuitable': 'precondition',
  // FEE-01 / SUIT-10: the step before was not done
  'products.acknowledgement_required': 'precondition',
  'products.fee_version_mismatch': 'precondition',
  'products.dual_recording_required': 'precondition',
  'products.senior_confirmation_required': 'precondition',
  'products.override_disabled': 'precondition',
  'products.invalid_transition': 'conflict',
  'products.cooling_off_over': 'conflict',
  'products.pdf_font_missing': 'unavailable',
} as const satisfies ErrorCatalogue;

export type ProductErrorCode = keyof typeof productCodes;

export const productError = errorFactory(productCodes);

export function fieldError(field: string, message: string) {
  return productError('products.invalid_input', `${field}: ${message}`, { field });
}
