import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export type ExportStatus = 'ready' | 'pending_approval' | 'rejected' | 'expired';
export type ExportFormat = 'csv' | 'xlsx';

/**
 * Customer list exports. Every export is a record: small ones are ready at
 * once, those above BANYAN_EXPORT_APPROVAL_ROWS wait for a checker (AUD-03).
 * The customer ids are frozen when the export is requested, so the checker
 * approves exactly the rows that will be downloaded; the file itself is never
 * stored (it is rendered, masked for the maker, at each audited download).
 */
export const customerExports = pgTable(
  'customer_exports',
  {
    id: text('id').primaryKey(),
    /** the maker: the only user who may download */
    requestedBy: text('requested_by').notNull(),
    format: text('format').$type<ExportFormat>().notNull(),
    /** C1: what was exported (filter field names and values without search text, or "ids") */
    source: jsonb('source').$type<Record<string, unknown>>().notNull(),
    /** C1: the frozen list of customer ids */
    customerIds: text('customer_ids').array().notNull(),
    rowCount: integer('row_count').notNull(),
    status: text('status').$type<ExportStatus>().notNull(),
    approvalId: text('approval_id'),
    downloads: integer('downloads').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** no download after this instant (BANYAN_EXPORT_DOWNLOAD_DAYS after it became ready) */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    index('customer_exports_requested_by_idx').on(t.requestedBy, t.createdAt),
    index('customer_exports_approval_idx').on(t.approvalId),
  ],
);

export type ExportRow = typeof customerExports.$inferSelect;
