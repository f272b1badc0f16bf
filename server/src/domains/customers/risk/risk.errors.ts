import { type ErrorCatalogue, errorFactory } from '../../../kernel/errors';

/** Codes of risk tolerance assessment (SUIT-02, SUIT-05..07). */
export const riskCodes = {
  'risk.customer_not_found': 'not_found',
  'risk.assessment_not_found': 'not_found',
  'risk.customer_inactive': 'conflict',
  'risk.no_questionnaire': 'unavailable',
  'risk.questionnaire_outdated': 'conflict',
  'risk.invalid_answers': 'invalid',
  'risk.too_many_today': 'precondition',
  'risk.too_many_this_year': 'precondition',
  'risk.customer_presence_required': 'forbidden',
  'risk.not_pending': 'conflict',
  'risk.assessment_expired': 'precondition',
} as const satisfies ErrorCatalogue;

export type RiskErrorCode = keyof typeof riskCodes;
export const riskError = errorFactory(riskCodes);
