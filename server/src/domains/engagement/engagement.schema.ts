import { z } from 'zod';
import { pageQuery } from '../../kernel/pagination';
import {
  interactionChannels,
  interactionDirections,
  interactionOutcomes,
  interactionPurposes,
  taskCategories,
  taskPriorities,
  taskStatuses,
} from './engagement.tables';

/** Zod inputs and outputs of the engagement API, shared by routes, jobs and tests. */

export const tiers = ['private_banking', 'wealth', 'vip', 'mass'] as const;
export type Tier = (typeof tiers)[number];

const isoInstant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

export const idParams = z.object({ id: z.string().min(1).max(64) });
export const customerIdParams = z.object({ id: z.string().min(1).max(64) });

// --- interactions

export const logInteractionInput = z
  .object({
    channel: z.enum(interactionChannels),
    direction: z.enum(interactionDirections).default('outbound'),
    purpose: z.enum(interactionPurposes),
    outcome: z.enum(interactionOutcomes),
    notes: z.string().trim().max(4000).optional(),
    /** when it happened; default now, never in the future */
    occurredAt: isoInstant.optional(),
    nextAction: z.string().trim().max(500).optional(),
    nextActionAt: isoInstant.optional(),
    /** make a follow-up task for the next action (needs nextAction and nextActionAt) */
    createTask: z.boolean().default(false),
    /** an open task of this customer that this interaction completes (e.g. the follow-up visit it was) */
    completesTaskId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type LogInteractionInput = z.infer<typeof logInteractionInput>;

export const interactionView = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  staffId: z.string(),
  staffName: z.string().nullable(),
  channel: z.enum(interactionChannels),
  direction: z.enum(interactionDirections),
  purpose: z.enum(interactionPurposes),
  outcome: z.enum(interactionOutcomes),
  notes: z.string().nullable(),
  occurredAt: z.string(),
  nextAction: z.string().nullable(),
  nextActionAt: z.string().nullable(),
  nextTaskId: z.string().nullable(),
  completedTaskId: z.string().nullable(),
});
export type InteractionView = z.infer<typeof interactionView>;
export const interactionPage = z.object({ items: z.array(interactionView), nextCursor: z.string().nullable() });

export const staffInteractionsQuery = pageQuery.extend({ staffId: z.string().min(1).max(64).optional() });

// --- tasks

export const createTaskInput = z
  .object({
    customerId: z.string().min(1).max(64),
    kind: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,49}$/, 'kind: lower-case letters, digits and _')
      .default('manual'),
    category: z.enum(['task', 'follow_up']).default('task'),
    title: text(200),
    description: z.string().trim().max(4000).optional(),
    dueAt: isoInstant,
    priority: z.enum(taskPriorities).default('normal'),
    /** default: the customer's RM, else the actor */
    ownerId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type CreateTaskInput = z.infer<typeof createTaskInput>;

export const updateTaskInput = z
  .object({
    status: z.enum(['open', 'in_progress']).optional(),
    dueAt: isoInstant.optional(),
    priority: z.enum(taskPriorities).optional(),
    ownerId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type UpdateTaskInput = z.infer<typeof updateTaskInput>;

export const completeTaskInput = z.object({ outcomeNotes: text(4000) }).strict();
export const cancelTaskInput = z.object({ reason: text(500) }).strict();

export const taskView = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  unitId: z.string(),
  kind: z.string(),
  category: z.enum(taskCategories),
  title: z.string(),
  description: z.string().nullable(),
  priority: z.enum(taskPriorities),
  status: z.enum(taskStatuses),
  dueAt: z.string(),
  overdue: z.boolean(),
  source: z.object({ domain: z.string(), type: z.string(), id: z.string().nullable() }),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  outcomeNotes: z.string().nullable(),
  cancelReason: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  escalatedTo: z.string().nullable(),
});
export type TaskView = z.infer<typeof taskView>;
export const taskPage = z.object({ items: z.array(taskView), nextCursor: z.string().nullable() });

const statusList = z
  .string()
  .max(100)
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const list = v.split(',').filter(Boolean);
    for (const s of list) {
      if (!(taskStatuses as readonly string[]).includes(s)) {
        ctx.addIssue({ code: 'custom', message: `status: unknown status ${s}` });
        return z.NEVER;
      }
    }
    return list as (typeof taskStatuses)[number][];
  });

export const listTasksQuery = pageQuery.extend({
  /** mine (default): tasks I own; unit: tasks of customers in my scope */
  view: z.enum(['mine', 'scope']).default('mine'),
  status: statusList,
  category: z.enum(taskCategories).optional(),
  customerId: z.string().min(1).max(64).optional(),
  ownerId: z.string().min(1).max(64).optional(),
  dueBefore: isoInstant.optional(),
});
export type ListTasksQuery = z.infer<typeof listTasksQuery>;

export const customerTasksQuery = pageQuery.extend({ status: statusList });

/** The cross-domain contract (common.md): the payload of a `task.requested` event. */
export const taskRequestedPayload = z.object({
  kind: z.string().regex(/^[a-z][a-z0-9_]{1,49}$/),
  title: z.string().min(1).max(200),
  description: z.string().max(4000).optional(),
  dueAt: isoInstant,
  priority: z.enum(taskPriorities).default('normal'),
  ownerId: z.string().min(1).max(64).optional(),
  source: z.object({ domain: z.string().min(1), type: z.string().min(1), id: z.string().min(1) }),
});
export type TaskRequestedPayload = z.infer<typeof taskRequestedPayload>;

// --- service standards

export const sopStepView = z.object({
  key: z.string(),
  title: z.string(),
  description: z.string(),
  evidenceRequired: z.boolean(),
});
export const sopTemplateView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  steps: z.array(sopStepView),
  active: z.boolean(),
});
export const startSopRunInput = z
  .object({ templateCode: z.string().min(1).max(64), taskId: z.string().min(1).max(64).optional() })
  .strict();
export const completeSopStepInput = z.object({ evidence: z.string().trim().max(2000).optional() }).strict();
export const sopStepParams = z.object({ id: z.string().min(1).max(64), key: z.string().min(1).max(64) });
export const sopRunView = z.object({
  id: z.string(),
  customerId: z.string(),
  templateId: z.string(),
  templateCode: z.string(),
  templateName: z.string(),
  status: z.enum(['in_progress', 'completed', 'cancelled']),
  taskId: z.string().nullable(),
  startedBy: z.string(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  steps: z.array(
    sopStepView.extend({
      doneBy: z.string().nullable(),
      doneByName: z.string().nullable(),
      doneAt: z.string().nullable(),
      evidence: z.string().nullable(),
    }),
  ),
});
export type SopRunView = z.infer<typeof sopRunView>;

// --- tiered service policy

export const servicePolicyView = z.object({
  tier: z.enum(tiers),
  dedicatedRm: z.boolean(),
  contactEveryMonths: z.number().int(),
  servicePackage: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type ServicePolicyView = z.infer<typeof servicePolicyView>;
export const tierParams = z.object({ tier: z.enum(tiers) });
export const updateServicePolicyInput = z
  .object({
    dedicatedRm: z.boolean().optional(),
    contactEveryMonths: z.number().int().min(1).max(60).optional(),
    servicePackage: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();
export const rmCapacityParams = z.object({ userId: z.string().min(1).max(64) });
export const rmCapacityInput = z.object({ capacity: z.number().int().min(0).max(100_000) }).strict();

export const breachView = z.object({
  customerId: z.string(),
  customerName: z.string(),
  tier: z.string(),
  rmId: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  /** contact due by this instant (last contact or onboarding + the tier's standard) */
  dueSince: z.string(),
  contactEveryMonths: z.number().int(),
});
export type BreachView = z.infer<typeof breachView>;
export const breachesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  rmId: z.string().min(1).max(64).optional(),
});

export const proposalView = z.object({
  customerId: z.string(),
  customerName: z.string(),
  tier: z.string(),
  homeUnitId: z.string(),
  proposedRmId: z.string().nullable(),
  proposedRmName: z.string().nullable(),
  /** customers the proposed RM holds now, and their capacity */
  rmLoad: z.number().int().nullable(),
  rmCapacity: z.number().int().nullable(),
});
export const proposalsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export const reassignInput = z
  .object({
    customerId: z.string().min(1).max(64),
    toRmId: z.string().min(1).max(64),
    reason: text(500),
  })
  .strict();
export const reassignOutput = z.object({ approvalId: z.string(), status: z.string() });
