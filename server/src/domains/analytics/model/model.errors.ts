import { type ErrorCatalogue, errorFactory } from '../../../kernel/errors';

/** Codes of the analytics model kit: bad training data, options or model files. */
export const modelCodes = {
  'model.bad_dataset': 'invalid',
  'model.unknown_column': 'invalid',
  'model.bad_target': 'invalid',
  'model.bad_option': 'invalid',
  'model.bad_model': 'invalid',
  'model.file_not_found': 'not_found',
} as const satisfies ErrorCatalogue;

export type ModelErrorCode = keyof typeof modelCodes;
export const modelError = errorFactory(modelCodes);
