import { z } from 'zod';
import { campaignChannels, campaignIncentives, campaignObjectives, campaignStatuses } from './campaigns.tables';

const channel = z.enum(campaignChannels);

/** A campaign as the wizard submits it (create, or replace while a draft). */
export const campaignInput = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(100),
    objective: z.enum(campaignObjectives),
    description: z.string().max(2000).optional(),
    productId: z.string().min(1).max(64).nullable().optional(),
    segmentId: z.string().min(1, 'segmentId is required').max(64),
    channels: z
      .array(channel)
      .min(1, 'at least one channel')
      .refine((l) => new Set(l).size === l.length, 'a channel is listed twice'),
    /** approved messaging template id per channel */
    templates: z.partialRecord(channel, z.string().min(1).max(64)),
    incentive: z.enum(campaignIncentives).default('none'),
    scheduledAt: z.iso.datetime({ offset: true }),
    /** percent of the eligible audience held out as control (default: BANYAN_CAMPAIGN_HOLDOUT_PERCENT) */
    holdoutPercent: z.number().min(0).max(50).optional(),
    /** seed of the holdout draw (default: the campaign id) */
    seed: z.string().min(1).max(64).optional(),
    rankByPropensity: z.boolean().default(false),
    maxAudience: z.number().int().min(1).max(10_000_000).nullable().optional(),
    attributionDays: z.number().int().min(1).max(365).optional(),
  })
  .superRefine((v, ctx) => {
    for (const c of v.channels) {
      if (!v.templates[c]) ctx.addIssue({ code: 'custom', path: ['templates', c], message: `no template for ${c}` });
    }
  });
export type CampaignInput = z.infer<typeof campaignInput>;

export const reviewInput = z.object({
  decision: z.enum(['approve', 'reject']),
  note: z.string().max(1000).default(''),
});

export const campaignIdParams = z.object({ id: z.string().min(1).max(64) });

export const campaignListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  status: z.enum(campaignStatuses).optional(),
});

const funnelChannel = z.object({
  channel,
  candidates: z.number(),
  excluded: z.record(z.string(), z.number()),
  quietHoursDeferred: z.number(),
  eligible: z.number(),
});

export const funnelView = z.object({
  builtAt: z.string(),
  segmentMembers: z.number(),
  excludedSuitability: z.number(),
  channels: z.array(funnelChannel),
  eligible: z.number(),
  rankedOut: z.number(),
  control: z.number(),
  target: z.number(),
});

export const campaignView = z.object({
  id: z.string(),
  name: z.string(),
  objective: z.enum(campaignObjectives),
  description: z.string().nullable(),
  productId: z.string().nullable(),
  segmentId: z.string(),
  channels: z.array(channel),
  templates: z.partialRecord(channel, z.string()),
  incentive: z.enum(campaignIncentives),
  scheduledAt: z.string(),
  holdoutPercent: z.number(),
  seed: z.string(),
  rankByPropensity: z.boolean(),
  maxAudience: z.number().nullable(),
  attributionDays: z.number(),
  status: z.enum(campaignStatuses),
  funnel: funnelView.nullable(),
  makerId: z.string(),
  checkerId: z.string().nullable(),
  reviewNote: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type CampaignView = z.infer<typeof campaignView>;

export const campaignPage = z.object({ items: z.array(campaignView), nextCursor: z.string().nullable() });

const interval = z.object({ estimate: z.number(), low: z.number(), high: z.number() });
const groupView = z.object({
  members: z.number(),
  responded: z.number(),
  converted: z.number(),
  responseRate: z.number(),
  conversionRate: z.number(),
});

export const resultsView = z.object({
  campaignId: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  target: groupView,
  control: groupView,
  /** target rate minus control rate, with its 95% confidence interval */
  responseLift: interval.nullable(),
  conversionLift: interval.nullable(),
  /** false when the products domain gives no sales to attribute */
  salesAttributed: z.boolean(),
  messages: z.record(z.string(), z.number()),
});
export type ResultsView = z.infer<typeof resultsView>;
