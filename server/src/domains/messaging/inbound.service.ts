import { systemActor } from '../../kernel/actor';
import { newId } from '../../kernel/ids';
import { withdrawBySystem } from '../consent';
import { mobileIndex } from '../customers';
import * as repo from './message.repository';
import type { MessagingDeps } from './messaging.deps';

/** Replies that mean "no more marketing by SMS" (MKT-03, MKT-04): 退订, TD, T, N, 取消, STOP, UNSUBSCRIBE. */
const optOutWords = new Set(['TD', 'T', 'N', '退订', '取消', '退', 'STOP', 'UNSUBSCRIBE', '回TD', '退订短信']);

export function isOptOutReply(text: string): boolean {
  const t = text
    .normalize('NFKC')
    .trim()
    .replace(/[\s。.!！]+$/u, '')
    .toUpperCase();
  return optOutWords.has(t);
}

/**
 * An inbound SMS from the gateway. An opt-out reply withdraws SMS marketing
 * consent of every active customer with that mobile at once (the next send
 * is checked against it at send time). Each reply is kept once (the
 * gateway's id), with what it caused.
 */
export async function receiveInbound(
  deps: MessagingDeps,
  input: { channel: 'sms'; from: string; text: string; providerMessageId: string; receivedAt?: string },
): Promise<{ outcome: 'withdrew' | 'unmatched' | 'ignored' | 'duplicate'; customers: number }> {
  const bidx = mobileIndex(deps.crypto, input.from);
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : deps.clock.now();
  const optOut = isOptOutReply(input.text);
  return deps.db.transaction(async (tx) => {
    const ids = await repo.customersByContactIndex(tx, bidx);
    const outcome = !optOut ? 'ignored' : ids.length === 0 ? 'unmatched' : 'withdrew';
    const fresh = await repo.insertReply(tx, {
      id: newId('reply'),
      channel: input.channel,
      senderBidx: bidx,
      customerId: ids[0] ?? null,
      replyText: input.text.slice(0, 500),
      outcome,
      providerMessageId: input.providerMessageId,
      receivedAt,
    });
    if (!fresh) return { outcome: 'duplicate' as const, customers: 0 };
    if (outcome !== 'withdrew') return { outcome, customers: 0 };
    for (const id of ids) {
      await withdrawBySystem(
        tx,
        deps.consent,
        systemActor,
        id,
        'marketing',
        'sms',
        'sms_reply',
        `SMS reply "${input.text.slice(0, 20)}" (${input.providerMessageId})`,
      );
    }
    return { outcome, customers: ids.length };
  });
}

/** A delivery receipt from a gateway: sent -> delivered or failed. */
export async function receiveReceipt(
  deps: MessagingDeps,
  input: { channel: 'sms' | 'wechat'; providerMessageId: string; status: 'delivered' | 'failed'; error?: string },
): Promise<{ matched: boolean }> {
  const m = await repo.findByProvider(deps.db, input.channel, input.providerMessageId);
  if (!m || (m.status !== 'sent' && m.status !== 'sending')) return { matched: m !== null };
  const now = deps.clock.now();
  await repo.updateMessage(
    deps.db,
    m.id,
    input.status === 'delivered'
      ? { status: 'delivered', deliveredAt: now, updatedAt: now }
      : { status: 'failed', failedAt: now, lastError: input.error ?? 'gateway reported failure', updatedAt: now },
  );
  return { matched: true };
}
