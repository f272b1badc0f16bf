import { messageStatusCounts } from '../messaging';
import * as repo from './campaign.repository';
import { loadCampaign } from './campaign.service';
import type { CampaignDeps } from './campaigns.deps';
import type { ResultsView } from './campaigns.schema';
import { proportionDiffCI, rate } from './lift';

const dayMs = 86_400_000;

/**
 * Results of a started campaign: responses and sales attributed within the
 * attribution window (from the start, `attributionDays` long), for the
 * target and the control group, and the lift (target minus control) of the
 * response and conversion rates with a 95% confidence interval.
 */
export async function campaignResults(
  deps: Pick<CampaignDeps, 'db' | 'clock' | 'ports'>,
  id: string,
): Promise<ResultsView> {
  const c = await loadCampaign(deps.db, id);
  const from = c.startedAt ?? c.scheduledAt;
  const to = new Date(from.getTime() + c.attributionDays * dayMs);
  const ports = deps.ports();
  const sales = c.productId ? ports.sales(c.productId, from, to) : null;
  const groups = await repo.groupOutcomes(deps.db, id, from, to, sales);
  const empty = { members: 0, responded: 0, converted: 0 };
  const t = groups.find((g) => g.grp === 'target') ?? empty;
  const k = groups.find((g) => g.grp === 'control') ?? empty;
  const view = (g: typeof empty) => ({
    ...g,
    responseRate: rate(g.responded, g.members),
    conversionRate: rate(g.converted, g.members),
  });
  return {
    campaignId: id,
    window: { from: from.toISOString(), to: to.toISOString() },
    target: view(t),
    control: view(k),
    responseLift: proportionDiffCI(t.responded, t.members, k.responded, k.members),
    conversionLift: sales ? proportionDiffCI(t.converted, t.members, k.converted, k.members) : null,
    salesAttributed: sales !== null,
    messages: await messageStatusCounts(deps.db, repo.campaignMessageIds(id)),
  };
}
