import { z } from 'zod';
import { customerListItem, exportView, lifecycleStages, tiers } from '../customers';
import { ruleOperators, segmentRule } from './rule.schema';
import { segmentKinds } from './segmentation.tables';

export const idParams = z.object({ id: z.string().min(1).max(64) });

export const previewInput = z.object({ rule: segmentRule });
export const previewOutput = z.object({
  /** active customers within your data scope the rule selects */
  count: z.number(),
  businessDate: z.string(),
});

export const fieldView = z.object({
  field: z.string(),
  type: z.string(),
  group: z.string(),
  operators: z.array(z.enum(ruleOperators)),
  values: z.array(z.string()).optional(),
  nullable: z.boolean(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export const fieldsOutput = z.object({ fields: z.array(fieldView) });

export const createSegmentInput = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).default(''),
  /** dynamic: evaluated when read; static: the members now, frozen */
  kind: z.enum(segmentKinds).default('dynamic'),
  rule: segmentRule,
});
export type CreateSegmentInput = z.infer<typeof createSegmentInput>;

export const updateSegmentInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    description: z.string().trim().max(500).optional(),
    /** dynamic segments only; a static segment is re-frozen with POST /snapshot */
    rule: segmentRule.optional(),
    /** the version you read (optimistic concurrency) */
    version: z.number().int().min(1),
  })
  .refine((v) => v.name !== undefined || v.description !== undefined || v.rule !== undefined, {
    message: 'give name, description or rule',
    path: ['name'],
  });
export type UpdateSegmentInput = z.infer<typeof updateSegmentInput>;

export const segmentView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(segmentKinds),
  rule: segmentRule,
  /** members when saved or last frozen (static), or counted at the last save (dynamic) */
  memberCount: z.number(),
  createdBy: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  snapshotAt: z.string().nullable(),
  version: z.number(),
});
export type SegmentView = z.infer<typeof segmentView>;

export const segmentPage = z.object({ items: z.array(segmentView), nextCursor: z.string().nullable() });

export const membersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const memberPage = z.object({
  items: z.array(customerListItem),
  nextCursor: z.string().nullable(),
  /** members within your data scope (first page only) */
  total: z.number().nullable(),
});

export const exportSegmentInput = z.object({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
export const segmentExportView = exportView;

export const distributionView = z.object({
  businessDate: z.string(),
  tiers: z.array(z.object({ tier: z.enum(tiers), customers: z.number(), aum: z.number() })),
  stages: z.array(z.object({ stage: z.enum(lifecycleStages), customers: z.number() })),
  /** stage moves in the last 30 days */
  transitions: z.array(z.object({ from: z.string().nullable(), to: z.string(), customers: z.number() })),
});

const historyEntry = z.object({
  from: z.string().nullable(),
  to: z.string(),
  trigger: z.string(),
  reason: z.string(),
  changedAt: z.string(),
});
export const customerSegmentationView = z.object({
  customerId: z.string(),
  tier: z.string(),
  lifecycleStage: z.string(),
  tierSince: z.string().nullable(),
  stageSince: z.string().nullable(),
  rfm: z
    .object({
      r: z.number(),
      f: z.number(),
      m: z.number(),
      recencyMonths: z.number().nullable(),
      frequency: z.number(),
      monetary: z.number(),
      computedAt: z.string(),
    })
    .nullable(),
  tierHistory: z.array(historyEntry.extend({ aum: z.number() })),
  stageHistory: z.array(historyEntry),
});
