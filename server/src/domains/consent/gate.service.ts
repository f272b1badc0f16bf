import type { Actor } from '../../kernel/actor';
import type { DbOrTx } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { decodeCursor, type PageQuery, toPage } from '../../kernel/pagination';
import { customerInScope, customerScope } from '../customers';
import { type AudienceFilter, type AudienceFunnel, audienceFunnel } from './audience.repository';
import { type ConsentDeps, gatePolicy } from './consent.deps';
import * as repo from './consent.repository';
import type { ConsentChannel } from './consent.tables';
import { type ContactKind, evaluateContact, type GateDecision, preferenceFacts } from './contact-gate';

export type ContactRequest = {
  customerId: string;
  channel: ConsentChannel;
  kind: ContactKind;
  /** what asks: `message`, `task`, `campaign` and its id (recorded with a suppression) */
  sourceType: string;
  sourceId: string;
};

/**
 * The one gate every outbound contact passes, at send time (MKT-03: checked
 * when it goes out, not only at audience build), in the caller's transaction.
 * The customer row is locked so two sends to one customer cannot both pass a
 * cap. A stopped or deferred contact is recorded with its reason; an allowed
 * marketing contact is counted for the caps at once.
 */
export async function passContactGate(tx: DbOrTx, deps: ConsentDeps, req: ContactRequest): Promise<GateDecision> {
  const now = deps.clock.now();
  await repo.lockCustomer(tx, req.customerId);
  const rows = await repo.gateRows(tx, req.customerId, req.channel, now);
  const prefs = preferenceFacts(rows.preferences);
  const decision = evaluateContact(
    {
      kind: req.kind,
      channel: req.channel,
      now,
      marketingConsent: rows.marketing,
      serviceConsent: rows.service,
      dnd: rows.dnd || prefs.doNotContact,
      noGreetings: prefs.noGreetings,
      timeZone: prefs.timeZone,
      pastContacts: rows.pastContacts,
    },
    gatePolicy(deps.config),
  );
  if (!decision.allowed) {
    await repo.insertSuppression(tx, suppressionRow(req, decision, now));
  } else if (req.kind === 'marketing') {
    await repo.insertContact(tx, contactRow(req, now));
  }
  return decision;
}

/**
 * The same gate for a batch of contacts in one transaction (the batched send
 * path): the customers are locked and their facts read in one statement, the
 * same rules (`evaluateContact`) judge each request in order, counting the
 * marketing contacts allowed earlier in the batch for the caps, and the
 * suppressions and counted contacts are written in bulk. Decisions come back
 * in the order of the requests.
 */
export async function passContactGateBatch(
  tx: DbOrTx,
  deps: ConsentDeps,
  reqs: readonly ContactRequest[],
): Promise<GateDecision[]> {
  const now = deps.clock.now();
  const policy = gatePolicy(deps.config);
  const ids = [...new Set(reqs.map((r) => r.customerId))].sort();
  const facts = new Map((await repo.lockGateRows(tx, ids, now)).map((r) => [r.id, r]));
  const suppressions: Parameters<typeof repo.insertSuppressions>[1] = [];
  const contacts: Parameters<typeof repo.insertContacts>[1] = [];
  const decisions = reqs.map((req): GateDecision => {
    const f: repo.GateBatchRow = facts.get(req.customerId) ?? {
      id: req.customerId,
      preferences: {},
      states: {},
      dnd: false,
      past: [],
    };
    if (!facts.has(req.customerId)) facts.set(req.customerId, f);
    const prefs = preferenceFacts(f.preferences);
    const decision = evaluateContact(
      {
        kind: req.kind,
        channel: req.channel,
        now,
        marketingConsent: f.states[`${req.channel}:marketing`],
        serviceConsent: f.states[`${req.channel}:service`],
        dnd: f.dnd || prefs.doNotContact,
        noGreetings: prefs.noGreetings,
        timeZone: prefs.timeZone,
        pastContacts: f.past,
      },
      policy,
    );
    if (!decision.allowed) {
      suppressions.push(suppressionRow(req, decision, now));
    } else if (req.kind === 'marketing') {
      f.past.push(now);
      contacts.push(contactRow(req, now));
    }
    return decision;
  });
  await repo.insertSuppressions(tx, suppressions);
  await repo.insertContacts(tx, contacts);
  return decisions;
}

/** Contacts that passed the gate but never happened (delivery failed for good) stop counting for the caps. */
export async function releaseContacts(tx: DbOrTx, sourceType: string, sourceIds: readonly string[]): Promise<void> {
  await repo.deleteContactsOf(tx, sourceType, sourceIds);
}

/** A contact that passed the gate but never happened (delivery failed for good) stops counting for the caps. */
export async function releaseContact(tx: DbOrTx, sourceType: string, sourceId: string): Promise<void> {
  await repo.deleteContactOf(tx, sourceType, sourceId);
}

/**
 * Record a marketing contact made outside messaging (an RM's marketing call
 * logged on a task) so the caps count it.
 */
export async function countContact(tx: DbOrTx, deps: ConsentDeps, req: Omit<ContactRequest, 'kind'>): Promise<void> {
  await repo.insertContact(tx, { id: newId('contactLog'), ...req, occurredAt: deps.clock.now() });
}

/** The set-based filter (consent, DND, caps, quiet hours) for audience builds, with the exclusion funnel. */
export async function marketingAudienceFunnel(
  deps: ConsentDeps,
  f: Omit<AudienceFilter, 'policy' | 'at'> & { at?: Date },
): Promise<AudienceFunnel> {
  return audienceFunnel(deps.db, { ...f, at: f.at ?? deps.clock.now(), policy: gatePolicy(deps.config) });
}

function suppressionView(s: Awaited<ReturnType<typeof repo.listSuppressions>>[number]) {
  return {
    id: s.id,
    customerId: s.customerId,
    channel: s.channel,
    purpose: s.purpose,
    reason: s.reason,
    deferredUntil: s.deferredUntil?.toISOString() ?? null,
    sourceType: s.sourceType,
    sourceId: s.sourceId,
    detail: s.detail,
    occurredAt: s.occurredAt.toISOString(),
  };
}

/** Why a customer was not contacted: suppressions newest first (a customer in scope, or all in scope). */
export async function listSuppressions(
  deps: ConsentDeps,
  actor: Actor,
  q: PageQuery & { customerId?: string; sourceId?: string },
) {
  if (q.customerId) await customerInScope(deps, actor, q.customerId);
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const rows = await repo.listSuppressions(
    deps.db,
    { scope: customerScope(actor), customerId: q.customerId, sourceId: q.sourceId },
    after,
    q.limit + 1,
  );
  const page = toPage(rows, q.limit, (r) => [r.occurredAt, r.id]);
  return { items: page.items.map(suppressionView), nextCursor: page.nextCursor };
}

/** The suppression a refused contact leaves (one gate or a batch). */
function suppressionRow(req: ContactRequest, decision: Extract<GateDecision, { allowed: false }>, now: Date) {
  return {
    id: newId('suppression'),
    customerId: req.customerId,
    channel: req.channel,
    purpose: req.kind,
    reason: decision.reason,
    deferredUntil: decision.reason === 'quiet_hours' ? decision.deferUntil : null,
    sourceType: req.sourceType,
    sourceId: req.sourceId,
    detail: decision.detail,
    occurredAt: now,
  };
}

/** The contact-log row an allowed marketing contact adds (counted by caps and frequency). */
function contactRow(req: ContactRequest, now: Date) {
  return {
    id: newId('contactLog'),
    customerId: req.customerId,
    channel: req.channel,
    sourceType: req.sourceType,
    sourceId: req.sourceId,
    occurredAt: now,
  };
}
