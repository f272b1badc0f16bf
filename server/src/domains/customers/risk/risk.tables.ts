import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Versioned risk tolerance questionnaires; content is data (questions, options, scores, bands). */
export const riskQuestionnaires = pgTable(
  'risk_questionnaires',
  {
    id: text('id').primaryKey(),
    version: integer('version').notNull(),
    /** C1: CN, HK, ... */
    jurisdiction: text('jurisdiction').notNull(),
    title: jsonb('title').$type<{ zh: string; en: string }>().notNull(),
    /** the questions with their options and scores (QuestionnaireContent) */
    questions: jsonb('questions').$type<unknown[]>().notNull(),
    /** score bands to C1..C5 */
    bands: jsonb('bands').$type<unknown[]>().notNull(),
    active: boolean('active').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('risk_questionnaires_version_uq').on(t.jurisdiction, t.version),
    // one active questionnaire per jurisdiction
    uniqueIndex('risk_questionnaires_active_uq').on(t.jurisdiction).where(sql`active`),
  ],
);

export type RiskAssessmentStatus = 'pending_reconfirmation' | 'confirmed' | 'superseded' | 'invalidated';

/**
 * Every risk tolerance assessment a customer took, kept as history (SUIT-02:
 * level, questionnaire version and answers). `confirmed` is the one in force
 * while unexpired; expiry is computed from `expires_at`, never stored.
 */
export const riskAssessments = pgTable(
  'risk_assessments',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    questionnaireId: text('questionnaire_id').notNull(),
    questionnaireVersion: integer('questionnaire_version').notNull(),
    /** C2: the customer's answers, question id -> option id */
    answers: jsonb('answers').$type<Record<string, string>>().notNull(),
    score: integer('score').notNull(),
    /** C1: C1..C5 */
    level: text('level').notNull(),
    /** the level of the last assessment that took effect, when this one was taken */
    previousLevel: text('previous_level'),
    status: text('status').$type<RiskAssessmentStatus>().notNull(),
    /** branch | online_banking | mobile_banking (SUIT-07: the customer's own session) */
    channel: text('channel').notNull(),
    /** reference to the captured customer signature (branch channel) */
    signatureRef: text('signature_ref'),
    assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull(),
    /** SUIT-05: assessed_at + validity months */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    invalidatedAt: timestamp('invalidated_at', { withTimezone: true }),
    /** reason code of a material change (SUIT-05) */
    invalidationReason: text('invalidation_reason'),
    actorId: text('actor_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('risk_assessments_customer_idx').on(t.customerId, t.assessedAt)],
);
