import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** The channels messaging can send through (phone calls are RM tasks; post is not sent by the CRM). */
export const messageChannels = ['sms', 'email', 'wechat', 'app'] as const;
export type MessageChannel = (typeof messageChannels)[number];

/** MKT-09: a template is marketing, a care greeting (no product, offer or link) or a service notice. */
export const templateKinds = ['marketing', 'care', 'service'] as const;
export type TemplateKind = (typeof templateKinds)[number];

/** draft -> pending -> approved | rejected; approved -> retired. Only approved templates are used. */
export type TemplateStatus = 'draft' | 'pending' | 'approved' | 'rejected' | 'retired';

export const messageTemplates = pgTable(
  'message_templates',
  {
    id: text('id').primaryKey(),
    /** a stable code the care jobs and campaigns refer to (birthday, festival.mid_autumn, ...) */
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<TemplateKind>().notNull(),
    channel: text('channel').$type<MessageChannel>().notNull(),
    subjectZh: text('subject_zh').notNull().default(''),
    bodyZh: text('body_zh').notNull(),
    subjectEn: text('subject_en').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    /** the {{variables}} the bodies use */
    variables: text('variables').array().notNull().default(sql`'{}'::text[]`),
    status: text('status').$type<TemplateStatus>().notNull().default('draft'),
    /** lint findings at the last save (MKT-02, MKT-09, MKT-10) */
    lint: jsonb('lint').$type<{ rule: string; message: string }[]>().notNull().default([]),
    authorId: text('author_id').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewerId: text('reviewer_id'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // one live template per code and channel
    uniqueIndex('message_templates_code_uq').on(t.code, t.channel).where(sql`status <> 'retired'`),
    index('message_templates_status_idx').on(t.status, t.updatedAt),
  ],
);

/** queued -> sending -> sent -> delivered; deferred (quiet hours) -> queued; failed and suppressed are final. */
export type MessageStatus = 'queued' | 'deferred' | 'sending' | 'sent' | 'delivered' | 'failed' | 'suppressed';

/**
 * Every message to a customer: the durable record the send job works from.
 * The idempotency key makes an enqueue happen once; the status claim makes a
 * send happen once (a retried or duplicated job finds it done).
 */
export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    idempotencyKey: text('idempotency_key').notNull(),
    customerId: text('customer_id').notNull(),
    templateId: text('template_id').notNull(),
    channel: text('channel').$type<MessageChannel>().notNull(),
    kind: text('kind').$type<TemplateKind>().notNull(),
    language: text('language').$type<'zh-CN' | 'en'>().notNull(),
    /** C2: rendered subject (may hold the customer's name) */
    messageSubject: text('message_subject').notNull().default(''),
    /** C2: rendered content */
    contentText: text('content_text').notNull(),
    status: text('status').$type<MessageStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    /** not sent before (quiet hours defer) */
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    suppressionReason: text('suppression_reason'),
    /** what asked for it: care, campaign, staff */
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('messages_idempotency_uq').on(t.idempotencyKey),
    index('messages_customer_idx').on(t.customerId, t.createdAt),
    index('messages_log_idx').on(t.createdAt, t.id),
    index('messages_due_idx').on(t.status, t.notBefore).where(sql`status in ('queued', 'deferred', 'sending')`),
    index('messages_provider_idx').on(t.channel, t.providerMessageId),
  ],
);

/** The in-app inbox of the customer portal: app messages land here. */
export const inboxItems = pgTable(
  'inbox_items',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    messageId: text('message_id').notNull(),
    /** C2 */
    inboxTitle: text('inbox_title').notNull(),
    /** C2 */
    contentText: text('content_text').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('inbox_items_customer_idx').on(t.customerId, t.createdAt),
    uniqueIndex('inbox_items_message_uq').on(t.messageId),
  ],
);

/** Replies from customers through a gateway ("TD", "退订"), kept with what they caused. */
export const inboundReplies = pgTable(
  'inbound_replies',
  {
    id: text('id').primaryKey(),
    channel: text('channel').$type<MessageChannel>().notNull(),
    /** C2: blind index of the sender's number */
    senderBidx: text('sender_bidx').notNull(),
    /** the customer the sender's number belongs to, if any */
    customerId: text('customer_id'),
    /** C2 */
    replyText: text('reply_text').notNull(),
    /** withdrew | unmatched | ignored */
    outcome: text('outcome').notNull(),
    providerMessageId: text('provider_message_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('inbound_replies_customer_idx').on(t.customerId, t.receivedAt),
    uniqueIndex('inbound_replies_provider_uq').on(t.channel, t.providerMessageId),
  ],
);

export type TemplateRow = typeof messageTemplates.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
