import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const importKinds = ['customers', 'contacts', 'holdings', 'transactions'] as const;
export type ImportKind = (typeof importKinds)[number];

/** A saved column mapping (template): target field -> column header of the file. */
export const customerImportMappings = pgTable(
  'customer_import_mappings',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').$type<ImportKind>().notNull(),
    /** C1: { field: "column header" } */
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('customer_import_mappings_name_uq').on(t.kind, t.name)],
);

export type ImportStatus = 'validated' | 'running' | 'committed' | 'failed';

/** One uploaded file: its dry-run report, then its commit with progress. */
export const customerImportRuns = pgTable(
  'customer_import_runs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<ImportKind>().notNull(),
    fileName: text('file_name').notNull(),
    format: text('format').$type<'csv' | 'xlsx'>().notNull(),
    encoding: text('encoding').notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    status: text('status').$type<ImportStatus>().notNull(),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    okRows: integer('ok_rows').notNull().default(0),
    rejectedRows: integer('rejected_rows').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    /** the first problems (row, column, value masked, reason) and file-level notes */
    report: jsonb('report').$type<Record<string, unknown>>().notNull(),
    /** C2 encrypted: the uploaded file (base64), kept until the commit finishes */
    fileEnc: text('file_enc'),
    /** C2 encrypted: the rejected rows with reasons, as CSV */
    rejectsEnc: text('rejects_enc'),
    error: text('error'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    dryRunOnly: boolean('dry_run_only').notNull().default(true),
  },
  (t) => [index('customer_import_runs_created_by_idx').on(t.createdBy, t.createdAt)],
);

export type ImportRunRow = typeof customerImportRuns.$inferSelect;
export type ImportMappingRow = typeof customerImportMappings.$inferSelect;
