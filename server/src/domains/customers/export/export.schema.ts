import { z } from 'zod';
import { listCustomersQuery } from '../customer.schema';

export const exportFormats = ['csv', 'xlsx'] as const;

/** The list filters of GET /api/customers, without paging. */
export const exportFilter = listCustomersQuery.omit({ limit: true, cursor: true });
export type ExportFilter = z.infer<typeof exportFilter>;

export const createExportInput = z
  .object({
    format: z.enum(exportFormats).default('xlsx'),
    lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
    /** export the list these filters select ... */
    filter: exportFilter.optional(),
    /** ... or exactly these customers (a selection, a segment's members) */
    customerIds: z.array(z.string().min(1).max(64)).min(1).max(1_000_000).optional(),
  })
  .refine((v) => !!v.filter !== !!v.customerIds, { message: 'give either filter or customerIds', path: ['filter'] });
export type CreateExportInput = z.input<typeof createExportInput>;

export const exportStatuses = ['ready', 'pending_approval', 'rejected', 'expired'] as const;

export const exportView = z.object({
  id: z.string(),
  format: z.enum(exportFormats),
  status: z.enum(exportStatuses),
  rowCount: z.number(),
  /** ids asked for but outside your scope or inactive, left out (not named, DS-05) */
  excluded: z.number(),
  approvalId: z.string().nullable(),
  downloads: z.number(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  source: z.record(z.string(), z.unknown()),
});
export type ExportView = z.infer<typeof exportView>;

export const exportIdParams = z.object({ id: z.string().min(1).max(64) });
