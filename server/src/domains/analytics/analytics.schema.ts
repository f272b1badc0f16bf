import { z } from 'zod';
import { churnReasons, riskBands } from './analytics.tables';

/** Zod inputs and outputs of the analytics API, shared by routes and tests. */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const customerIdParams = z.object({ id: z.string().min(1).max(64) });
export const rmIdParams = z.object({ rmId: z.string().min(1).max(64) });

export const storedReason = z.object({
  feature: z.string(),
  value: z.string(),
  impact: z.number(),
  zh: z.string(),
  en: z.string(),
});

export const churnEventView = z.object({
  id: z.string(),
  customerId: z.string(),
  leftOn: z.string(),
  reason: z.enum(churnReasons),
  notes: z.string().nullable(),
  rmId: z.string().nullable(),
  unitId: z.string(),
  scoreAtExit: z.number().nullable(),
  recordedBy: z.string(),
  wonBackOn: z.string().nullable(),
  wonBackBy: z.string().nullable(),
});

export const customerChurnView = z.object({
  customerId: z.string(),
  score: z
    .object({
      score: z.number(),
      band: z.enum(riskBands),
      reasons: z.array(storedReason),
      scoredAt: z.string(),
      modelVersion: z.number(),
    })
    .nullable(),
  events: z.array(churnEventView),
});

export const warningsQuery = z.object({
  band: z.enum(['high', 'medium', 'risky']).default('risky'),
  rmId: z.string().min(1).max(64).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const warningItem = z.object({
  customerId: z.string(),
  name: z.string(),
  tier: z.string(),
  aum: z.number(),
  rmId: z.string().nullable(),
  rmName: z.string().nullable(),
  unitId: z.string(),
  score: z.number(),
  band: z.enum(riskBands),
  reasons: z.array(storedReason),
  scoredAt: z.string(),
});
export const warningPageView = z.object({ items: z.array(warningItem), nextCursor: z.string().nullable() });

export const recordLeavingInput = z
  .object({
    leftOn: day,
    reason: z.enum(churnReasons),
    notes: z.string().trim().max(2000).optional(),
  })
  .strict();
export const recordWonBackInput = z.object({ wonBackOn: day }).strict();

export const leftListQuery = z.object({
  wonBack: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const leftItem = churnEventView.extend({ name: z.string(), tier: z.string() });
export const leftPageView = z.object({ items: z.array(leftItem), nextCursor: z.string().nullable() });

export const tableView = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
});
export const panelView = z.object({
  panel: z.string(),
  status: z.enum(['ok', 'no_data']),
  /** why there is no data, e.g. the source domain is not connected yet */
  note: z.string().nullable(),
  data: tableView,
});
export const dashboardView = z.object({ panels: z.array(panelView) });

export const scorecardView = z.object({
  month: z.string(),
  rmId: z.string(),
  rmName: z.string().nullable(),
  unitId: z.string(),
  components: z.record(z.string(), z.number().nullable()),
  measures: z.record(z.string(), z.number().nullable()),
  total: z.number(),
  rankInUnit: z.number(),
  unitSize: z.number(),
});
export const leaderboardQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM')
    .optional(),
});
export const leaderboardView = z.object({
  month: z.string().nullable(),
  weights: z.record(z.string(), z.number()),
  items: z.array(scorecardView),
});
export const trendView = z.object({ rmId: z.string(), items: z.array(scorecardView) });

export const modelView = z.object({
  id: z.string(),
  kind: z.string(),
  version: z.number(),
  algorithm: z.string(),
  features: z.array(z.string()),
  metrics: z.record(z.string(), z.number()),
  windowFrom: z.string(),
  windowTo: z.string(),
  rows: z.number(),
  positives: z.number(),
  trainedBy: z.string(),
  trainedAt: z.string(),
});
export const modelsView = z.object({ items: z.array(modelView) });
