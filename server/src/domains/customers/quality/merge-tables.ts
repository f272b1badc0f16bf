import { getTableName } from 'drizzle-orm';
import { customerContacts, holdings, monthlyAggregates } from '../customers.tables';
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

export const mergeTables: readonly MergeTable[] = [
  { kind: 'repoint', table: getTableName(customerContacts), idColumn: 'id', reset: { is_primary: false } },
  { kind: 'repoint', table: getTableName(holdings), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(riskAssessments), idColumn: 'id' },
  {
    kind: 'fold',
    table: getTableName(monthlyAggregates),
    keyColumns: ['month'],
    sumColumns: ['tx_count', 'inflow', 'outflow'],
  },
];

/** Tables with a customer_id that a merge leaves alone, and why. */
export const notMovedByMerge: Readonly<Record<string, string>> = {
  profile_refresh_due:
    'a flag, not history: the nightly job drops the merged customer and re-evaluates the survivor (and re-flags after an undo)',
  outbox_events: 'a log of what happened to which customer; rewriting it would falsify history',
};
