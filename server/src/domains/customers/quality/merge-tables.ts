import { getTableName } from 'drizzle-orm';
import {
  customerContacts,
  customerRelationships,
  customerTimeline,
  holdings,
  householdMembers,
  monthlyAggregates,
} from '../customers.tables';
import { riskAssessments } from '../risk/risk.tables';

/**
 * How a merge treats each customer-owned table: the one place to add a table
 * (a test fails when a table with a customer_id column is in neither list).
 *
 * - `repoint`: rows move to the survivor (`customer_id` updated), ids kept for
 *   undo; `reset` columns take a new value on moved rows and their originals
 *   are kept (a merged contact stops being primary: the survivor's stays).
 * - `fold`: the table is keyed by (customer_id, key...). A row whose key the
 *   survivor lacks moves; a row whose key the survivor has is added into the
 *   survivor's (`sum` columns) and kept whole in the merge record, so undo can
 *   subtract it and put it back. Monthly aggregates are summed: the two
 *   records are one person, so the month's activity is the sum of both.
 */
export type MergeTable =
  | { kind: 'repoint'; table: string; idColumn: string; reset?: Record<string, unknown> }
  | { kind: 'fold'; table: string; keyColumns: readonly string[]; sumColumns: readonly string[] };

const registered: MergeTable[] = [
  { kind: 'repoint', table: getTableName(customerContacts), idColumn: 'id', reset: { is_primary: false } },
  { kind: 'repoint', table: getTableName(holdings), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(riskAssessments), idColumn: 'id' },
  {
    kind: 'fold',
    table: getTableName(monthlyAggregates),
    keyColumns: ['month'],
    sumColumns: ['tx_count', 'inflow', 'outflow'],
  },
  // the timeline is the customer's history: it moves whole with the merged record
  { kind: 'repoint', table: getTableName(customerTimeline), idColumn: 'id' },
  // a household the survivor is already in keeps one membership (the merged one is kept in the record)
  { kind: 'fold', table: getTableName(householdMembers), keyColumns: ['household_id'], sumColumns: [] },
  {
    kind: 'fold',
    table: getTableName(customerRelationships),
    keyColumns: ['related_customer_id', 'kind'],
    sumColumns: [],
  },
];

/** Every table a merge moves, in order (undo walks it backwards). */
export const mergeTables: readonly MergeTable[] = registered;

/**
 * Later domains (engagement, complaints, consent...) own customer tables of
 * their own; they register them here from their index.ts so a merge moves
 * their rows too. Registering a table twice is a no-op.
 */
export function registerMergeTables(...specs: MergeTable[]): void {
  for (const s of specs) if (!registered.some((r) => r.table === s.table)) registered.push(s);
}

const notMoved: Record<string, string> = {
  profile_refresh_due:
    'a flag, not history: the nightly job drops the merged customer and re-evaluates the survivor (and re-flags after an undo)',
  outbox_events: 'a log of what happened to which customer; rewriting it would falsify history',
  audit_log: 'append-only and hash-chained (AUD-01): the record of who did what to which customer never changes',
  customer_aum_order:
    "a copy of each customer's own aum, kept by triggers on customers: the merge's change of both customers' aum updates it",
};

/** Tables with a customer_id that a merge leaves alone, and why. */
export const notMovedByMerge: Readonly<Record<string, string>> = notMoved;

/** A domain's customer table that a merge must not move, with the reason. */
export function registerNotMovedByMerge(table: string, reason: string): void {
  notMoved[table] = reason;
}
