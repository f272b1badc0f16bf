import { z } from 'zod';
import { consentChannels, consentPurposes, consentSources, suppressionReasons } from './consent.tables';

export const customerIdParams = z.object({ id: z.string().min(1).max(64) });

/**
 * One act of the customer on one purpose over one or more channels. A grant
 * needs the time of the act and evidence (MKT-05: no timestamped affirmative
 * act, no consent); a withdrawal is as short as a grant (PI-04).
 */
export const recordConsentInput = z
  .object({
    purpose: z.enum(consentPurposes),
    channels: z.array(z.enum(consentChannels)).min(1).max(consentChannels.length),
    action: z.enum(['grant', 'withdraw', 'refuse']),
    source: z.enum(consentSources),
    evidence: z.string().trim().max(500).default(''),
    noticeVersion: z.string().trim().min(1).max(40),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    /** the customer asked (MKT-07 lets a customer-initiated request through the cool-down) */
    customerInitiated: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'grant' && v.evidence.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['evidence'], message: 'a grant needs evidence of the affirmative act' });
    }
    if (v.action === 'grant' && !v.occurredAt) {
      ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: 'a grant needs the time of the affirmative act' });
    }
  });
export type RecordConsentInput = z.output<typeof recordConsentInput>;

export const consentCell = z.object({
  purpose: z.enum(consentPurposes),
  channel: z.enum(consentChannels),
  status: z.enum(['granted', 'withdrawn', 'refused', 'none']),
  updatedAt: z.string().nullable(),
});

export const consentMatrixView = z.object({
  customerId: z.string(),
  cells: z.array(consentCell),
  /** MKT-07: may the bank ask for this purpose now (false within the cool-down after a refusal) */
  canAsk: z.record(z.string(), z.boolean()),
  askAgainAfter: z.record(z.string(), z.string().nullable()),
  dnd: z.object({ reason: z.string(), until: z.string().nullable(), since: z.string() }).nullable(),
});
export type ConsentMatrixView = z.infer<typeof consentMatrixView>;

export const consentRecordView = z.object({
  id: z.string(),
  purpose: z.enum(consentPurposes),
  channel: z.enum(consentChannels),
  action: z.enum(['grant', 'withdraw', 'refuse']),
  source: z.enum(consentSources),
  evidence: z.string(),
  noticeVersion: z.string(),
  recordedBy: z.string(),
  occurredAt: z.string(),
});
export const consentHistoryPage = z.object({ items: z.array(consentRecordView), nextCursor: z.string().nullable() });

export const dndInput = z.object({
  reason: z.string().trim().min(1).max(200),
  until: z.iso.datetime({ offset: true }).nullable().default(null),
});

export const suppressionView = z.object({
  id: z.string(),
  customerId: z.string(),
  channel: z.enum(consentChannels),
  purpose: z.string(),
  reason: z.enum(suppressionReasons),
  deferredUntil: z.string().nullable(),
  sourceType: z.string(),
  sourceId: z.string(),
  detail: z.record(z.string(), z.unknown()),
  occurredAt: z.string(),
});
export const suppressionPage = z.object({ items: z.array(suppressionView), nextCursor: z.string().nullable() });

export const audienceQuery = z.object({
  channel: z.enum(consentChannels),
  at: z.iso.datetime({ offset: true }).optional(),
});
export const audienceFunnelView = z.object({
  candidates: z.number().int(),
  eligible: z.number().int(),
  excluded: z.record(z.string(), z.number().int()),
});
