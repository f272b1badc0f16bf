import { z } from 'zod';
import { breachView, taskView } from './engagement.schema';

const taskList = z.object({ total: z.number().int(), items: z.array(taskView) });

export const workbenchView = z.object({
  businessDate: z.string(),
  generatedAt: z.string(),
  tasksToday: taskList,
  overdue: taskList,
  followUps: taskList,
  alerts: taskList,
  breaches: z.object({ total: z.number().int(), items: z.array(breachView) }),
  expiringAssessments: z.object({
    total: z.number().int(),
    items: z.array(
      z.object({
        customerId: z.string(),
        customerName: z.string(),
        riskLevel: z.string().nullable(),
        expiresAt: z.string(),
        rmId: z.string().nullable(),
      }),
    ),
  }),
  birthdays: z.array(
    z.object({ customerId: z.string(), customerName: z.string(), tier: z.string(), birthday: z.string() }),
  ),
  portfolio: z.object({
    byTier: z.array(z.object({ tier: z.string(), customers: z.number().int(), aum: z.number() })),
    customers: z.number().int(),
    aum: z.number(),
  }),
});

const nullableRate = z.number().nullable();
export const metricNames = z.enum(['contactAdherence', 'taskOnTimeRate', 'followUpCompletion']);

export const rmConsistencyView = z.object({
  rmId: z.string(),
  rmName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  customers: z.number().int(),
  contactAdherence: nullableRate,
  taskOnTimeRate: nullableRate,
  followUpCompletion: nullableRate,
  tasksDue: z.number().int(),
  openOverdue: z.number().int(),
});

export const branchQuery = z.object({
  days: z.coerce.number().int().min(7).max(365).default(90),
  unitId: z.string().min(1).max(64).optional(),
});

export const branchViewOutput = z.object({
  windowDays: z.number().int(),
  generatedAt: z.string(),
  rms: z.array(rmConsistencyView),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      rmCount: z.number().int(),
      customers: z.number().int(),
      contactAdherence: nullableRate,
      taskOnTimeRate: nullableRate,
      followUpCompletion: nullableRate,
    }),
  ),
  spread: z.array(
    z.object({
      metric: metricNames,
      best: nullableRate,
      worst: nullableRate,
      spread: nullableRate,
      bestRmId: z.string().nullable(),
      worstRmId: z.string().nullable(),
    }),
  ),
  heatmap: z.object({
    metrics: z.array(metricNames),
    rms: z.array(z.object({ rmId: z.string(), rmName: z.string(), unitName: z.string() })),
    cells: z.array(z.tuple([z.number().int(), z.number().int(), z.number().nullable()])),
  }),
});

export const rmDrillDownOutput = z.object({
  rm: rmConsistencyView,
  windowDays: z.number().int(),
  breaches: z.object({ total: z.number().int(), items: z.array(breachView) }),
  overdueTasks: z.array(taskView),
});
