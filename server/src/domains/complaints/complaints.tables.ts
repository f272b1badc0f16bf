import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The complaints domain's tables: complaints with their regulatory clock,
 * their workflow history and attachments, the holiday calendar the clock
 * counts on, and satisfaction surveys (templates, one-time invitations,
 * responses). DS-01 classes of every customer-owned column are in
 * kernel/pi-classes.ts.
 */

export const complaintChannels = ['counter', 'phone', 'email', 'web', 'api', 'letter', 'regulator'] as const;
export type ComplaintChannel = (typeof complaintChannels)[number];
export const complaintCategories = [
  'service_attitude',
  'fees',
  'mis_selling',
  'card',
  'loan',
  'digital_channel',
  'privacy',
  'other',
] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];
export const complaintSeverities = ['low', 'medium', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof complaintSeverities)[number];
/** The workflow of issue 7; `withdrawn` ends a complaint on the day the withdrawal is received (CMP-03). */
export const complaintStatuses = [
  'received',
  'acknowledged',
  'assigned',
  'investigating',
  'proposed',
  'resolved',
  'customer_responded',
  'closed',
  'withdrawn',
] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];
export const openComplaintStatuses = [
  'received',
  'acknowledged',
  'assigned',
  'investigating',
  'proposed',
] as const satisfies readonly ComplaintStatus[];
export const complaintOutcomes = ['upheld', 'partly_upheld', 'rejected'] as const;
export type ComplaintOutcome = (typeof complaintOutcomes)[number];
export const customerResponses = ['accepted', 'disputed', 'no_response'] as const;
export type CustomerResponse = (typeof customerResponses)[number];
export const jurisdictionProfiles = ['CN', 'UK'] as const;
export type JurisdictionProfile = (typeof jurisdictionProfiles)[number];
export const rootCauses = [
  'staff_conduct',
  'process',
  'system',
  'product_design',
  'disclosure',
  'third_party',
  'other',
] as const;
export type RootCause = (typeof rootCauses)[number];

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** One complaint, from intake to closure, with its regulatory clock (CMP-01, INT-FCA-02). */
export const complaints = pgTable(
  'complaints',
  {
    id: text('id').primaryKey(),
    /** the reference told to the complainant: TS + local date + sequence */
    reference: text('reference').notNull(),
    /** null: anonymous or not yet matched to a customer (linkable later) */
    customerId: text('customer_id'),
    /** C2: who complained, as given (an unmatched or anonymous complainant, an agent or heir, CMP-03) */
    complainantName: text('complainant_name'),
    /** C2: how to reach the complainant when no customer is linked */
    complainantContact: text('complainant_contact'),
    channel: text('channel').$type<ComplaintChannel>().notNull(),
    category: text('category').$type<ComplaintCategory>().notNull(),
    productCode: text('product_code'),
    /** the branch complained about and handling the complaint (data scope by unit) */
    unitId: text('unit_id').notNull(),
    /** the customer's RM of record when linked (data scope by book; excluded as handler, CMP-05) */
    rmId: text('rm_id'),
    /** staff named in the complaint (excluded as handlers, CMP-05) */
    staffInvolved: jsonb('staff_involved').$type<string[]>().notNull().default([]),
    severity: text('severity').$type<ComplaintSeverity>().notNull(),
    /** amount in dispute, integer minor units (fen) */
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    currency: text('currency').notNull().default('CNY'),
    /** C2: what the complainant asks for */
    desiredRemedy: text('desired_remedy'),
    /** C2: the complaint in the complainant's words */
    description: text('description').notNull(),
    status: text('status').$type<ComplaintStatus>().notNull(),
    profile: text('profile').$type<JurisdictionProfile>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** the clock runs from here: receipt, or new facts (CMP-04) */
    clockStartAt: timestamp('clock_start_at', { withTimezone: true }).notNull(),
    /** 0: standard period; 1 and 2: extended (CMP-01) */
    extensionLevel: integer('extension_level').notNull().default(0),
    /** the last local date a decision is due on, and the instant that date ends */
    dueDate: text('due_date').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    handlerId: text('handler_id'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    outcome: text('outcome').$type<ComplaintOutcome>(),
    /** C2: the remedy offered */
    remedy: text('remedy'),
    remedyAmountMinor: bigint('remedy_amount_minor', { mode: 'number' }),
    proposedAt: timestamp('proposed_at', { withTimezone: true }),
    /** the decision told to the complainant: stops the clock; CMP-02's review window starts */
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    customerResponse: text('customer_response').$type<CustomerResponse>(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** decided on or before the due instant */
    onTime: boolean('on_time'),
    reminderAt: timestamp('reminder_at', { withTimezone: true }),
    dueSoonAt: timestamp('due_soon_at', { withTimezone: true }),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    /** CMP-04: the complaint this one repeats */
    duplicateOfId: text('duplicate_of_id'),
    /** CMP-02: the decision this review case re-examines */
    reviewOfId: text('review_of_id'),
    rootCause: text('root_cause').$type<RootCause>(),
    /** CMP-06: the fix, its owner and its due date, tracked to completion */
    correctiveAction: text('corrective_action'),
    correctiveOwnerId: text('corrective_owner_id'),
    correctiveDueAt: timestamp('corrective_due_at', { withTimezone: true }),
    correctiveDoneAt: timestamp('corrective_done_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('complaints_reference_uq').on(t.reference),
    index('complaints_customer_idx').on(t.customerId, t.receivedAt),
    index('complaints_unit_open_idx')
      .on(t.unitId, t.dueAt, t.id)
      .where(sql`status in ('received', 'acknowledged', 'assigned', 'investigating', 'proposed')`),
    index('complaints_handler_open_idx')
      .on(t.handlerId, t.dueAt, t.id)
      .where(sql`status in ('received', 'acknowledged', 'assigned', 'investigating', 'proposed')`),
    index('complaints_open_due_idx')
      .on(t.dueAt)
      .where(sql`status in ('received', 'acknowledged', 'assigned', 'investigating', 'proposed')`),
    index('complaints_unit_received_idx').on(t.unitId, t.receivedAt, t.id),
    index('complaints_received_idx').on(t.receivedAt, t.id),
    index('complaints_duplicate_idx').on(t.duplicateOfId),
  ],
);

/** Every workflow step of a complaint (also in the audit log; this is the case file's history). */
export const complaintHistory = pgTable(
  'complaint_history',
  {
    id: text('id').primaryKey(),
    complaintId: text('complaint_id').notNull(),
    customerId: text('customer_id'),
    action: text('action').notNull(),
    fromStatus: text('from_status').$type<ComplaintStatus>(),
    toStatus: text('to_status').$type<ComplaintStatus>().notNull(),
    actorId: text('actor_id').notNull(),
    /** C2: a note written by staff, may name the customer's situation */
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('complaint_history_complaint_idx').on(t.complaintId, t.at),
    index('complaint_history_customer_idx').on(t.customerId),
  ],
);

/** Evidence attached to a complaint, stored in the database (size-limited, type-checked). */
export const complaintAttachments = pgTable(
  'complaint_attachments',
  {
    id: text('id').primaryKey(),
    complaintId: text('complaint_id').notNull(),
    customerId: text('customer_id'),
    /** C2: file names can name people */
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** C2 */
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('complaint_attachments_complaint_idx').on(t.complaintId, t.createdAt),
    index('complaint_attachments_customer_idx').on(t.customerId),
  ],
);

export const holidayKinds = ['holiday', 'workday'] as const;
export type HolidayKind = (typeof holidayKinds)[number];

/** Public holidays and make-up working days (调休) per jurisdiction: what business days are counted on. */
export const holidayCalendar = pgTable(
  'holiday_calendar',
  {
    jurisdiction: text('jurisdiction').$type<JurisdictionProfile>().notNull(),
    date: text('date').notNull(),
    kind: text('kind').$type<HolidayKind>().notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jurisdiction, t.date] })],
);

export const surveyKinds = ['csat', 'nps', 'custom'] as const;
export type SurveyKind = (typeof surveyKinds)[number];
export type SurveyQuestion = {
  key: string;
  text: string;
  type: 'rating' | 'nps' | 'choice' | 'text';
  /** the score question: CSAT 1-5 or NPS 0-10 */
  primary?: boolean;
  required: boolean;
  options?: string[];
};

export const surveyTemplates = pgTable(
  'survey_templates',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<SurveyKind>().notNull(),
    questions: jsonb('questions').$type<SurveyQuestion[]>().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('survey_templates_code_uq').on(t.code)],
);

export const surveyTriggers = ['complaint_closed', 'sale', 'follow_up', 'counter_service', 'manual'] as const;
export type SurveyTrigger = (typeof surveyTriggers)[number];

/** One survey sent to one customer after one service event: answered once, through a signed link. */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: text('id').primaryKey(),
    templateId: text('template_id').notNull(),
    customerId: text('customer_id').notNull(),
    /** the branch and RM the answer is counted for (results per branch and RM) */
    unitId: text('unit_id').notNull(),
    rmId: text('rm_id'),
    trigger: text('trigger').$type<SurveyTrigger>().notNull(),
    sourceId: text('source_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('survey_invitations_source_uq').on(t.trigger, t.sourceId),
    index('survey_invitations_customer_idx').on(t.customerId, t.createdAt),
  ],
);

export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: text('id').primaryKey(),
    invitationId: text('invitation_id').notNull(),
    templateId: text('template_id').notNull(),
    kind: text('kind').$type<SurveyKind>().notNull(),
    customerId: text('customer_id').notNull(),
    unitId: text('unit_id').notNull(),
    rmId: text('rm_id'),
    trigger: text('trigger').$type<SurveyTrigger>().notNull(),
    /** the primary score: CSAT 1-5, NPS 0-10 */
    score: integer('score'),
    low: boolean('low').notNull(),
    /** C2: free-text answers can say anything */
    answers: jsonb('answers').$type<Record<string, string | number>>().notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('survey_responses_invitation_uq').on(t.invitationId),
    index('survey_responses_unit_idx').on(t.unitId, t.answeredAt),
    index('survey_responses_rm_idx').on(t.rmId, t.answeredAt),
    index('survey_responses_customer_idx').on(t.customerId),
  ],
);

export type ComplaintRow = typeof complaints.$inferSelect;
export type NewComplaintRow = typeof complaints.$inferInsert;
export type SurveyTemplateRow = typeof surveyTemplates.$inferSelect;
export type SurveyInvitationRow = typeof surveyInvitations.$inferSelect;
