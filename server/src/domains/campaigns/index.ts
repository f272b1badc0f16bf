import { getTableName } from 'drizzle-orm';
import type { BanyanModule } from '../../kernel/module';
import { registerNotMovedByMerge } from '../customers';
import { campaignDeps } from './campaigns.deps';
import { registerCampaignRoutes } from './campaigns.routes';
import { campaignMembers } from './campaigns.tables';
import { campaignJobs } from './jobs/run-campaigns.job';

registerNotMovedByMerge(
  getTableName(campaignMembers),
  'a record of who a built audience targeted or held out; moving it could put one person in a campaign twice',
);

export { buildAudience } from './audience.service';
export { type CampaignPorts, type CampaignProduct, campaignPorts, registerCampaignPorts } from './campaign.ports';
export {
  cancelCampaign,
  createCampaign,
  getCampaign,
  listCampaigns,
  reviewCampaign,
  scheduleCampaign,
  submitCampaign,
} from './campaign.service';
export { type CampaignConfig, type CampaignDeps, campaignDeps } from './campaigns.deps';
export { type CampaignErrorCode, campaignCodes, campaignError } from './campaigns.errors';
export * from './campaigns.schema';
export * from './campaigns.tables';
export { dispatchCampaign, runCampaigns, startDueCampaigns } from './execution.service';
export { type Interval, proportionDiffCI } from './lift';
export { campaignResults } from './results.service';

/**
 * Campaigns (营销活动): objective, product, audience from a segment built
 * set-based through suitability (SUIT-03) and the contact filter (MKT-01..08)
 * with its exclusion funnel and a seeded holdout, maker-checker approval,
 * throttled execution through messaging's queued sends, and a lift report.
 */
export const campaignsModule: BanyanModule = {
  name: 'campaigns',
  routes: (app, deps) => registerCampaignRoutes(app, campaignDeps(deps)),
  jobs: (deps) => campaignJobs(campaignDeps(deps)),
};
