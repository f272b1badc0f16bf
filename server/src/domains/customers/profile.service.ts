import type { Actor } from '../../kernel/actor';
import { decodeCursor, type Page, type PageQuery, toPage } from '../../kernel/pagination';
import * as repo from './customer.repository';
import type { AggregateView, Customer360, HoldingsView, TimelineEntryView } from './customer.schema';
import { type CustomerDeps, customerHeader, customerInScope, today } from './customer.service';
import { contactView, holdingsView } from './customer.view';
import { householdSection } from './household.service';
import { currentRiskProfile } from './risk';
import { timelineRows } from './timeline.repository';

/** The 360 view (客户360视图) and its sections: holdings, monthly activity, timeline. */

/** The first month (YYYY-MM) of the `months` whole months up to and including the business date's month. */
export function firstMonth(day: string, months: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - (months - 1);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export async function customerHoldings(deps: CustomerDeps, actor: Actor, id: string): Promise<HoldingsView> {
  await customerInScope(deps, actor, id);
  return holdingsView(actor, deps.crypto, await repo.holdingsOf(deps.db, id));
}

export async function customerAggregates(
  deps: CustomerDeps,
  actor: Actor,
  id: string,
  months: number,
): Promise<AggregateView[]> {
  await customerInScope(deps, actor, id);
  const rows = await repo.aggregatesOf(deps.db, id, firstMonth(today(deps), months));
  return rows.map((r) => ({ month: r.month, txCount: r.txCount, inflow: r.inflow, outflow: r.outflow }));
}

export async function customerTimelinePage(
  deps: CustomerDeps,
  actor: Actor,
  id: string,
  q: PageQuery & { type?: string[] },
): Promise<Page<TimelineEntryView>> {
  await customerInScope(deps, actor, id);
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const rows = await timelineRows(deps.db, id, after, q.limit + 1, q.type);
  const page = toPage(rows, q.limit, (r) => [r.occurredAt, r.id]);
  return {
    items: page.items.map((r) => ({
      id: r.id,
      occurredAt: r.occurredAt.toISOString(),
      type: r.type,
      actorId: r.actorId,
      summary: r.summary,
    })),
    nextCursor: page.nextCursor,
  };
}

/** Everything the 360 page opens with; later domains' sections load from their own sub-resources. */
export async function customer360(deps: CustomerDeps, actor: Actor, id: string): Promise<Customer360> {
  const row = await customerInScope(deps, actor, id);
  const now = deps.clock.now();
  const [header, contacts, holdings, aggregates, household, risk] = await Promise.all([
    customerHeader(deps, actor, row),
    repo.contactsOf(deps.db, id),
    repo.holdingsOf(deps.db, id),
    repo.aggregatesOf(deps.db, id, firstMonth(today(deps), 12)),
    householdSection(deps, actor, id),
    currentRiskProfile(deps.db, id, now),
  ]);
  return {
    header,
    contacts: contacts.map((c) => contactView(actor, deps.crypto, c)),
    holdings: holdingsView(actor, deps.crypto, holdings),
    aggregates: aggregates.map((r) => ({ month: r.month, txCount: r.txCount, inflow: r.inflow, outflow: r.outflow })),
    household,
    risk: {
      status: risk.status,
      level: risk.level ?? risk.lastLevel,
      expiresAt: risk.expiresAt?.toISOString() ?? null,
      pendingLevel: risk.pendingLevel,
    },
  };
}
