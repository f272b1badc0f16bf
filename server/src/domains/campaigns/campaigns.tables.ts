import { index, integer, jsonb, pgTable, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The campaigns domain's tables (营销活动): a campaign and its members. The
 * audience is stored once per build (members with their group and channel),
 * so results and lift are measured against exactly who was targeted and who
 * was held out. DS-01 classes of customer-owned columns are in kernel/pi-classes.ts.
 */

export const campaignStatuses = [
  'draft',
  'pending',
  'approved',
  'scheduled',
  'running',
  'completed',
  'cancelled',
] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
export const campaignObjectives = ['acquisition', 'cross_sell', 'retention', 'activation', 'awareness'] as const;
export type CampaignObjective = (typeof campaignObjectives)[number];
export const campaignIncentives = ['none', 'points', 'gift'] as const;
export type CampaignIncentive = (typeof campaignIncentives)[number];
export const campaignChannels = ['sms', 'email', 'wechat', 'app'] as const;
export type CampaignChannel = (typeof campaignChannels)[number];

/** The stored exclusion funnel of an audience build (what the wizard and the results page show). */
export type StoredFunnel = {
  builtAt: string;
  segmentMembers: number;
  excludedSuitability: number;
  /** per channel, in the campaign's order: a later channel is tried for those the earlier ones could not reach */
  channels: {
    channel: CampaignChannel;
    candidates: number;
    excluded: Record<string, number>;
    /** reachable now, but to be deferred past quiet hours at send time */
    quietHoursDeferred: number;
    eligible: number;
  }[];
  eligible: number;
  rankedOut: number;
  control: number;
  target: number;
};

export const campaigns = pgTable(
  'campaigns',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    objective: text('objective').$type<CampaignObjective>().notNull(),
    description: text('description'),
    /** the product promoted (products domain), if any; its risk level drives suitability (SUIT-03) */
    productId: text('product_id'),
    segmentId: text('segment_id').notNull(),
    /** in order of preference: a customer gets the first channel they may be contacted on */
    channels: text('channels').array().$type<CampaignChannel[]>().notNull(),
    /** approved messaging template per channel (MKT-10) */
    templates: jsonb('templates').$type<Partial<Record<CampaignChannel, string>>>().notNull(),
    incentive: text('incentive').$type<CampaignIncentive>().notNull().default('none'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    /** holdout control group in basis points of the eligible audience (1000 = 10%) */
    holdoutBp: integer('holdout_bp').notNull(),
    /** seed of the holdout draw: the same seed gives the same control group */
    seed: text('seed').notNull(),
    rankByPropensity: text('rank_by_propensity').$type<'yes' | 'no'>().notNull().default('no'),
    maxAudience: integer('max_audience'),
    attributionDays: integer('attribution_days').notNull(),
    status: text('status').$type<CampaignStatus>().notNull(),
    funnel: jsonb('funnel').$type<StoredFunnel | null>(),
    makerId: text('maker_id').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    checkerId: text('checker_id'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('campaigns_list_idx').on(t.createdAt, t.id), index('campaigns_status_idx').on(t.status, t.scheduledAt)],
);

/** One row per customer of a built audience: the target group is contacted, the control group is not. */
export const campaignMembers = pgTable(
  'campaign_members',
  {
    campaignId: text('campaign_id').notNull(),
    customerId: text('customer_id').notNull(),
    /** C1 */
    grp: text('grp').$type<'target' | 'control'>().notNull(),
    /** C1: the channel the customer is reached on */
    channel: text('channel').$type<CampaignChannel>().notNull(),
    /** C1: response propensity when the audience was ranked */
    score: real('score'),
    /** C1: the queued message (target group, once dispatched) */
    messageId: text('message_id'),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.customerId] }),
    index('campaign_members_customer_idx').on(t.customerId),
    index('campaign_members_dispatch_idx').on(t.campaignId, t.grp, t.dispatchedAt),
  ],
);

export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignMemberRow = typeof campaignMembers.$inferSelect;
