import { eq } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor';
import type { DbOrTx } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { decodeCursor, toPage } from '../../kernel/pagination';
import { passContactGate, preferenceFacts, releaseContact } from '../consent';
import { customerInScope, customerScope, customers, encryptedFields, maskedName } from '../customers';
import { ChannelSendError } from './channel-adapter';
import * as repo from './message.repository';
import type { MessagingDeps } from './messaging.deps';
import { messagingError } from './messaging.errors';
import type { MessageView } from './messaging.schema';
import type { MessageChannel, MessageRow, TemplateRow } from './messaging.tables';
import { findTemplate } from './template.repository';
import { renderFor } from './template.service';

export const sendQueue = 'messaging.send';

export type EnqueueRequest = {
  customerId: string;
  template: TemplateRow;
  variables: Record<string, string>;
  idempotencyKey: string;
  sourceType: string;
  sourceId: string;
  createdBy: string;
  /** not before this instant (a campaign's schedule) */
  notBefore?: Date;
};

/** The variables every template may use about its customer: `name` and a polite `title` (张先生). */
export function customerVariables(c: { name: string; gender: string | null; kind: string }): Record<string, string> {
  const surname = c.kind === 'individual' ? c.name.slice(0, 1) : c.name;
  const title =
    c.kind !== 'individual'
      ? c.name
      : c.gender === 'female'
        ? `${surname}女士`
        : c.gender === 'male'
          ? `${surname}先生`
          : `${c.name}`;
  return { name: c.name, title };
}

/**
 * Queue one message in the caller's transaction, once per idempotency key
 * (a repeated request returns the message already queued). Only approved
 * templates are used (MKT-10). The send job is started after the commit by
 * `kickSend`, and the sweep starts any whose job was lost.
 */
export async function enqueueMessage(
  tx: DbOrTx,
  deps: Pick<MessagingDeps, 'clock'>,
  r: EnqueueRequest,
): Promise<{ message: MessageRow; created: boolean }> {
  if (r.template.status !== 'approved') {
    throw messagingError(
      'messaging.template_not_approved',
      'templateId: the template is not approved for use (MKT-10)',
      { field: 'templateId' },
    );
  }
  const [c] = await tx
    .select({
      name: customers.name,
      gender: customers.gender,
      kind: customers.kind,
      preferences: customers.preferences,
      status: customers.status,
    })
    .from(customers)
    .where(eq(customers.id, r.customerId));
  if (c?.status !== 'active' || !c)
    throw messagingError('messaging.invalid_input', 'customerId: no such active customer', { field: 'customerId' });
  const prefs = preferenceFacts(c.preferences);
  const rendered = renderFor(r.template, prefs.language, { ...customerVariables(c), ...r.variables });
  const now = deps.clock.now();
  const made = await repo.insertMessageOnce(tx, {
    id: newId('message'),
    idempotencyKey: r.idempotencyKey,
    customerId: r.customerId,
    templateId: r.template.id,
    channel: r.template.channel,
    kind: r.template.kind,
    language: rendered.language,
    messageSubject: rendered.subject,
    contentText: rendered.content,
    status: 'queued',
    notBefore: r.notBefore ?? now,
    sourceType: r.sourceType,
    sourceId: r.sourceId,
    createdBy: r.createdBy,
    createdAt: now,
    updatedAt: now,
  });
  return { message: made.row, created: made.created };
}

/** Start the send job of queued messages (after their transaction committed). */
export async function kickSend(deps: Pick<MessagingDeps, 'jobs'>, ids: readonly string[]): Promise<number> {
  let started = 0;
  for (const id of ids) {
    try {
      if (await deps.jobs.send(sendQueue, { messageId: id })) started++;
    } catch {
      // the message is stored and queued: the sweep (messaging.sweep-due) starts its job later, so it is never lost
    }
  }
  return started;
}

/** A staff member sends one approved template to a customer in scope. */
export async function sendToCustomer(
  deps: MessagingDeps,
  actor: Actor,
  input: { customerId: string; templateId: string; variables: Record<string, string>; idempotencyKey?: string },
): Promise<MessageView> {
  const id = await deps.db.transaction(async (tx) => {
    const c = await customerInScope(deps, actor, input.customerId, { tx });
    const t = await findTemplate(tx, input.templateId);
    if (!t)
      throw messagingError('messaging.template_not_found', 'templateId: no such template', { field: 'templateId' });
    const { message } = await enqueueMessage(tx, deps, {
      customerId: c.id,
      template: t,
      variables: input.variables,
      idempotencyKey: input.idempotencyKey ?? `staff:${actor.userId}:${newId('message')}`,
      sourceType: 'staff',
      sourceId: actor.userId,
      createdBy: actor.userId,
    });
    return message.id;
  });
  await kickSend(deps, [id]);
  return getMessage(deps, actor, id);
}

export type DeliveryOutcome = 'sent' | 'delivered' | 'deferred' | 'suppressed' | 'failed' | 'skipped' | 'not_due';

/** A message left `sending` this long (a crashed worker) may be claimed again. */
export const staleSendingMs = 10 * 60_000;

async function address(deps: MessagingDeps, m: MessageRow): Promise<string | null> {
  if (m.channel === 'app') return null;
  const kind = m.channel === 'sms' ? 'mobile' : m.channel;
  const enc = await repo.contactOf(deps.db, m.customerId, kind);
  return enc ? deps.crypto.decrypt(encryptedFields.contact, enc) : null;
}

/**
 * Send one message: the job handler. Claims the message (a duplicate or late
 * job finds it done and does nothing), passes the contact gate at send time
 * (MKT-03: an opt-out since it was queued stops it), waits for the channel's
 * rate, and calls the adapter with the message id as idempotency key. A
 * transient failure throws for the queue to retry, until the last attempt
 * marks the message failed: never lost, never sent twice.
 */
export async function deliverMessage(deps: MessagingDeps, messageId: string): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  const claim = await deps.db.transaction(async (tx) => {
    const m = await repo.lockMessage(tx, messageId);
    if (!m) return { outcome: 'skipped' as const };
    const stale = m.status === 'sending' && now.getTime() - m.updatedAt.getTime() > staleSendingMs;
    if (m.status !== 'queued' && m.status !== 'deferred' && !stale) return { outcome: 'skipped' as const };
    if (m.notBefore > now) return { outcome: 'not_due' as const };
    const decision = await passContactGate(tx, deps.consent, {
      customerId: m.customerId,
      channel: m.channel,
      kind: m.kind,
      sourceType: 'message',
      sourceId: m.id,
    });
    if (!decision.allowed) {
      if (decision.reason === 'quiet_hours') {
        await repo.updateMessage(tx, m.id, {
          status: 'deferred',
          notBefore: decision.deferUntil,
          suppressionReason: 'quiet_hours',
          updatedAt: now,
        });
        return { outcome: 'deferred' as const };
      }
      await repo.updateMessage(tx, m.id, { status: 'suppressed', suppressionReason: decision.reason, updatedAt: now });
      return { outcome: 'suppressed' as const };
    }
    await repo.updateMessage(tx, m.id, {
      status: 'sending',
      attempts: m.attempts + 1,
      suppressionReason: null,
      updatedAt: now,
    });
    return { outcome: 'claimed' as const, message: { ...m, attempts: m.attempts + 1 } };
  });
  if (claim.outcome !== 'claimed') return claim.outcome;
  const m = claim.message;
  const fail = async (error: string, retry: boolean): Promise<DeliveryOutcome> => {
    const last = !retry || m.attempts >= deps.config.messagingMaxAttempts;
    await deps.db.transaction(async (tx) => {
      // the contact did not happen: it stops counting for the caps, and a retry passes the gate again
      await releaseContact(tx, 'message', m.id);
      await repo.updateMessage(
        tx,
        m.id,
        last
          ? { status: 'failed', failedAt: deps.clock.now(), lastError: error, updatedAt: deps.clock.now() }
          : { status: 'queued', lastError: error, updatedAt: deps.clock.now() },
      );
    });
    if (!last) throw new ChannelSendError(`attempt ${m.attempts}: ${error}`, true);
    return 'failed';
  };
  const adapter = deps.adapters[m.channel];
  if (!adapter) return fail(`the ${m.channel} channel is not configured`, false);
  const to = await address(deps, m);
  if (m.channel !== 'app' && !to) return fail(`the customer has no ${m.channel} contact point`, false);
  const template = await findTemplate(deps.db, m.templateId);
  await deps.limiters[m.channel]?.take();
  try {
    const r = await adapter.send({
      idempotencyKey: m.id,
      customerId: m.customerId,
      to,
      subject: m.messageSubject,
      content: m.contentText,
      templateCode: template?.code ?? '',
    });
    const at = deps.clock.now();
    await repo.updateMessage(deps.db, m.id, {
      status: r.delivered ? 'delivered' : 'sent',
      providerMessageId: r.providerMessageId,
      sentAt: at,
      deliveredAt: r.delivered ? at : null,
      lastError: null,
      updatedAt: at,
    });
    return r.delivered ? 'delivered' : 'sent';
  } catch (e) {
    const transient = e instanceof ChannelSendError ? e.transient : true;
    return fail((e as Error).message.slice(0, 300), transient);
  }
}

function view(
  actor: Actor,
  r: { m: MessageRow; customerName: string; customerKind: 'individual' | 'organisation' },
): MessageView {
  const m = r.m;
  return {
    id: m.id,
    customerId: m.customerId,
    customerName: maskedName(actor, { kind: r.customerKind, name: r.customerName }),
    templateId: m.templateId,
    channel: m.channel,
    kind: m.kind,
    language: m.language,
    subject: m.messageSubject,
    content: m.contentText,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    suppressionReason: (m.suppressionReason as MessageView['suppressionReason']) ?? null,
    notBefore: m.notBefore.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    deliveredAt: m.deliveredAt?.toISOString() ?? null,
    failedAt: m.failedAt?.toISOString() ?? null,
    sourceType: m.sourceType,
    sourceId: m.sourceId,
    createdAt: m.createdAt.toISOString(),
  };
}

export async function getMessage(deps: Pick<MessagingDeps, 'db'>, actor: Actor, id: string): Promise<MessageView> {
  const [row] = await repo.listMessages(deps.db, { scope: customerScope(actor), id }, null, 1);
  if (!row) throw messagingError('messaging.message_not_found', 'No such message');
  return view(actor, row);
}

/** The message log with delivery status and suppression reasons, newest first, in the actor's scope. */
export async function listMessages(
  deps: Pick<MessagingDeps, 'db'>,
  actor: Actor,
  q: {
    limit: number;
    cursor?: string;
    customerId?: string;
    status?: MessageRow['status'];
    channel?: MessageChannel;
    sourceId?: string;
  },
) {
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const rows = await repo.listMessages(
    deps.db,
    {
      scope: customerScope(actor),
      customerId: q.customerId,
      status: q.status,
      channel: q.channel,
      sourceId: q.sourceId,
    },
    after,
    q.limit + 1,
  );
  const page = toPage(rows, q.limit, (r) => [r.m.createdAt, r.m.id]);
  return { items: page.items.map((r) => view(actor, r)), nextCursor: page.nextCursor };
}

/** Re-send jobs for due deferred messages and for queued or sending ones whose job was lost (the sweep cron). */
export async function sweepDueMessages(deps: MessagingDeps, limit = 1000): Promise<number> {
  const now = deps.clock.now();
  const ids = await repo.dueMessageIds(deps.db, now, new Date(now.getTime() - staleSendingMs), limit);
  await kickSend(deps, ids);
  return ids.length;
}
