import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The engagement domain's tables: interactions with customers, tasks and
 * follow-up visits (回访) with their escalations, service standards (SOP
 * checklists and their runs), the tiered service policy and RM capacity.
 * DS-01 classes of every customer-owned column are in kernel/pi-classes.ts.
 */

export const interactionChannels = ['call', 'visit', 'meeting', 'email', 'sms', 'wechat', 'counter'] as const;
export type InteractionChannel = (typeof interactionChannels)[number];
export const interactionDirections = ['inbound', 'outbound'] as const;
export type InteractionDirection = (typeof interactionDirections)[number];
export const interactionPurposes = [
  'service',
  'follow_up',
  'review',
  'sales',
  'care',
  'onboarding',
  'complaint',
  'risk_assessment',
  'other',
] as const;
export type InteractionPurpose = (typeof interactionPurposes)[number];
/** `not_reached` (no answer, message bounced) does not count as contact for the contact standard. */
export const interactionOutcomes = [
  'completed',
  'interested',
  'not_interested',
  'callback_requested',
  'issue_raised',
  'not_reached',
] as const;
export type InteractionOutcome = (typeof interactionOutcomes)[number];

/** A call, visit, meeting, email, SMS, WeChat conversation or counter service with a customer. */
export const interactions = pgTable(
  'interactions',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    /** the staff member who had the interaction */
    staffId: text('staff_id').notNull(),
    channel: text('channel').$type<InteractionChannel>().notNull(),
    direction: text('direction').$type<InteractionDirection>().notNull(),
    purpose: text('purpose').$type<InteractionPurpose>().notNull(),
    outcome: text('outcome').$type<InteractionOutcome>().notNull(),
    /** free text about the customer: C2 */
    notes: text('notes'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    nextAction: text('next_action'),
    nextActionAt: timestamp('next_action_at', { withTimezone: true }),
    /** the task created for the next action, if any */
    nextTaskId: text('next_task_id'),
    /** the task this interaction completed, if any */
    completedTaskId: text('completed_task_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('interactions_customer_idx').on(t.customerId, t.occurredAt, t.id),
    index('interactions_staff_idx').on(t.staffId, t.occurredAt, t.id),
  ],
);

/**
 * The latest interaction that counted as contact, per customer: what the
 * contact standard is measured against (kept on write, so adherence over a
 * million customers is one join, not an aggregate over every interaction).
 */
export const customerLastContact = pgTable('customer_last_contact', {
  customerId: text('customer_id').primaryKey(),
  lastContactAt: timestamp('last_contact_at', { withTimezone: true }).notNull(),
  interactionId: text('interaction_id').notNull(),
});

export const taskStatuses = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const taskPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof taskPriorities)[number];
/** task: work to do; follow_up: a follow-up visit (回访); alert: an escalation notice for a manager */
export const taskCategories = ['task', 'follow_up', 'alert'] as const;
export type TaskCategory = (typeof taskCategories)[number];

/** Tasks and follow-up visits on a customer, made by hand, by rules and by other domains. */
export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    /** null: the customer's unit pool (pooled service, no RM) */
    ownerId: text('owner_id'),
    /** the customer's home unit when the task was made: the pool a task without owner belongs to */
    unitId: text('unit_id').notNull(),
    kind: text('kind').notNull(),
    category: text('category').$type<TaskCategory>().notNull(),
    /** may name the customer's situation: C2 */
    title: text('title').notNull(),
    /** C2 */
    description: text('description'),
    priority: text('priority').$type<TaskPriority>().notNull(),
    status: text('status').$type<TaskStatus>().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    sourceDomain: text('source_domain').notNull(),
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id'),
    /** the `task.requested` (or rule) event this task was made from: one task per event */
    sourceEventId: text('source_event_id'),
    /** a rule's key while the task is open (one open onboarding / contact-standard task per customer) */
    dedupeKey: text('dedupe_key'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: text('completed_by'),
    /** C2: what came of it */
    outcomeNotes: text('outcome_notes'),
    cancelReason: text('cancel_reason'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    escalatedTo: text('escalated_to'),
  },
  (t) => [
    index('tasks_customer_idx').on(t.customerId, t.createdAt, t.id),
    index('tasks_owner_open_idx').on(t.ownerId, t.dueAt, t.id).where(sql`status in ('open', 'in_progress')`),
    index('tasks_unit_open_idx').on(t.unitId, t.dueAt).where(sql`status in ('open', 'in_progress')`),
    index('tasks_owner_due_idx').on(t.ownerId, t.dueAt),
    index('tasks_escalation_idx').on(t.dueAt).where(sql`status in ('open', 'in_progress') and escalated_at is null`),
    uniqueIndex('tasks_source_event_uq').on(t.sourceEventId),
    uniqueIndex('tasks_dedupe_open_uq')
      .on(t.dedupeKey)
      .where(sql`status in ('open', 'in_progress') and dedupe_key is not null`),
  ],
);

/** One overdue escalation of a task to a branch manager. */
export const taskEscalations = pgTable(
  'task_escalations',
  {
    id: text('id').primaryKey(),
    taskId: text('task_id').notNull(),
    customerId: text('customer_id').notNull(),
    /** the branch manager escalated to; null when the branch has none (recorded, shown to head office) */
    managerId: text('manager_id'),
    /** the alert task made for the manager */
    alertTaskId: text('alert_task_id'),
    overdueHours: integer('overdue_hours').notNull(),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('task_escalations_task_uq').on(t.taskId),
    index('task_escalations_customer_idx').on(t.customerId),
  ],
);

export type SopStep = { key: string; title: string; description: string; evidenceRequired: boolean };

/** A service standard: an ordered checklist such as onboarding, annual review, post-sale visit. */
export const sopTemplates = pgTable(
  'sop_templates',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    steps: jsonb('steps').$type<SopStep[]>().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sop_templates_code_uq').on(t.code)],
);

export type SopRunStatus = 'in_progress' | 'completed' | 'cancelled';

/** A service standard applied to one customer. */
export const sopRuns = pgTable(
  'sop_runs',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    templateId: text('template_id').notNull(),
    /** the template's steps when the run started (a later template edit does not change a run) */
    steps: jsonb('steps').$type<SopStep[]>().notNull(),
    status: text('status').$type<SopRunStatus>().notNull(),
    taskId: text('task_id'),
    startedBy: text('started_by').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('sop_runs_customer_idx').on(t.customerId, t.startedAt)],
);

/** Who did one step of a run, when, with what evidence. */
export const sopRunSteps = pgTable(
  'sop_run_steps',
  {
    runId: text('run_id').notNull(),
    stepKey: text('step_key').notNull(),
    customerId: text('customer_id').notNull(),
    doneBy: text('done_by').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }).notNull(),
    /** C2: evidence notes (what was seen, signed, handed over) */
    evidence: text('evidence'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepKey] }), index('sop_run_steps_customer_idx').on(t.customerId)],
);

/** The tiered service policy: one row per tier (defaults from configuration, editable). */
export const servicePolicies = pgTable('service_policies', {
  tier: text('tier').primaryKey(),
  dedicatedRm: boolean('dedicated_rm').notNull(),
  /** contact-frequency standard: at least one contact every N months */
  contactEveryMonths: integer('contact_every_months').notNull(),
  servicePackage: text('service_package').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Per-RM capacity overrides for assignment proposals (default: BANYAN_RM_CAPACITY). */
export const rmCapacities = pgTable('rm_capacities', {
  userId: text('user_id').primaryKey(),
  capacity: integer('capacity').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export type InteractionRow = typeof interactions.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type NewTaskRow = typeof tasks.$inferInsert;
export type SopTemplateRow = typeof sopTemplates.$inferSelect;
export type SopRunRow = typeof sopRuns.$inferSelect;
export type ServicePolicyRow = typeof servicePolicies.$inferSelect;
