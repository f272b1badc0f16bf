import { bigint, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import type { SegmentRule } from './rule.types';

/**
 * Value tier changes (客户分层): every move between tiers with the AUM that
 * caused it and why it was recomputed. Customer-owned (convention 9).
 */
export const customerTierHistory = pgTable(
  'customer_tier_history',
  {
    // set-based inserts of the nightly run: an identity, not an application id
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: text('customer_id').notNull(),
    /** C1: the tier before (null: first assignment) */
    fromTier: text('from_tier'),
    /** C1 */
    toTier: text('to_tier').notNull(),
    /** C2: AUM in fen when the tier changed */
    aum: bigint('aum', { mode: 'number' }).notNull(),
    /** C1: what recomputed it: nightly | holdings_changed | customer_created | manual */
    trigger: text('trigger').notNull(),
    /** C1: the rule that applied, e.g. "aum >= 50000000 (wealth)" */
    reason: text('reason').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('customer_tier_history_customer_idx').on(t.customerId, t.changedAt)],
);

/** Lifecycle stage transitions (客户生命周期), each with the rule that moved it. */
export const customerStageHistory = pgTable(
  'customer_stage_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: text('customer_id').notNull(),
    /** C1 */
    fromStage: text('from_stage'),
    /** C1 */
    toStage: text('to_stage').notNull(),
    /** C1: nightly | holdings_changed | customer_created | manual */
    trigger: text('trigger').notNull(),
    /** C1: the rule code that applied (closed, no_activity, dormant, reactivated, tenure_new, outflow, loyal, growing) */
    reason: text('reason').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('customer_stage_history_customer_idx').on(t.customerId, t.changedAt),
    index('customer_stage_history_changed_idx').on(t.changedAt, t.toStage),
  ],
);

/**
 * The segmentation state of a customer that the customers table does not
 * carry: since when the stage holds (won-back lasts a while) and the RFM
 * scores of the last nightly run. One row per customer.
 */
export const customerSegmentation = pgTable(
  'customer_segmentation',
  {
    customerId: text('customer_id').primaryKey(),
    /** C1 */
    stageSince: timestamp('stage_since', { withTimezone: true }),
    /** C1 */
    tierSince: timestamp('tier_since', { withTimezone: true }),
    /** C1: RFM quintile scores 1..5 (5 best) */
    rfmR: smallint('rfm_r'),
    rfmF: smallint('rfm_f'),
    rfmM: smallint('rfm_m'),
    /** C2: the RFM inputs (months since the last transaction, transactions, volume in fen) */
    recencyMonths: integer('recency_months'),
    frequency: integer('frequency'),
    monetary: bigint('monetary', { mode: 'number' }),
    rfmAt: timestamp('rfm_at', { withTimezone: true }),
  },
  (t) => [index('customer_segmentation_rfm_idx').on(t.rfmR, t.rfmF, t.rfmM)],
);

export const segmentKinds = ['dynamic', 'static'] as const;
export type SegmentKind = (typeof segmentKinds)[number];

/**
 * A saved segment (客群): a rule over the customer archive. A dynamic segment
 * is evaluated when asked; a static one keeps the members it had when it
 * was saved (segment_members). Members are always read within the reader's
 * data scope (DS-05).
 */
export const segments = pgTable(
  'segments',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind').$type<SegmentKind>().notNull(),
    rule: jsonb('rule').$type<SegmentRule>().notNull(),
    /** members when saved (static: the snapshot; dynamic: a count at save time) */
    memberCount: integer('member_count').notNull().default(0),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    snapshotAt: timestamp('snapshot_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('segments_updated_idx').on(t.updatedAt, t.id)],
);

/** The frozen members of a static segment. */
export const segmentMembers = pgTable(
  'segment_members',
  {
    segmentId: text('segment_id').notNull(),
    customerId: text('customer_id').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.customerId] }), index('segment_members_customer_idx').on(t.customerId)],
);

export type SegmentRow = typeof segments.$inferSelect;
export type RfmScores = { r: number; f: number; m: number };
