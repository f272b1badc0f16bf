import type { DbOrTx } from '../../kernel/db';
import type { EventBus, StoredEvent } from '../../kernel/events/events';
import type { ComplaintsDeps } from './complaints.deps';
import * as repo from './survey.repository';
import { createInvitation } from './survey.service';

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 && v.length <= 64 ? v : null);

/**
 * Surveys after service events (subscribed by event name only):
 * - `complaint.closed` (ours): counted for the complaint's branch and RM;
 * - `sale.recorded` (products): counted for the seller;
 * - `task.completed` of a follow-up visit (engagement), not our own low-score call-back;
 * - `interaction.logged` on the counter channel (engagement): counted for the teller.
 */
export async function onComplaintClosed(deps: ComplaintsDeps, tx: DbOrTx, e: StoredEvent) {
  if (!e.customerId) return;
  const p = e.payload as { unitId?: unknown; rmId?: unknown };
  await createInvitation(deps, tx, {
    customerId: e.customerId,
    trigger: 'complaint_closed',
    sourceId: e.aggregateId,
    unitId: str(p.unitId),
    rmId: str(p.rmId),
  });
}

export async function onSaleRecorded(deps: ComplaintsDeps, tx: DbOrTx, e: StoredEvent) {
  if (!e.customerId) return;
  const p = e.payload as { sellerId?: unknown; staffId?: unknown; unitId?: unknown };
  const seller = str(p.sellerId) ?? str(p.staffId) ?? str(e.actorId);
  await createInvitation(deps, tx, {
    customerId: e.customerId,
    trigger: 'sale',
    sourceId: e.aggregateId,
    rmId: seller,
    unitId: str(p.unitId) ?? (seller ? await repo.staffUnit(tx, seller) : null),
  });
}

export async function onTaskCompleted(deps: ComplaintsDeps, tx: DbOrTx, e: StoredEvent) {
  const p = e.payload as { category?: unknown; kind?: unknown };
  if (!e.customerId || p.category !== 'follow_up' || p.kind === 'survey_follow_up') return;
  await createInvitation(deps, tx, {
    customerId: e.customerId,
    trigger: 'follow_up',
    sourceId: e.aggregateId,
    rmId: str(e.actorId),
  });
}

export async function onInteractionLogged(deps: ComplaintsDeps, tx: DbOrTx, e: StoredEvent) {
  const p = e.payload as { channel?: unknown; outcome?: unknown };
  if (!e.customerId || p.channel !== 'counter' || p.outcome === 'not_reached') return;
  const teller = str(e.actorId);
  await createInvitation(deps, tx, {
    customerId: e.customerId,
    trigger: 'counter_service',
    sourceId: e.aggregateId,
    rmId: teller,
    unitId: teller ? await repo.staffUnit(tx, teller) : null,
  });
}

export function subscribeSurveyTriggers(bus: EventBus, deps: ComplaintsDeps): void {
  bus.on('complaint.closed', (tx, e) => onComplaintClosed(deps, tx, e));
  bus.on('sale.recorded', (tx, e) => onSaleRecorded(deps, tx, e));
  bus.on('task.completed', (tx, e) => onTaskCompleted(deps, tx, e));
  bus.on('interaction.logged', (tx, e) => onInteractionLogged(deps, tx, e));
}
