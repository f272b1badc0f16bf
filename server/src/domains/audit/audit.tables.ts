import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The audit log (AUD-01, AUD-02): append-only and hash-chained. Each row's
 * `hash` is SHA-256 over the previous row's hash and the canonical JSON of
 * this row (audit.chain.ts); a trigger refuses UPDATE, DELETE and TRUNCATE
 * (kernel/db/post-migrate.ts) and the application role is granted only
 * SELECT and INSERT (`banyan db grants`).
 *
 * `changes` holds changed field names and non-C2 values only; C2 values are
 * stripped before the row is written (redact.ts, DS-01).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    /** position in the chain, 1, 2, 3... without gaps */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** C1 */
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** C1: user id, or 'system' */
    actorId: text('actor_id').notNull(),
    actorRoles: text('actor_roles').array().notNull(),
    actorUnitId: text('actor_unit_id'),
    /** `<domain>.<verb>`, e.g. customer.update, pi.unmask */
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    /** C1: the customer the action concerns (convention 9) */
    customerId: text('customer_id'),
    requestId: text('request_id'),
    /** C2 in some readings (network identifier); kept for AUD-02 (IP/device) */
    ip: text('ip'),
    /** web | api | cli | job | system */
    channel: text('channel'),
    /** reason code or text given by the actor (unmask, override) */
    reason: text('reason'),
    /** changed field names and non-C2 values */
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_log_seq_uq').on(t.seq),
    index('audit_log_customer_idx').on(t.customerId, t.seq),
    index('audit_log_actor_idx').on(t.actorId, t.seq),
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId, t.seq),
    index('audit_log_action_idx').on(t.action, t.seq),
    index('audit_log_at_idx').on(t.at),
    // the admin UI finds every record of one request (AUD-02 investigations)
    index('audit_log_request_idx').on(t.requestId),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
