import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../kernel/actor';
import { localDate } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { decodeCursor, encodeCursor } from '../../kernel/pagination';
import { auditContext, recordAudit } from '../audit';
import { customerInScope, customerScope, updateCustomerRow } from '../customers';
import type { AnalyticsDeps } from './analytics.deps';
import { analyticsError } from './analytics.errors';
import type { RiskBand } from './analytics.tables';
import {
  type ChurnEventRow,
  churnEventPage,
  customerChurnEvents,
  customerScore,
  insertChurnEvent,
  markWonBack,
  openChurnEvent,
  warningPage,
} from './churn.repository';

/** Use cases of churn early warning: the 360 section, the RM list, leaving and winning back. */

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

function eventView(e: ChurnEventRow) {
  return {
    id: e.id,
    customerId: e.customerId,
    leftOn: e.leftOn,
    reason: e.reason,
    notes: e.notes,
    rmId: e.rmId,
    unitId: e.unitId,
    scoreAtExit: e.scoreAtExit,
    recordedBy: e.recordedBy,
    wonBackOn: e.wonBackOn,
    wonBackBy: e.wonBackBy,
  };
}

/** The customer in the actor's scope; out of scope answers as absent (DS-05, the customers domain's 404). */
function inScope(deps: AnalyticsDeps, actor: Actor, id: string, tx?: DbOrTx) {
  return customerInScope(deps, actor, id, tx ? { tx, lock: true } : {});
}

/** The churn risk section of the 360 page: score, band, reasons in words (PI-13), leaving history. */
export async function customerChurn(deps: AnalyticsDeps, actor: Actor, id: string) {
  await inScope(deps, actor, id);
  const s = await customerScore(deps.db, id);
  const events = await customerChurnEvents(deps.db, id);
  return {
    customerId: id,
    score: s
      ? {
          score: s.score,
          band: s.band,
          reasons: s.reasons,
          scoredAt: iso(s.scored_at),
          modelVersion: Number(s.model_version),
        }
      : null,
    events: events.map(eventView),
  };
}

/** The early-warning list: risky customers in the actor's scope (an RM: their book), highest score first. */
export async function churnWarnings(
  deps: AnalyticsDeps,
  actor: Actor,
  q: { band: 'high' | 'medium' | 'risky'; rmId?: string; cursor?: string; limit: number },
) {
  const bands: RiskBand[] = q.band === 'risky' ? ['high', 'medium'] : [q.band];
  let after: { score: number; id: string } | undefined;
  if (q.cursor) {
    const [score, id] = decodeCursor(q.cursor, 2);
    if (typeof score !== 'number' || typeof id !== 'string')
      throw analyticsError('analytics.invalid_input', 'cursor: not a cursor of this list', { field: 'cursor' });
    after = { score, id };
  }
  const rows = await warningPage(deps.db, {
    scope: customerScope(actor),
    bands,
    rmId: q.rmId,
    after,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      customerId: r.customer_id,
      name: r.name,
      tier: r.tier,
      aum: Number(r.aum),
      rmId: r.rm_id,
      rmName: r.rm_name,
      unitId: r.home_unit_id,
      score: r.score,
      band: r.band,
      reasons: r.reasons,
      scoredAt: iso(r.scored_at),
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.score, last.customer_id]) : null,
  };
}

/**
 * A customer leaves: the reason from the taxonomy, the RM and unit at exit,
 * the last churn score; the lifecycle stage becomes `churned`. One
 * transaction with the audit record.
 */
export async function recordLeaving(
  deps: AnalyticsDeps,
  actor: Actor,
  id: string,
  input: { leftOn: string; reason: ChurnEventRow['reason']; notes?: string },
  request?: Pick<FastifyRequest, 'id' | 'ip'>,
) {
  const today = localDate(deps.clock.now(), deps.config.timeZone);
  if (input.leftOn > today)
    throw analyticsError('analytics.invalid_input', 'leftOn: cannot be in the future', { field: 'leftOn' });
  return deps.db.transaction(async (tx) => {
    const c = await inScope(deps, actor, id, tx);
    if (await openChurnEvent(tx, id))
      throw analyticsError(
        'analytics.already_left',
        'The customer is already recorded as having left; record the win-back first',
      );
    const s = await customerScore(tx, id);
    const e = await insertChurnEvent(tx, {
      id: newId('churnEvent'),
      customerId: id,
      leftOn: input.leftOn,
      reason: input.reason,
      notes: input.notes ?? null,
      rmId: c.rmId,
      unitId: c.homeUnitId,
      scoreAtExit: s?.score ?? null,
      recordedBy: actor.userId,
      recordedAt: deps.clock.now(),
    });
    await updateCustomerRow(tx, id, { lifecycleStage: 'churned', updatedAt: deps.clock.now() });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, request),
      action: 'analytics.customer_left',
      subjectType: 'churn_event',
      subjectId: e.id,
      customerId: id,
      changes: { leftOn: input.leftOn, reason: input.reason, lifecycleStage: 'churned' },
    });
    return eventView(e);
  });
}

/** A customer who left comes back: the won-back stage, and the event leaves the win-back list. */
export async function recordWonBack(
  deps: AnalyticsDeps,
  actor: Actor,
  id: string,
  input: { wonBackOn: string },
  request?: Pick<FastifyRequest, 'id' | 'ip'>,
) {
  return deps.db.transaction(async (tx) => {
    await inScope(deps, actor, id, tx);
    const e = await openChurnEvent(tx, id);
    if (!e) throw analyticsError('analytics.not_left', 'The customer is not recorded as having left');
    if (input.wonBackOn < e.leftOn)
      throw analyticsError('analytics.invalid_input', 'wonBackOn: must not be before the day the customer left', {
        field: 'wonBackOn',
      });
    await markWonBack(tx, e.id, input.wonBackOn, actor.userId);
    await updateCustomerRow(tx, id, { lifecycleStage: 'won_back', updatedAt: deps.clock.now() });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, request),
      action: 'analytics.customer_won_back',
      subjectType: 'churn_event',
      subjectId: e.id,
      customerId: id,
      changes: { wonBackOn: input.wonBackOn, lifecycleStage: 'won_back' },
    });
    return eventView({ ...e, wonBackOn: input.wonBackOn, wonBackBy: actor.userId });
  });
}

/** The win-back list (left, not yet back) or the won-back list, in the actor's scope. */
export async function leftCustomers(
  deps: AnalyticsDeps,
  actor: Actor,
  q: { wonBack: boolean; cursor?: string; limit: number },
) {
  let after: { leftOn: string; id: string } | undefined;
  if (q.cursor) {
    const [leftOn, id] = decodeCursor(q.cursor, 2);
    if (typeof leftOn !== 'string' || typeof id !== 'string')
      throw analyticsError('analytics.invalid_input', 'cursor: not a cursor of this list', { field: 'cursor' });
    after = { leftOn, id };
  }
  const rows = await churnEventPage(deps.db, {
    scope: customerScope(actor),
    wonBack: q.wonBack,
    after,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({ ...eventView(r), name: r.name, tier: r.tier })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.leftOn, last.id]) : null,
  };
}
