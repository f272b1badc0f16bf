import { z } from 'zod';
import { currencies } from '../../kernel/money';
import { complaintActions } from './complaint-workflow';
import {
  complaintCategories,
  complaintChannels,
  complaintOutcomes,
  complaintSeverities,
  complaintStatuses,
  customerResponses,
  holidayKinds,
  jurisdictionProfiles,
  rootCauses,
} from './complaints.tables';

const isoInstant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);
const staffId = z.string().min(1).max(64);
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const idParams = z.object({ id: z.string().min(1).max(64) });

export const registerComplaintInput = z
  .object({
    /** the customer complaining; omit for an anonymous or not yet matched complainant (link later) */
    customerId: z.string().min(1).max(64).optional(),
    complainantName: text(100).optional(),
    complainantContact: text(200).optional(),
    channel: z.enum(complaintChannels),
    category: z.enum(complaintCategories),
    productCode: text(64).optional(),
    /** the branch complained about; default the customer's home branch, else yours */
    unitId: z.string().min(1).max(64).optional(),
    staffInvolved: z.array(staffId).max(20).default([]),
    severity: z.enum(complaintSeverities).default('medium'),
    amountMinor: minor.optional(),
    currency: z.enum(currencies).default('CNY'),
    desiredRemedy: text(2000).optional(),
    description: text(8000),
    /** when the bank received it (a letter may arrive before it is keyed); default now, never in the future */
    receivedAt: isoInstant.optional(),
    profile: z.enum(jurisdictionProfiles).optional(),
  })
  .strict();
export type RegisterComplaintInput = z.infer<typeof registerComplaintInput>;

export const assignInput = z.object({ handlerId: staffId, note: text(2000).optional() }).strict();
export const proposeInput = z
  .object({
    outcome: z.enum(complaintOutcomes),
    remedy: text(2000).optional(),
    remedyAmountMinor: minor.optional(),
    note: text(2000).optional(),
  })
  .strict();
export const noteInput = z.object({ note: text(2000).optional() }).strict();
export const requiredNoteInput = z.object({ note: text(2000) }).strict();
export const respondInput = z.object({ response: z.enum(customerResponses), note: text(2000).optional() }).strict();
export const closeInput = z
  .object({
    rootCause: z.enum(rootCauses),
    correctiveAction: text(2000).optional(),
    correctiveOwnerId: staffId.optional(),
    correctiveDueAt: isoInstant.optional(),
    note: text(2000).optional(),
  })
  .strict()
  .refine((v) => !v.correctiveAction || (v.correctiveOwnerId && v.correctiveDueAt), {
    message: 'a corrective action needs an owner and a due date (CMP-06)',
    path: ['correctiveOwnerId'],
  });
export type CloseInput = z.infer<typeof closeInput>;
export const extendInput = z.object({ reason: text(2000) }).strict();
export const duplicateInput = z.object({ originalId: z.string().min(1).max(64), note: text(2000).optional() }).strict();
export const linkCustomerInput = z.object({ customerId: z.string().min(1).max(64) }).strict();
export const reviewInput = z.object({ reason: text(2000) }).strict();
export const correctiveDoneInput = z.object({ note: text(2000).optional() }).strict();

export const listComplaintsQuery = z.object({
  /** mine: assigned to you; scope: every complaint in your data scope; escalated: due soon or overdue */
  view: z.enum(['mine', 'scope', 'escalated']).default('scope'),
  status: z.enum(['open', 'all', ...complaintStatuses]).default('open'),
  category: z.enum(complaintCategories).optional(),
  channel: z.enum(complaintChannels).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
});
export type ListComplaintsQuery = z.infer<typeof listComplaintsQuery>;

export const complaintView = z.object({
  id: z.string(),
  reference: z.string(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  complainantName: z.string().nullable(),
  complainantContact: z.string().nullable(),
  channel: z.enum(complaintChannels),
  category: z.enum(complaintCategories),
  productCode: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  rmId: z.string().nullable(),
  staffInvolved: z.array(z.string()),
  severity: z.enum(complaintSeverities),
  amountMinor: z.number().int().nullable(),
  currency: z.string(),
  desiredRemedy: z.string().nullable(),
  description: z.string(),
  status: z.enum(complaintStatuses),
  profile: z.enum(jurisdictionProfiles),
  receivedAt: z.string(),
  clockStartAt: z.string(),
  extensionLevel: z.number().int(),
  dueDate: z.string(),
  dueAt: z.string(),
  clockState: z.enum(['on_track', 'due_soon', 'overdue', 'stopped']),
  acknowledgedAt: z.string().nullable(),
  handlerId: z.string().nullable(),
  handlerName: z.string().nullable(),
  outcome: z.enum(complaintOutcomes).nullable(),
  remedy: z.string().nullable(),
  remedyAmountMinor: z.number().int().nullable(),
  proposedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  customerResponse: z.enum(customerResponses).nullable(),
  closedAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  dueSoonAt: z.string().nullable(),
  overdueAt: z.string().nullable(),
  duplicateOfId: z.string().nullable(),
  reviewOfId: z.string().nullable(),
  rootCause: z.enum(rootCauses).nullable(),
  correctiveAction: z.string().nullable(),
  correctiveOwnerId: z.string().nullable(),
  correctiveDueAt: z.string().nullable(),
  correctiveDoneAt: z.string().nullable(),
  allowedActions: z.array(z.enum(complaintActions)),
  createdAt: z.string(),
});
export type ComplaintView = z.infer<typeof complaintView>;

export const historyView = z.object({
  id: z.string(),
  action: z.string(),
  fromStatus: z.enum(complaintStatuses).nullable(),
  toStatus: z.enum(complaintStatuses),
  actorId: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});
export const attachmentView = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  createdAt: z.string(),
});
export const complaintDetail = complaintView.extend({
  history: z.array(historyView),
  attachments: z.array(attachmentView),
  /** CMP-04: other complaints of this customer in the same category within the last period */
  possibleRepeats: z.array(z.object({ id: z.string(), reference: z.string(), status: z.enum(complaintStatuses) })),
  /** complaints linked to this one as repeats */
  duplicates: z.array(z.object({ id: z.string(), reference: z.string(), status: z.enum(complaintStatuses) })),
  /** the acknowledgement told to the complainant on receipt (INT-FCA-01) */
  acknowledgement: z.string().nullable(),
});
export type ComplaintDetail = z.infer<typeof complaintDetail>;
export const complaintPage = z.object({ items: z.array(complaintView), nextCursor: z.string().nullable() });

export const holidayQuery = z.object({
  jurisdiction: z.enum(jurisdictionProfiles).default('CN'),
  year: z.coerce.number().int().min(2000).max(2100),
});
export const holidayParams = z.object({
  jurisdiction: z.enum(jurisdictionProfiles),
  date: z.iso.date(),
});
export const holidayInput = z.object({ kind: z.enum([...holidayKinds, 'none']), name: text(50) }).strict();
export const holidayView = z.object({
  jurisdiction: z.enum(jurisdictionProfiles),
  date: z.string(),
  kind: z.enum(holidayKinds),
  name: z.string(),
});
