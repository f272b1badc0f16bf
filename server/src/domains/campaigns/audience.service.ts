import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor';
import { auditContext, recordAudit } from '../audit';
import { funnelOf, gatePolicy, judgedAudience } from '../consent';
import { customerScope, type RequestMeta } from '../customers';
import * as repo from './campaign.repository';
import { campaignView, loadCampaign } from './campaign.service';
import type { CampaignDeps } from './campaigns.deps';
import { campaignError } from './campaigns.errors';
import type { CampaignView } from './campaigns.schema';
import type { StoredFunnel } from './campaigns.tables';

/**
 * Build a draft campaign's audience, set-based, in one transaction:
 *  1. the segment's active members in the builder's data scope;
 *  2. suitability: no product above the customer's valid risk level
 *     (SUIT-03, SUIT-05; the products gate's SQL form when registered);
 *  3. for each channel in order, outreach's contact filter for marketing
 *     (opt-out, consent MKT-01/03/04, do-not-disturb, caps 7d/30d MKT-08)
 *     judged at the scheduled time; quiet hours are not an exclusion but
 *     counted as deferred (the send-time gate defers them); a later channel
 *     is tried only for those an earlier one could not reach;
 *  4. optional ranking by response propensity and a cut to `maxAudience`
 *     (among the eligible only: ranking never lets a rule be skipped);
 *  5. a seeded random holdout control group (each member's group drawn as it is inserted).
 * The funnel (how many each rule excluded, in order) is stored on the campaign.
 */
export async function buildAudience(
  deps: CampaignDeps,
  actor: Actor,
  id: string,
  meta?: RequestMeta,
): Promise<CampaignView> {
  const ports = deps.ports();
  await deps.db.transaction(async (tx) => {
    await repo.tuneAudienceBuild(tx, deps.config.campaignWorkMemMb);
    const c = await loadCampaign(tx, id, true);
    if (c.status !== 'draft') {
      throw campaignError('campaign.invalid_transition', `The audience of a ${c.status} campaign is fixed`);
    }
    const segment = await ports.segmentMembers(tx, actor, c.segmentId);
    if (!segment)
      throw campaignError('campaign.segment_not_found', 'segmentId: no such segment', { field: 'segmentId' });
    const now = deps.clock.now();
    const at = new Date(Math.max(c.scheduledAt.getTime(), now.getTime()));
    let suitable: ((within: SQL) => SQL) | null = null;
    if (c.productId) {
      const product = await ports.product(tx, c.productId);
      if (!product) {
        throw campaignError('campaign.product_not_found', 'productId: no such product in the catalogue', {
          field: 'productId',
        });
      }
      suitable = (within) => ports.suitableCustomers(product, at, within);
    }
    // the scope as a condition on the segment's rows (head office: true), not a second id list
    const scope = customerScope(actor);
    const counts = await repo.stageAudience(tx, { segment, scope, suitable });
    await repo.clearMembers(tx, id);

    const policy = gatePolicy(deps.consent.config);
    const channels: StoredFunnel['channels'] = [];
    for (const channel of c.channels) {
      const candidates = repo.candidateIds(id);
      // quiet hours are applied at send time (deferral): those only inside them are members too
      const f = funnelOf(
        await repo.insertJudgedMembers(tx, id, channel, c, judgedAudience({ channel, at, policy, candidates })),
      );
      const { quiet_hours: quiet, ...excluded } = f.excluded;
      channels.push({
        channel,
        candidates: f.candidates,
        excluded,
        quietHoursDeferred: quiet,
        eligible: f.eligible + quiet,
      });
    }
    const eligible = channels.reduce((n, ch) => n + ch.eligible, 0);

    const ranked = c.rankByPropensity === 'yes';
    if (ranked) {
      if (!ports.propensity) {
        throw campaignError(
          'campaign.invalid_input',
          'rankByPropensity: response propensity scoring is not available',
          {
            field: 'rankByPropensity',
          },
        );
      }
      const ctx = { clock: deps.clock, timeZone: deps.config.timeZone };
      await repo.setScores(tx, id, await ports.propensity(tx, await repo.memberIds(tx, id), ctx));
    }
    const rankedOut =
      c.maxAudience && eligible > c.maxAudience ? await repo.keepTop(tx, id, c.seed, c.maxAudience, ranked) : 0;
    const control = await repo.countControl(tx, id);
    const funnel: StoredFunnel = {
      builtAt: now.toISOString(),
      segmentMembers: counts.members,
      excludedSuitability: counts.members - counts.suitable,
      channels,
      eligible,
      rankedOut,
      control,
      target: eligible - rankedOut - control,
    };
    await repo.updateCampaign(tx, id, { funnel, updatedAt: now });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'campaign.build_audience',
      subjectType: 'campaign',
      subjectId: id,
      changes: { target: funnel.target, control, eligible, segmentMembers: counts.members },
    });
  });
  return campaignView(await loadCampaign(deps.db, id));
}
