import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** MKT-05: the purposes a customer can consent to, separately. `service` is listed so a channel opt-out from service notices is recorded too. */
export const consentPurposes = ['service', 'marketing', 'personalisation', 'third_party_sharing'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** The channels a consent is given for (MKT-03: opt-out is per channel). */
export const consentChannels = ['phone', 'sms', 'email', 'wechat', 'app', 'post'] as const;
export type ConsentChannel = (typeof consentChannels)[number];

/** grant and withdraw change the state; refuse records a declined request (MKT-07 cool-down). */
export type ConsentAction = 'grant' | 'withdraw' | 'refuse';
export type ConsentStatus = 'granted' | 'withdrawn' | 'refused';
export const consentSources = ['counter', 'phone', 'app', 'web', 'sms_reply', 'email_link', 'paper', 'rm'] as const;
export type ConsentSource = (typeof consentSources)[number];

/**
 * Every grant, withdrawal and refusal as it happened (PI-03: purpose, channel,
 * notice version, time, source and evidence). Append-only: the history on the
 * 360 page and the proof for a regulator.
 */
export const consentRecords = pgTable(
  'consent_records',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    purpose: text('purpose').$type<ConsentPurpose>().notNull(),
    channel: text('channel').$type<ConsentChannel>().notNull(),
    action: text('action').$type<ConsentAction>().notNull(),
    source: text('source').$type<ConsentSource>().notNull(),
    /** C2: what proves the act (form number, call recording id, the reply text) */
    evidence: text('evidence').notNull(),
    noticeVersion: text('notice_version').notNull(),
    /** staff member who recorded it, or `system` (inbound reply) */
    recordedBy: text('recorded_by').notNull(),
    /** when the customer acted */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('consent_records_customer_idx').on(t.customerId, t.occurredAt)],
);

/**
 * The current consent per customer, purpose and channel. A missing row means
 * no consent (MKT-04, MKT-05: nothing is pre-ticked, silence is not consent).
 */
export const consentState = pgTable(
  'consent_state',
  {
    customerId: text('customer_id').notNull(),
    purpose: text('purpose').$type<ConsentPurpose>().notNull(),
    channel: text('channel').$type<ConsentChannel>().notNull(),
    status: text('status').$type<ConsentStatus>().notNull(),
    recordId: text('record_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.purpose, t.channel] }),
    // the set-based audience filter walks this index (purpose, channel, status)
    index('consent_state_audience_idx').on(t.purpose, t.channel, t.status, t.customerId),
  ],
);

/** Do-not-disturb list (MKT-08, SALE-05): no marketing contact on any channel until `until` (null: indefinitely). */
export const contactDnd = pgTable('contact_dnd', {
  customerId: text('customer_id').primaryKey(),
  /** C1 */
  reason: text('reason').notNull(),
  until: timestamp('until', { withTimezone: true }),
  addedBy: text('added_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** Marketing contacts made, counted by the per-customer caps across channels. */
export const contactLog = pgTable(
  'contact_log',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    channel: text('channel').$type<ConsentChannel>().notNull(),
    /** what made the contact: message, task, campaign */
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('contact_log_customer_idx').on(t.customerId, t.occurredAt)],
);

export const suppressionReasons = [
  'no_consent',
  'opt_out',
  'dnd',
  'cap_7d',
  'cap_30d',
  'quiet_hours',
  'no_greetings',
] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

/** Every contact the gate stopped or deferred, with its reason, for operators (MKT-08). */
export const contactSuppressions = pgTable(
  'contact_suppressions',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    channel: text('channel').$type<ConsentChannel>().notNull(),
    purpose: text('purpose').notNull(),
    reason: text('reason').$type<SuppressionReason>().notNull(),
    /** deferred (quiet hours) rather than dropped */
    deferredUntil: timestamp('deferred_until', { withTimezone: true }),
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    /** C1: counts and limits behind the decision */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('contact_suppressions_customer_idx').on(t.customerId, t.occurredAt),
    index('contact_suppressions_time_idx').on(t.occurredAt, t.id),
  ],
);

export type ConsentRecordRow = typeof consentRecords.$inferSelect;
export type SuppressionRow = typeof contactSuppressions.$inferSelect;
