import { getTableColumns, getTableName, sql, type Table } from 'drizzle-orm';
import type { DbOrTx } from './types';

/**
 * Insert many rows in one statement with one parameter: the rows travel as a
 * JSON array and `jsonb_to_recordset` turns them into typed columns
 * (`insert into t (...) select ... from jsonb_to_recordset($1)`). A
 * multi-row `VALUES` with one parameter per value costs the driver and the
 * server a parse of thousands of parameters per statement; this is several
 * times faster for the bulk writes of jobs (escalation history, audit
 * records, outbox events), inside the caller's transaction, on both drivers.
 *
 * Rows are Drizzle insert objects; every row must carry the keys the first
 * row has (absent columns take their defaults, `$defaultFn` ones included
 * only when given). Dates travel as ISO 8601 instants, arrays as JSON arrays
 * (into `text[]` and the like), objects as JSON (into `jsonb`).
 */
export async function insertJsonRows<T extends Table>(
  db: DbOrTx,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<void> {
  const first = rows[0] as Record<string, unknown> | undefined;
  if (!first) return;
  const cols = getTableColumns(table) as Record<string, { name: string; getSQLType(): string }>;
  const keys = Object.keys(cols).filter((k) => first[k] !== undefined);
  const name = (k: string) => `"${(cols[k] as { name: string }).name}"`;
  const records = rows.map((r, i) => {
    const rec = r as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = rec[k];
      if (v === undefined) throw new Error(`insert ${getTableName(table)}: row ${i} lacks ${k}`);
      out[(cols[k] as { name: string }).name] = v;
    }
    return out;
  });
  const names = keys.map(name).join(', ');
  const shape = keys.map((k) => `${name(k)} ${(cols[k] as { getSQLType(): string }).getSQLType()}`).join(', ');
  await db.execute(
    sql`insert into ${table} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${sql.raw(shape)})`,
  );
}
