import { z } from 'zod';
import { pageQuery } from '../../kernel/pagination';

const id = z.string().trim().min(1).max(100);

/** GET /api/audit filters; `action` ending in `.*` matches a prefix (`customer.*`). */
export const auditSearchQuery = pageQuery
  .extend({
    actor: id.optional(),
    action: z
      .string()
      .trim()
      .regex(/^[a-z0-9_.]+(\.\*)?$/, 'an action such as customer.update, or a prefix such as customer.*')
      .max(100)
      .optional(),
    subjectType: id.optional(),
    subjectId: id.optional(),
    customer: id.optional(),
    /** every record written by one HTTP request (the x-request-id of its response) */
    requestId: id.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type AuditSearchQuery = z.infer<typeof auditSearchQuery>;

export const auditRecordOutput = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string(),
  actorRoles: z.array(z.string()),
  actorUnitId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  customerId: z.string().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  channel: z.string().nullable(),
  reason: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditPageOutput = z.object({ items: z.array(auditRecordOutput), nextCursor: z.string().nullable() });

export const verifyOutput = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  firstBroken: z
    .object({
      seq: z.number().int(),
      id: z.string(),
      reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'gap', 'reordered']),
      expectedSeq: z.number().int().optional(),
    })
    .optional(),
});
