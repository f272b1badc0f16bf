import { type ErrorCatalogue, errorFactory } from '../../kernel/errors';

/** The campaigns domain's error codes and their kinds (convention 4). */
export const campaignCodes = {
  'campaign.invalid_input': 'invalid',
  'campaign.not_found': 'not_found',
  'campaign.invalid_transition': 'conflict',
  // AUD-03 / MKT-10: the maker of a campaign cannot approve it
  'campaign.own_approval': 'forbidden',
  // SUIT-11: no lotteries, kickbacks, gifts or points for selling wealth products
  'campaign.prohibited_inducement': 'invalid',
  'campaign.template_not_approved': 'invalid',
  'campaign.product_not_found': 'invalid',
  'campaign.segment_not_found': 'invalid',
  'campaign.audience_not_built': 'precondition',
} as const satisfies ErrorCatalogue;

export type CampaignErrorCode = keyof typeof campaignCodes;

export const campaignError = errorFactory(campaignCodes);
