import type { Actor } from '../../kernel/actor';
import { maskedName } from '../customers';
import type { ComplaintWithNames } from './complaint.repository';
import { clockState } from './complaint-clock';
import { allowedActions } from './complaint-workflow';
import type { ComplaintView } from './complaints.schema';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toComplaintView(actor: Actor, c: ComplaintWithNames, now: Date, dueSoonDays: number): ComplaintView {
  return {
    id: c.id,
    reference: c.reference,
    customerId: c.customerId,
    customerName:
      c.customerName && c.customerKind ? maskedName(actor, { kind: c.customerKind, name: c.customerName }) : null,
    complainantName: c.complainantName ? maskedName(actor, { kind: 'individual', name: c.complainantName }) : null,
    complainantContact: c.complainantContact,
    channel: c.channel,
    category: c.category,
    productCode: c.productCode,
    unitId: c.unitId,
    unitName: c.unitName,
    rmId: c.rmId,
    staffInvolved: c.staffInvolved,
    severity: c.severity,
    amountMinor: c.amountMinor,
    currency: c.currency,
    desiredRemedy: c.desiredRemedy,
    description: c.description,
    status: c.status,
    profile: c.profile,
    receivedAt: c.receivedAt.toISOString(),
    clockStartAt: c.clockStartAt.toISOString(),
    extensionLevel: c.extensionLevel,
    dueDate: c.dueDate,
    dueAt: c.dueAt.toISOString(),
    clockState:
      c.status === 'withdrawn' ? 'stopped' : clockState({ dueAt: c.dueAt, decidedAt: c.decidedAt }, now, dueSoonDays),
    acknowledgedAt: iso(c.acknowledgedAt),
    handlerId: c.handlerId,
    handlerName: c.handlerName,
    outcome: c.outcome,
    remedy: c.remedy,
    remedyAmountMinor: c.remedyAmountMinor,
    proposedAt: iso(c.proposedAt),
    decidedAt: iso(c.decidedAt),
    customerResponse: c.customerResponse,
    closedAt: iso(c.closedAt),
    onTime: c.onTime,
    dueSoonAt: iso(c.dueSoonAt),
    overdueAt: iso(c.overdueAt),
    duplicateOfId: c.duplicateOfId,
    reviewOfId: c.reviewOfId,
    rootCause: c.rootCause,
    correctiveAction: c.correctiveAction,
    correctiveOwnerId: c.correctiveOwnerId,
    correctiveDueAt: iso(c.correctiveDueAt),
    correctiveDoneAt: iso(c.correctiveDoneAt),
    allowedActions: allowedActions(c.status),
    createdAt: c.createdAt.toISOString(),
  };
}

/** INT-FCA-01 / CMP-01: the acknowledgement told to the complainant on receipt. */
export function acknowledgementText(
  c: { reference: string; profile: 'CN' | 'UK'; dueDate: string },
  receivedOn: string,
) {
  return c.profile === 'UK'
    ? `We received your complaint on ${receivedOn} (reference ${c.reference}). We will send you our final response by ${c.dueDate} and keep you informed of progress until then.`
    : `您的投诉已于${receivedOn}受理，受理编号${c.reference}。我们将于${c.dueDate}前作出处理决定并告知您，处理期间如有进展将及时与您联系。`;
}

/** CMP-05 / INT-FCA-02: the decision tells the complainant the further remedies open to them. */
export function remediesNotice(profile: 'CN' | 'UK', reviewWindowDays: number): string {
  return profile === 'UK'
    ? 'If you are not satisfied with our final response you may refer your complaint to the Financial Ombudsman Service (www.financial-ombudsman.org.uk) within six months of this response.'
    : `如对处理决定不满意，您可在收到决定之日起${reviewWindowDays}日内向上级机构申请核查，也可申请调解、仲裁或依法提起诉讼。`;
}
