import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The transactional outbox: a domain event is a row written in the same
 * transaction as the change it describes, then dispatched to its handlers
 * (projections such as the customer timeline, follow-up rules) by a job.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    /** DS-01: C1 (internal reference); set when the event concerns a customer (Citus path). */
    customerId: text('customer_id'),
    actorId: text('actor_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_events_unpublished_idx').on(t.occurredAt, t.id).where(sql`published_at is null`),
    index('outbox_events_customer_idx').on(t.customerId, t.occurredAt),
  ],
);
