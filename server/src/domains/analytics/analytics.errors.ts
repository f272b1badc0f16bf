import { type ErrorCatalogue, errorFactory } from '../../kernel/errors';

/** The analytics domain's error codes beyond the model kit's `model.*` (convention 4). */
export const analyticsCodes = {
  'analytics.invalid_input': 'invalid',
  'analytics.invalid_weights': 'invalid',
  'analytics.no_model': 'precondition',
  'analytics.training_data': 'precondition',
  'analytics.already_left': 'conflict',
  'analytics.not_left': 'conflict',
} as const satisfies ErrorCatalogue;

export type AnalyticsErrorCode = keyof typeof analyticsCodes;

export const analyticsError = errorFactory(analyticsCodes);
