import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Customers whose profile is due for refresh (last verified longer ago than
 * the refresh policy). The nightly `customers.stale-profiles` job keeps this
 * list and emits `customer.profile_refresh_due` for each new entry; the
 * workbench turns those into tasks.
 */
export const profileRefreshDue = pgTable('profile_refresh_due', {
  customerId: text('customer_id').primaryKey(),
  /** when the profile became due (last verification + policy, or onboarding when never verified) */
  dueSince: timestamp('due_since', { withTimezone: true }).notNull(),
  /** never_verified | verification_stale */
  reason: text('reason').$type<'never_verified' | 'verification_stale'>().notNull(),
  detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
});

/** What a merge moved, per table, so undo can put every row back. */
export type MergeMoves = Record<string, MovedRows>;
export type MovedRows = {
  /** primary keys (as JSON values) of rows re-pointed to the survivor */
  ids: unknown[];
  /** original values of columns the merge changed on moved rows, by id (e.g. is_primary) */
  originals?: Record<string, Record<string, unknown>>;
  /** rows that collided with the survivor's and were folded into them (summed), in full */
  folded?: Record<string, unknown>[];
};

/** Customer merges, reversible for BANYAN_MERGE_UNDO_DAYS. */
export const customerMerges = pgTable(
  'customer_merges',
  {
    id: text('id').primaryKey(),
    /** the customer that remains */
    survivorId: text('survivor_id').notNull(),
    /** the customer merged away (status 'merged', merged_into = survivor) */
    mergedId: text('merged_id').notNull(),
    reason: text('reason').notNull(),
    moves: jsonb('moves').$type<MergeMoves>().notNull(),
    /** the merged customer's fields as they were; the survivor's fields before and as the merge set them */
    before: jsonb('before')
      .$type<{
        merged: Record<string, unknown>;
        survivor: Record<string, unknown>;
        survivorSet?: Record<string, unknown>;
      }>()
      .notNull(),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull(),
    actorId: text('actor_id').notNull(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    undoneBy: text('undone_by'),
  },
  (t) => [index('customer_merges_survivor_idx').on(t.survivorId), index('customer_merges_merged_idx').on(t.mergedId)],
);
