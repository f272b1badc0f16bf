import { z } from 'zod';
import { importKinds } from './import.tables';

const mappingRecord = z.record(z.string().min(1).max(40), z.string().min(1).max(200));

export const uploadImportQuery = z.object({
  kind: z.enum(importKinds),
  fileName: z.string().trim().min(1).max(200),
  /** a saved mapping template of this kind */
  mappingName: z.string().trim().min(1).max(100).optional(),
  /** field -> column header as JSON, overriding the template */
  map: z
    .string()
    .max(5000)
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      try {
        return mappingRecord.parse(JSON.parse(v));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'map must be a JSON object of field -> column header' });
        return z.NEVER;
      }
    }),
  encoding: z.enum(['utf-8', 'gb18030']).optional(),
  /** a branch code new customers are booked to when the file names none (default: your unit) */
  unit: z.string().trim().min(1).max(64).optional(),
});
export type UploadImportQuery = z.infer<typeof uploadImportQuery>;

export const importProblem = z.object({ row: z.number(), column: z.string(), value: z.string(), reason: z.string() });

export const importRunView = z.object({
  id: z.string(),
  kind: z.enum(importKinds),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string(),
  status: z.enum(['validated', 'running', 'committed', 'failed']),
  mapping: z.record(z.string(), z.string()),
  totalRows: z.number(),
  processedRows: z.number(),
  okRows: z.number(),
  rejectedRows: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /** what inserted/updated/unchanged count: rows, or monthly aggregates for transactions */
  unit: z.enum(['rows', 'monthly_aggregates']),
  problems: z.array(importProblem),
  problemCount: z.number(),
  notes: z.array(z.string()),
  ignoredColumns: z.array(z.string()),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportRunView = z.infer<typeof importRunView>;

export const importRunSummary = importRunView.pick({
  id: true,
  kind: true,
  fileName: true,
  status: true,
  totalRows: true,
  processedRows: true,
  okRows: true,
  rejectedRows: true,
  createdAt: true,
});

export const importIdParams = z.object({ id: z.string().min(1).max(64) });

export const saveMappingInput = z.object({
  kind: z.enum(importKinds),
  name: z.string().trim().min(1).max(100),
  mapping: mappingRecord,
});
export type SaveMappingInput = z.infer<typeof saveMappingInput>;

export const mappingView = z.object({
  id: z.string(),
  kind: z.enum(importKinds),
  name: z.string(),
  mapping: z.record(z.string(), z.string()),
  updatedAt: z.string(),
});
export type MappingView = z.infer<typeof mappingView>;

export const importFieldsView = z.array(
  z.object({
    kind: z.enum(importKinds),
    fields: z.array(z.object({ field: z.string(), required: z.boolean(), aliases: z.array(z.string()) })),
  }),
);

export const mappingsQuery = z.object({ kind: z.enum(importKinds).optional() });
