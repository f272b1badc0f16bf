import type { JobDefinition } from '../../../kernel/jobs/jobs';
import type { CampaignDeps } from '../campaigns.deps';
import { runCampaigns } from '../execution.service';

/** Every minute: start the due campaigns and queue one throttled batch of each running campaign. */
export function campaignJobs(deps: CampaignDeps): JobDefinition[] {
  return [
    {
      name: 'campaigns.run',
      cron: '* * * * *',
      expireInMinutes: 5,
      handler: async () => void (await runCampaigns(deps)),
    },
  ];
}
