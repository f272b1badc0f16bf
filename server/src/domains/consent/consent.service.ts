import type { Actor } from '../../kernel/actor';
import { MS } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { emitEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { decodeCursor, type Page, type PageQuery, toPage } from '../../kernel/pagination';
import { auditContext, recordAudit } from '../audit';
import { customerInScope, type RequestMeta } from '../customers';
import type { ConsentDeps } from './consent.deps';
import { consentError } from './consent.errors';
import * as repo from './consent.repository';
import type { ConsentMatrixView, RecordConsentInput } from './consent.schema';
import {
  type ConsentChannel,
  type ConsentPurpose,
  type ConsentRecordRow,
  type ConsentSource,
  consentChannels,
  consentPurposes,
} from './consent.tables';

/** An act as the service records it (from the API, an inbound reply, an import). */
export type ConsentAct = RecordConsentInput & { occurredAt?: string };

/**
 * Record a grant, withdrawal or refusal in the caller's transaction: one
 * history record per channel, the current state, audit and a timeline event.
 * MKT-07: a bank-initiated grant within the cool-down after a refusal is
 * refused (the customer must start it).
 */
export async function applyConsentAct(
  tx: DbOrTx,
  deps: ConsentDeps,
  actor: Actor,
  customerId: string,
  act: ConsentAct,
  meta?: RequestMeta,
): Promise<string[]> {
  const now = deps.clock.now();
  const occurredAt = act.occurredAt ? new Date(act.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime() + 5 * MS.minute) {
    throw consentError('consent.invalid_input', 'occurredAt: cannot be in the future', { field: 'occurredAt' });
  }
  if (act.action === 'grant' && !act.customerInitiated) {
    const since = new Date(now.getTime() - deps.config.consentReaskCooldownDays * MS.day);
    const refused = await repo.refusalSince(tx, customerId, act.purpose, since);
    if (refused) {
      throw consentError(
        'consent.reask_cooldown',
        `customerInitiated: the customer refused ${act.purpose} on ${refused.toISOString().slice(0, 10)}; the bank may not ask again within ${deps.config.consentReaskCooldownDays} days (MKT-07)`,
        { field: 'customerInitiated', refusedAt: refused.toISOString() },
      );
    }
  }
  const status = act.action === 'grant' ? 'granted' : act.action === 'withdraw' ? 'withdrawn' : 'refused';
  const ids: string[] = [];
  const current = await repo.statesOf(tx, customerId);
  for (const channel of new Set(act.channels)) {
    const id = newId('consentRecord');
    ids.push(id);
    await repo.insertRecord(tx, {
      id,
      customerId,
      purpose: act.purpose,
      channel,
      action: act.action,
      source: act.source,
      evidence: act.evidence || (act.action === 'grant' ? '' : 'customer request'),
      noticeVersion: act.noticeVersion,
      recordedBy: actor.userId,
      occurredAt,
      createdAt: now,
    });
    // a refusal of a request does not undo an earlier grant of that channel: it records the declined ask
    const had = current.find((c) => c.purpose === act.purpose && c.channel === channel)?.status;
    if (act.action !== 'refuse' || had !== 'granted') {
      await repo.upsertState(tx, { customerId, purpose: act.purpose, channel, status, recordId: id, updatedAt: now });
    }
  }
  await recordAudit(tx, deps.clock, {
    ...auditContext(actor, meta),
    action: `consent.${act.action}`,
    subjectType: 'customer',
    subjectId: customerId,
    customerId,
    changes: { purpose: act.purpose, channels: act.channels, source: act.source, noticeVersion: act.noticeVersion },
  });
  await emitEvents(tx, deps.clock, [
    {
      type: `consent.${act.action === 'grant' ? 'granted' : act.action === 'withdraw' ? 'withdrawn' : 'refused'}`,
      aggregateType: 'customer',
      aggregateId: customerId,
      customerId,
      actorId: actor.userId,
      payload: { purpose: act.purpose, channels: act.channels, source: act.source, noticeVersion: act.noticeVersion },
    },
  ]);
  return ids;
}

/** Record a consent act for a customer in the actor's scope. */
export async function recordConsent(
  deps: ConsentDeps,
  actor: Actor,
  customerId: string,
  input: RecordConsentInput,
  meta?: RequestMeta,
): Promise<ConsentMatrixView> {
  await deps.db.transaction(async (tx) => {
    const c = await customerInScope(deps, actor, customerId, { tx });
    await applyConsentAct(tx, deps, actor, c.id, input, meta);
  });
  return consentMatrix(deps, actor, customerId);
}

/** Withdraw marketing on one channel for a customer found by the system (inbound SMS reply "TD"/"退订"). */
export async function withdrawBySystem(
  tx: DbOrTx,
  deps: ConsentDeps,
  actor: Actor,
  customerId: string,
  purpose: ConsentPurpose,
  channel: ConsentChannel,
  source: ConsentSource,
  evidence: string,
): Promise<void> {
  await applyConsentAct(tx, deps, actor, customerId, {
    purpose,
    channels: [channel],
    action: 'withdraw',
    source,
    evidence,
    noticeVersion: 'n/a',
    customerInitiated: true,
  });
}

/** Every purpose x channel with its state ("none" where never given: no pre-ticked consent), the MKT-07 ask flags and DND. */
export async function consentMatrix(deps: ConsentDeps, actor: Actor, customerId: string): Promise<ConsentMatrixView> {
  const c = await customerInScope(deps, actor, customerId);
  const states = await repo.statesOf(deps.db, c.id);
  const now = deps.clock.now();
  const since = new Date(now.getTime() - deps.config.consentReaskCooldownDays * MS.day);
  const canAsk: Record<string, boolean> = {};
  const askAgainAfter: Record<string, string | null> = {};
  for (const p of consentPurposes) {
    const refused = await repo.refusalSince(deps.db, c.id, p, since);
    canAsk[p] = refused === null;
    askAgainAfter[p] = refused
      ? new Date(refused.getTime() + deps.config.consentReaskCooldownDays * MS.day).toISOString()
      : null;
  }
  const dnd = await repo.findDnd(deps.db, c.id);
  return {
    customerId: c.id,
    cells: consentPurposes.flatMap((purpose) =>
      consentChannels.map((channel) => {
        const s = states.find((x) => x.purpose === purpose && x.channel === channel);
        return { purpose, channel, status: s?.status ?? 'none', updatedAt: s?.updatedAt.toISOString() ?? null };
      }),
    ),
    canAsk,
    askAgainAfter,
    dnd:
      dnd && (dnd.until === null || dnd.until > now)
        ? { reason: dnd.reason, until: dnd.until?.toISOString() ?? null, since: dnd.createdAt.toISOString() }
        : null,
  };
}

function recordView(r: ConsentRecordRow) {
  return {
    id: r.id,
    purpose: r.purpose,
    channel: r.channel,
    action: r.action,
    source: r.source,
    evidence: r.evidence,
    noticeVersion: r.noticeVersion,
    recordedBy: r.recordedBy,
    occurredAt: r.occurredAt.toISOString(),
  };
}

/** A customer's consent history, newest first (the 360 consent panel). */
export async function consentHistory(deps: ConsentDeps, actor: Actor, customerId: string, q: PageQuery) {
  const c = await customerInScope(deps, actor, customerId);
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const rows = await repo.history(deps.db, c.id, after, q.limit + 1);
  const page: Page<ConsentRecordRow> = toPage(rows, q.limit, (r) => [r.occurredAt, r.id]);
  return { items: page.items.map(recordView), nextCursor: page.nextCursor };
}

/** Put a customer on the do-not-disturb list (until a date or indefinitely). */
export async function setDnd(
  deps: ConsentDeps,
  actor: Actor,
  customerId: string,
  input: { reason: string; until: string | null },
  meta?: RequestMeta,
): Promise<ConsentMatrixView> {
  const now = deps.clock.now();
  const until = input.until ? new Date(input.until) : null;
  if (until && until <= now)
    throw consentError('consent.invalid_input', 'until: must be in the future', { field: 'until' });
  await deps.db.transaction(async (tx) => {
    const c = await customerInScope(deps, actor, customerId, { tx });
    await repo.upsertDnd(tx, { customerId: c.id, reason: input.reason, until, addedBy: actor.userId, createdAt: now });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'consent.dnd_set',
      subjectType: 'customer',
      subjectId: c.id,
      customerId: c.id,
      changes: { until: until?.toISOString() ?? null },
    });
  });
  return consentMatrix(deps, actor, customerId);
}

export async function clearDnd(deps: ConsentDeps, actor: Actor, customerId: string, meta?: RequestMeta) {
  await deps.db.transaction(async (tx) => {
    const c = await customerInScope(deps, actor, customerId, { tx });
    if (!(await repo.deleteDnd(tx, c.id))) {
      throw consentError('consent.not_found', 'The customer is not on the do-not-disturb list');
    }
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'consent.dnd_clear',
      subjectType: 'customer',
      subjectId: c.id,
      customerId: c.id,
    });
  });
  return consentMatrix(deps, actor, customerId);
}
