import { sql } from 'drizzle-orm';
import {
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/**
 * Tables of the analytics domain: stored model versions, the nightly churn
 * scores with their reasons, the daily churn-band snapshot (trend), churn
 * events (a customer leaving, with the reason, and being won back) and the
 * monthly RM scorecard snapshots.
 */

export const modelKinds = ['churn', 'propensity'] as const;
export type ModelKind = (typeof modelKinds)[number];

/** A trained model version: the JSON model, its training window, metrics and feature list (issue 9). */
export const analyticsModels = pgTable(
  'analytics_models',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<ModelKind>().notNull(),
    version: integer('version').notNull(),
    algorithm: text('algorithm').notNull(),
    /** the serialised model (banyan.analytics.model v1) */
    model: text('model').notNull(),
    features: jsonb('features').$type<string[]>().notNull(),
    metrics: jsonb('metrics').$type<Record<string, number>>().notNull(),
    /** the training data window: the snapshot date and the label horizon */
    windowFrom: date('window_from', { mode: 'string' }).notNull(),
    windowTo: date('window_to', { mode: 'string' }).notNull(),
    rows: integer('rows').notNull(),
    positives: integer('positives').notNull(),
    trainedBy: text('trained_by').notNull(),
    trainedAt: timestamp('trained_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('analytics_models_kind_idx').on(t.kind, t.version)],
);

export const riskBands = ['high', 'medium', 'low'] as const;
export type RiskBand = (typeof riskBands)[number];

/** A reason stored with a score: the feature, its value and the sentence in both languages (PI-13). */
export type StoredReason = { feature: string; value: string; impact: number; zh: string; en: string };

/** The latest churn score of each customer (one row per customer, rewritten nightly). */
export const churnScores = pgTable(
  'churn_scores',
  {
    customerId: text('customer_id').primaryKey(),
    modelId: text('model_id').notNull(),
    score: doublePrecision('score').notNull(),
    band: text('band').$type<RiskBand>().notNull(),
    /** the features that raise the score, in words (empty for the low band) */
    reasons: jsonb('reasons').$type<StoredReason[]>().notNull(),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('churn_scores_band_idx').on(t.band, t.score, t.customerId)],
);

/** Customers per risk band per home unit on each scoring day: the churn risk trend. */
export const churnBandSnapshots = pgTable(
  'churn_band_snapshots',
  {
    day: date('day', { mode: 'string' }).notNull(),
    unitId: text('unit_id').notNull(),
    band: text('band').$type<RiskBand>().notNull(),
    customers: integer('customers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.unitId, t.band] })],
);

export const churnReasons = [
  'rates',
  'service',
  'fees',
  'relocation',
  'competitor_offer',
  'life_event',
  'other',
] as const;
export type ChurnReason = (typeof churnReasons)[number];

/** A customer leaving: when, why (the taxonomy), who recorded it; and the win-back if it happens. */
export const churnEvents = pgTable(
  'churn_events',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    leftOn: date('left_on', { mode: 'string' }).notNull(),
    reason: text('reason').$type<ChurnReason>().notNull(),
    /** C2: what the customer said */
    notes: text('notes'),
    /** the customer's RM and home unit when they left (the scorecard's retention component) */
    rmId: text('rm_id'),
    unitId: text('unit_id').notNull(),
    /** the churn score the customer had when they left, if scored */
    scoreAtExit: doublePrecision('score_at_exit'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    wonBackOn: date('won_back_on', { mode: 'string' }),
    wonBackBy: text('won_back_by'),
  },
  (t) => [
    index('churn_events_customer_idx').on(t.customerId, t.leftOn),
    index('churn_events_unit_idx').on(t.unitId, t.leftOn, t.id),
    index('churn_events_won_back_idx').on(t.wonBackOn, t.id).where(sql`won_back_on is not null`),
  ],
);

/** One RM's scorecard for one month: each component's score 0..100 (null: no data), the weighted total, the rank. */
export const rmScorecards = pgTable(
  'rm_scorecards',
  {
    month: text('month').notNull(),
    rmId: text('rm_id').notNull(),
    unitId: text('unit_id').notNull(),
    components: jsonb('components').$type<Record<string, number | null>>().notNull(),
    /** raw measures behind the components (counts, rates) for the drill-down */
    measures: jsonb('measures').$type<Record<string, number | null>>().notNull(),
    weights: jsonb('weights').$type<Record<string, number>>().notNull(),
    total: doublePrecision('total').notNull(),
    rankInUnit: integer('rank_in_unit').notNull(),
    unitSize: integer('unit_size').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.rmId] }),
    index('rm_scorecards_unit_idx').on(t.unitId, t.month, t.rankInUnit),
    index('rm_scorecards_rm_idx').on(t.rmId, t.month),
  ],
);
