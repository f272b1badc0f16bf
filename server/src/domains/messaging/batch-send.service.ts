import type { DbOrTx } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { type ContactRequest, passContactGateBatch, preferenceFacts, releaseContacts } from '../consent';
import { encryptedFields } from '../customers';
import { ChannelSendError } from './channel-adapter';
import * as repo from './message.repository';
import type { DeliveryOutcome } from './message.service';
import { customerVariables, sendQueue, staleSendingMs } from './message.service';
import type { MessagingDeps } from './messaging.deps';
import { messagingError } from './messaging.errors';
import type { MessageRow, TemplateRow } from './messaging.tables';
import { templatesByIds } from './template.repository';
import { renderFor } from './template.service';

/** The queue of batched sends: one job carries up to `messagingSendBatch` message ids. */
export const sendBatchQueue = 'messaging.send-batch';

export type BulkEnqueueRequest = {
  template: TemplateRow;
  sourceType: string;
  sourceId: string;
  createdBy: string;
  /** not before this instant (a campaign's schedule) */
  notBefore?: Date;
  items: readonly { customerId: string; idempotencyKey: string; variables?: Record<string, string> }[];
};

/**
 * Queue many messages of one approved template (MKT-10) in the caller's
 * transaction, set-based: one read of the customers, rendering in memory,
 * bulk inserts, each once per idempotency key (a repeated key keeps the
 * message already queued). Returns, per idempotency key, the message id and
 * whether it is new; a customer no longer active gets no message (null).
 */
export async function enqueueMessages(
  tx: DbOrTx,
  deps: Pick<MessagingDeps, 'clock'>,
  r: BulkEnqueueRequest,
): Promise<Map<string, { id: string; created: boolean } | null>> {
  if (r.template.status !== 'approved') {
    throw messagingError(
      'messaging.template_not_approved',
      'templateId: the template is not approved for use (MKT-10)',
      { field: 'templateId' },
    );
  }
  const facts = new Map(
    (await repo.renderFactsOf(tx, [...new Set(r.items.map((i) => i.customerId))])).map((c) => [c.id, c]),
  );
  const now = deps.clock.now();
  const out = new Map<string, { id: string; created: boolean } | null>();
  const rows: Parameters<typeof repo.insertMessagesOnce>[1] = [];
  for (const item of r.items) {
    const c = facts.get(item.customerId);
    if (c?.status !== 'active') {
      out.set(item.idempotencyKey, null);
      continue;
    }
    const prefs = preferenceFacts(c.preferences);
    const rendered = renderFor(r.template, prefs.language, { ...customerVariables(c), ...item.variables });
    rows.push({
      id: newId('message'),
      idempotencyKey: item.idempotencyKey,
      customerId: item.customerId,
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
  }
  for (const m of await repo.insertMessagesOnce(tx, rows)) out.set(m.key, { id: m.id, created: m.created });
  return out;
}

/**
 * Start batched send jobs for queued messages (after their transaction
 * committed), `messagingSendBatch` ids a job. A job that cannot be started
 * loses nothing: the messages are stored as queued and the sweep starts them.
 */
export async function kickSendBatch(
  deps: Pick<MessagingDeps, 'jobs' | 'config'>,
  ids: readonly string[],
): Promise<number> {
  let started = 0;
  const size = deps.config.messagingSendBatch;
  for (let i = 0; i < ids.length; i += size) {
    try {
      if (await deps.jobs.send(sendBatchQueue, { messageIds: ids.slice(i, i + size) })) started++;
    } catch {
      // stored and queued: the sweep (messaging.sweep-due) picks them up later
    }
  }
  return started;
}

export type BatchResult = {
  outcomes: Map<string, DeliveryOutcome | 'retry'>;
  /** transient failures with attempts left: queued again, to be retried by single send jobs with backoff */
  retry: string[];
};

/** Run `f` over `items` with at most `n` in flight. */
async function pool<T>(items: readonly T[], n: number, f: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= items.length) return;
        await f(items[i] as T);
      }
    }),
  );
}

/**
 * Send a batch of messages, set-based, with the guarantees of
 * `deliverMessage`: one transaction claims the due ones (locked, skipping any
 * another sender holds; a message already sent, suppressed or failed is
 * skipped, so a duplicate job sends nothing), passes them through the contact
 * gate in bulk at send time (MKT-03: an opt-out since queuing stops it;
 * caps counted across the batch; quiet hours defer) and marks the allowed
 * ones `sending`. Then the addresses and templates are read in one statement
 * each, the channel adapters are called (idempotency key = message id, so a
 * gateway that sees a retry sends once) with bounded concurrency under the
 * per-channel rates, and all outcomes are written in one statement. A
 * transient failure with attempts left goes back to `queued` and is returned
 * in `retry`; on the last attempt, or a permanent refusal, the message is
 * failed and its counted contact released: never lost, never sent twice.
 */
export async function deliverMessages(deps: MessagingDeps, ids: readonly string[]): Promise<BatchResult> {
  const now = deps.clock.now();
  const outcomes = new Map<string, DeliveryOutcome | 'retry'>(ids.map((id) => [id, 'skipped']));
  const claimed = await deps.db.transaction(async (tx) => {
    const due: MessageRow[] = [];
    for (const m of await repo.lockMessages(tx, ids)) {
      const stale = m.status === 'sending' && now.getTime() - m.updatedAt.getTime() > staleSendingMs;
      if (m.status !== 'queued' && m.status !== 'deferred' && !stale) continue;
      if (m.notBefore > now) {
        outcomes.set(m.id, 'not_due');
        continue;
      }
      due.push(m);
    }
    const reqs: ContactRequest[] = due.map((m) => ({
      customerId: m.customerId,
      channel: m.channel,
      kind: m.kind,
      sourceType: 'message',
      sourceId: m.id,
    }));
    const decisions = await passContactGateBatch(tx, deps.consent, reqs);
    const updates: repo.MessageUpdate[] = [];
    const taken: MessageRow[] = [];
    due.forEach((m, k) => {
      const d = decisions[k];
      if (!d) return;
      if (d.allowed) {
        updates.push({ id: m.id, status: 'sending', attempts: m.attempts + 1, suppressionReason: null });
        taken.push({ ...m, attempts: m.attempts + 1 });
      } else if (d.reason === 'quiet_hours') {
        updates.push({ id: m.id, status: 'deferred', notBefore: d.deferUntil, suppressionReason: 'quiet_hours' });
        outcomes.set(m.id, 'deferred');
      } else {
        updates.push({ id: m.id, status: 'suppressed', suppressionReason: d.reason, lastError: m.lastError });
        outcomes.set(m.id, 'suppressed');
      }
    });
    await repo.updateMessages(tx, updates, now);
    return taken;
  });
  if (claimed.length === 0) return { outcomes, retry: [] };

  const contacts = await repo.contactsOf(
    deps.db,
    claimed.filter((m) => m.channel !== 'app').map((m) => m.customerId),
  );
  const codes = new Map(
    (await templatesByIds(deps.db, [...new Set(claimed.map((m) => m.templateId))])).map((t) => [t.id, t.code]),
  );
  const results: repo.MessageUpdate[] = [];
  const retry: string[] = [];
  const released: string[] = [];
  const fail = (m: MessageRow, error: string, transient: boolean) => {
    released.push(m.id);
    if (transient && m.attempts < deps.config.messagingMaxAttempts) {
      results.push({ id: m.id, status: 'queued', lastError: error });
      retry.push(m.id);
      outcomes.set(m.id, 'retry');
    } else {
      results.push({ id: m.id, status: 'failed', failedAt: deps.clock.now(), lastError: error });
      outcomes.set(m.id, 'failed');
    }
  };
  await pool(claimed, deps.config.messagingSendConcurrency, async (m) => {
    const adapter = deps.adapters[m.channel];
    if (!adapter) return fail(m, `the ${m.channel} channel is not configured`, false);
    let to: string | null = null;
    if (m.channel !== 'app') {
      const enc = contacts.get(`${m.customerId}:${m.channel === 'sms' ? 'mobile' : m.channel}`);
      if (!enc) return fail(m, `the customer has no ${m.channel} contact point`, false);
      to = deps.crypto.decrypt(encryptedFields.contact, enc);
    }
    await deps.limiters[m.channel]?.take();
    try {
      const r = await adapter.send({
        idempotencyKey: m.id,
        customerId: m.customerId,
        to,
        subject: m.messageSubject,
        content: m.contentText,
        templateCode: codes.get(m.templateId) ?? '',
      });
      const at = deps.clock.now();
      results.push({
        id: m.id,
        status: r.delivered ? 'delivered' : 'sent',
        providerMessageId: r.providerMessageId,
        sentAt: at,
        deliveredAt: r.delivered ? at : null,
        lastError: null,
      });
      outcomes.set(m.id, r.delivered ? 'delivered' : 'sent');
    } catch (e) {
      fail(m, (e as Error).message.slice(0, 300), e instanceof ChannelSendError ? e.transient : true);
    }
  });
  await deps.db.transaction(async (tx) => {
    // the contacts that did not happen stop counting for the caps; a retry passes the gate again
    await releaseContacts(tx, 'message', released);
    await repo.updateMessages(tx, results, deps.clock.now());
  });
  return { outcomes, retry };
}

/** The batched send job: deliver the batch, then hand transient failures to single send jobs (queue backoff). */
export async function runSendBatch(deps: MessagingDeps, ids: readonly string[]): Promise<BatchResult> {
  const r = await deliverMessages(deps, ids);
  for (const id of r.retry) {
    try {
      await deps.jobs.send(sendQueue, { messageId: id });
    } catch {
      // queued and stored: the sweep retries it later
    }
  }
  return r;
}
