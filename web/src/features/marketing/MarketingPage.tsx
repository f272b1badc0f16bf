import { CampaignsPage } from '../campaigns/CampaignsPage';

/** The marketing area (营销): campaigns. */
export function MarketingPage() {
  return <CampaignsPage />;
}
