import { type ErrorCatalogue, errorFactory } from '../../kernel/errors';

/** The customer archive's error codes and their kinds (convention 4). */
export const customerCodes = {
  // out of scope answers the same as absent (DS-05): no hint that the customer exists
  'customer.not_found': 'not_found',
  'customer.contact_not_found': 'not_found',
  'customer.holding_not_found': 'not_found',
  'customer.household_not_found': 'not_found',
  'customer.relationship_not_found': 'not_found',
  'customer.duplicate_id': 'conflict',
  'customer.version_conflict': 'conflict',
  'customer.relationship_exists': 'conflict',
  'customer.invalid_identity': 'invalid',
  'customer.invalid_contact': 'invalid',
  'customer.invalid_relationship': 'invalid',
  'customer.out_of_scope_assignment': 'forbidden',
  'customer.nothing_to_reveal': 'not_found',
  // export and import
  'customer.export_not_found': 'not_found',
  'customer.export_too_large': 'too_large',
  'customer.export_not_ready': 'conflict',
  'customer.import_not_found': 'not_found',
  'customer.import_invalid': 'invalid',
  'customer.import_state': 'conflict',
  'customer.import_too_large': 'too_large',
  'customer.mapping_not_found': 'not_found',
} as const satisfies ErrorCatalogue;

export type CustomerErrorCode = keyof typeof customerCodes;

export const customerError = errorFactory(customerCodes);
