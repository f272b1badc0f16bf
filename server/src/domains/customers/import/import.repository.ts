import { type AnyColumn, and, desc, eq, getTableColumns, inArray, ne, type SQL, sql, type Table } from 'drizzle-orm';
import { type Copier, type DbOrTx, queryRows, serializeForCopy, setLocalNoJit, type Tx } from '../../../kernel/db';
import { units, users } from '../../access';
import type { ContactRow, CustomerRow, HoldingRow } from '../customer.repository';
import { customerContacts, customers, holdings, monthlyAggregates } from '../customers.tables';
import {
  customerImportMappings,
  customerImportRuns,
  type ImportKind,
  type ImportMappingRow,
  type ImportRunRow,
} from './import.tables';

/**
 * The importer's SQL. Rows are bulk-loaded with COPY into a staging table
 * made for the batch's transaction (CREATE TEMP TABLE ... AS ... WITH NO
 * DATA: same columns as the target, no indexes, dropped at commit), then
 * moved into place with one set-based INSERT and one UPDATE per batch.
 */

type NewCustomer = typeof customers.$inferInsert;
type NewContact = typeof customerContacts.$inferInsert;
type NewHolding = typeof holdings.$inferInsert;
type NewAggregate = typeof monthlyAggregates.$inferInsert;

const chunk = 5000;

/**
 * The rows of `table` whose `key` is one of `values`, as a FROM source named
 * like the table (so its columns select as usual): one index probe per value,
 * `unnest(values) cross join lateral (select ... where key = v offset 0)`.
 * One text[] parameter instead of an IN list of thousands of parameters (far
 * less to build, send and plan). Not `key = any(values)`: with thousands of
 * values the planner costs a hashed filter over a sequential scan below the
 * index probes, and stale statistics during a bulk load make it worse
 * (measured at 1,000,000 customers: the ID-number look-up of 5,000 values as
 * a sequential scan of every customer, 472 ms; the holdings look-up as a
 * parallel sequential scan, 163 ms at 480,000 holdings and growing with each
 * batch). `offset 0` keeps the subquery from being flattened into a join that
 * could be hashed the same way. Written out here because Drizzle has no
 * lateral join with a correlated subquery.
 */
async function selectByKeys<F extends Record<string, AnyColumn>>(
  db: DbOrTx,
  table: Table,
  fields: F,
  key: AnyColumn,
  values: readonly string[],
  where?: SQL,
): Promise<RowOf<F>[]> {
  const cols = Object.entries(fields);
  const list = sql.join(
    cols.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select banyan_rows.* from unnest(${textArray(values)}::text[]) as banyan_keys(v) cross join lateral (
      select ${list} from ${table} where ${key} = banyan_keys.v${where ? sql` and ${where}` : sql``} offset 0
    ) as banyan_rows`,
  );
  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [prop, c] of cols) {
      const v = r[c.name];
      out[prop] = v === null || v === undefined ? null : c.mapFromDriverValue(v);
    }
    return out as RowOf<F>;
  });
}

/** The row type of a selection of columns (nullable columns may be null). */
type RowOf<F extends Record<string, AnyColumn>> = {
  [K in keyof F]: F[K]['_']['notNull'] extends true ? F[K]['_']['data'] : F[K]['_']['data'] | null;
};

/** A PostgreSQL text[] literal of these values (quoted and escaped: values come from files). */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

async function inChunks<T, R>(values: readonly T[], fn: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += chunk) out.push(...(await fn(values.slice(i, i + chunk))));
  return out;
}

export async function customersByNo(db: DbOrTx, nos: readonly string[]): Promise<CustomerRow[]> {
  if (nos.length === 0) return [];
  return inChunks(nos, (part) => selectByKeys(db, customers, getTableColumns(customers), customers.customerNo, part));
}

/** Customer number owning each of these ID-number blind indexes (merged customers excluded). */
export async function customerNosByIdIndex(db: DbOrTx, bidx: readonly string[]) {
  if (bidx.length === 0) return [];
  return inChunks(bidx, (part) =>
    selectByKeys(
      db,
      customers,
      { customerNo: customers.customerNo, bidx: customers.idNumberBidx },
      customers.idNumberBidx,
      part,
      ne(customers.status, 'merged'),
    ),
  );
}

/** Light customer facts by number: id and placement (scope checks of contacts, holdings, transactions). */
export async function customerRefsByNo(db: DbOrTx, nos: readonly string[]) {
  if (nos.length === 0) return [];
  return inChunks(nos, (part) =>
    selectByKeys(
      db,
      customers,
      {
        id: customers.id,
        customerNo: customers.customerNo,
        rmId: customers.rmId,
        homeUnitId: customers.homeUnitId,
        status: customers.status,
      },
      customers.customerNo,
      part,
    ),
  );
}

export async function allUnits(db: DbOrTx) {
  return db.select({ id: units.id, code: units.code }).from(units);
}

export async function activeUsersByUsername(db: DbOrTx, names: readonly string[]) {
  if (names.length === 0) return [];
  return db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(and(inArray(users.username, [...names]), eq(users.status, 'active')));
}

export async function contactsByExternalId(db: DbOrTx, ids: readonly string[]): Promise<ContactRow[]> {
  if (ids.length === 0) return [];
  return inChunks(ids, (part) =>
    selectByKeys(db, customerContacts, getTableColumns(customerContacts), customerContacts.externalId, part),
  );
}

export async function holdingsByExternalId(db: DbOrTx, ids: readonly string[]): Promise<HoldingRow[]> {
  if (ids.length === 0) return [];
  return inChunks(ids, (part) => selectByKeys(db, holdings, getTableColumns(holdings), holdings.externalId, part));
}

/**
 * Serialize a prepared batch's rows for the COPYs that will write them, ahead of the write
 * (while the previous batch is still being written): the write is then only database work.
 */
export function serializeAhead(
  kind: 'customers' | 'contacts' | 'holdings',
  rows: { inserts: readonly unknown[]; updates: readonly unknown[] },
): void {
  const table = kind === 'customers' ? customers : kind === 'contacts' ? customerContacts : holdings;
  serializeForCopy(table, rows.inserts as (typeof table.$inferInsert)[]);
  serializeForCopy(table, rows.updates as (typeof table.$inferInsert)[]);
}

async function stage(tx: Tx, name: string, target: string): Promise<void> {
  await tx.execute(sql.raw(`CREATE TEMP TABLE ${name} ON COMMIT DROP AS SELECT * FROM ${target} WITH NO DATA`));
}

function affected(r: unknown): number {
  const x = r as { rowCount?: number | null; affectedRows?: number; rows?: unknown[] };
  return Number(x.rowCount ?? x.affectedRows ?? x.rows?.length ?? 0);
}

/**
 * New rows go straight into the target with COPY (no staging, no second
 * write): they were looked up as absent when the batch was prepared. A key
 * taken meanwhile by a concurrent import is a unique violation that fails the
 * COPY, and with it the batch's transaction (it rolls back whole).
 */
async function copyNew<T extends typeof customers | typeof holdings>(
  copy: Copier,
  table: T,
  rows: readonly T['$inferInsert'][],
  key: string,
): Promise<void> {
  try {
    await copy(table, rows);
  } catch (e) {
    if ((e as { code?: string }).code === '23505')
      throw new Error(`${key}: registered meanwhile by another import; retry`);
    throw e;
  }
}

const customerSet = [
  'kind',
  'name',
  'name_pinyin',
  'name_initials',
  'gender',
  'birth_date',
  'id_type',
  'id_number_enc',
  'id_number_bidx',
  'nationality',
  'occupation',
  'employer',
  'education',
  'income_band',
  'home_unit_id',
  'rm_id',
  'tier',
  'lifecycle_stage',
  'tags',
  'onboarded_on',
  'updated_at',
];

/**
 * Insert new customers and update changed ones from staged rows, in the
 * caller's bulk-load transaction. A new customer number taken meanwhile by
 * another import fails the batch (it rolls back whole).
 */
export async function upsertCustomers(
  copy: Copier,
  tx: Tx,
  inserts: readonly NewCustomer[],
  updates: readonly NewCustomer[],
): Promise<void> {
  if (inserts.length > 0) await copyNew(copy, customers, inserts, 'customerNo');
  if (updates.length > 0) {
    await stage(tx, 'imp_stage_customers', 'customers');
    await copy(customers, updates, { into: 'imp_stage_customers' });
    await tx.execute(
      sql.raw(
        `UPDATE customers c SET ${customerSet.map((col) => `${col} = s.${col}`).join(', ')}, version = c.version + 1
         FROM imp_stage_customers s WHERE c.id = s.id`,
      ),
    );
  }
}

export async function upsertContacts(
  copy: Copier,
  tx: Tx,
  inserts: readonly NewContact[],
  updates: readonly NewContact[],
): Promise<void> {
  await stage(tx, 'imp_stage_contacts', 'customer_contacts');
  if (updates.length > 0) {
    await copy(customerContacts, updates, { into: 'imp_stage_contacts' });
    await tx.execute(
      sql.raw(`UPDATE customer_contacts c SET customer_id = s.customer_id, kind = s.kind, value_enc = s.value_enc,
        value_bidx = s.value_bidx, label = s.label, is_primary = s.is_primary, verified = s.verified, updated_at = s.updated_at
        FROM imp_stage_contacts s WHERE c.id = s.id`),
    );
  }
  if (inserts.length > 0) {
    await copy(customerContacts, inserts, { into: 'imp_stage_contacts' });
    const r = await tx.execute(
      sql.raw(`INSERT INTO customer_contacts SELECT s.* FROM imp_stage_contacts s
        WHERE NOT EXISTS (SELECT 1 FROM customer_contacts c WHERE c.id = s.id) ON CONFLICT (external_id) DO NOTHING`),
    );
    if (affected(r) !== inserts.length) throw new Error('externalId: registered meanwhile by another import; retry');
  }
  // one primary per kind: an imported primary demotes the customer's others
  await tx.execute(
    sql.raw(`UPDATE customer_contacts c SET is_primary = false, updated_at = s.updated_at
      FROM imp_stage_contacts s
      WHERE s.is_primary AND c.customer_id = s.customer_id AND c.kind = s.kind AND c.id <> s.id AND c.is_primary
        AND NOT EXISTS (SELECT 1 FROM imp_stage_contacts o WHERE o.id = c.id)`),
  );
}

export async function upsertHoldings(
  copy: Copier,
  tx: Tx,
  inserts: readonly NewHolding[],
  updates: readonly NewHolding[],
): Promise<void> {
  if (updates.length > 0) {
    await stage(tx, 'imp_stage_holdings', 'holdings');
    await copy(holdings, updates, { into: 'imp_stage_holdings' });
    await tx.execute(
      sql.raw(`UPDATE holdings h SET customer_id = s.customer_id, product_type = s.product_type, product_code = s.product_code,
        product_name = s.product_name, account_no_enc = s.account_no_enc, balance = s.balance, currency = s.currency,
        opened_on = s.opened_on, maturity_on = s.maturity_on, status = s.status, updated_at = s.updated_at
        FROM imp_stage_holdings s WHERE h.id = s.id`),
    );
  }
  if (inserts.length > 0) await copyNew(copy, holdings, inserts, 'externalId');
}

/**
 * Recompute AUM and liabilities (CNY, active holdings) of these customers,
 * writing only those whose totals changed, so a re-run changes nothing. The
 * totals are one LATERAL aggregate per customer, an index lookup of its
 * holdings (holdings_active_customer_type_idx): a join of the id list to
 * holdings would be planned as a hash join over every holding (the list's size
 * is unknown to the planner), a scan that grows with each batch of an import.
 * The customers are found by their primary key (`c.id = any(ids)`, the same
 * list again): with only the join to the unnested list, the planner hashed a
 * sequential scan of every customer for each batch (36 of 65 ms at 30,000
 * customers, growing with the table). Holdings COPYed in the same transaction
 * have no statistics yet, so the planner's cost of these laterals crosses
 * jit_above_cost: JIT compiling took half the statement's time (210 of 408 ms
 * for 2,000 customers), hence jit off.
 */
export async function recomputeTotals(tx: Tx, customerIds: readonly string[], now: Date): Promise<void> {
  if (customerIds.length === 0) return;
  await setLocalNoJit(tx);
  const ids = textArray(customerIds);
  await tx.execute(sql`
    update ${customers} c set aum = t.aum, liabilities = t.liabilities, updated_at = ${now.toISOString()}::timestamptz
    from unnest(${ids}::text[]) as ids(id)
    cross join lateral (
      select
        coalesce(sum(h.balance) filter (where h.product_type not in ('loan', 'credit_card')), 0) as aum,
        coalesce(sum(h.balance) filter (where h.product_type in ('loan', 'credit_card')), 0) as liabilities
      from ${holdings} h
      where h.customer_id = ids.id and h.status = 'active' and h.currency = 'CNY'
    ) t
    where c.id = ids.id and c.id = any(${ids}::text[])
      and (c.aum, c.liabilities) is distinct from (t.aum, t.liabilities)`);
}

/** Replace the monthly aggregates of the staged (customer, month) pairs; returns how many were new and changed. */
export async function upsertAggregates(
  copy: Copier,
  tx: Tx,
  rows: readonly NewAggregate[],
): Promise<{ inserted: number; updated: number }> {
  await stage(tx, 'imp_stage_aggregates', 'customer_monthly_aggregates');
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  await copy(monthlyAggregates, rows, { into: 'imp_stage_aggregates' });
  const r = await tx.execute(
    sql.raw(`INSERT INTO customer_monthly_aggregates AS a SELECT * FROM imp_stage_aggregates
      ON CONFLICT (customer_id, month) DO UPDATE SET tx_count = excluded.tx_count, inflow = excluded.inflow, outflow = excluded.outflow
      WHERE (a.tx_count, a.inflow, a.outflow) IS DISTINCT FROM (excluded.tx_count, excluded.inflow, excluded.outflow)
      RETURNING (xmax = 0) AS inserted`),
  );
  const out = (r as unknown as { rows: { inserted: boolean }[] }).rows;
  const inserted = out.filter((x) => x.inserted).length;
  return { inserted, updated: out.length - inserted };
}

/** Existing aggregates of these customers and months, to count what a write would change (dry runs). */
export async function aggregatesFor(db: DbOrTx, customerIds: readonly string[]) {
  if (customerIds.length === 0) return [];
  return inChunks(customerIds, (part) =>
    selectByKeys(db, monthlyAggregates, getTableColumns(monthlyAggregates), monthlyAggregates.customerId, part),
  );
}

// ---- runs and mappings --------------------------------------------------------

export async function insertRun(db: DbOrTx, row: typeof customerImportRuns.$inferInsert): Promise<void> {
  await db.insert(customerImportRuns).values(row);
}

export async function findRun(db: DbOrTx, id: string): Promise<ImportRunRow | null> {
  const rows = await db.select().from(customerImportRuns).where(eq(customerImportRuns.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function updateRun(db: DbOrTx, id: string, set: Partial<ImportRunRow>): Promise<void> {
  await db.update(customerImportRuns).set(set).where(eq(customerImportRuns.id, id));
}

/** Move a run from one status to another; false when it was not in `from` (someone else started it). */
export async function transitionRun(db: DbOrTx, id: string, from: string, to: string): Promise<boolean> {
  const rows = await db
    .update(customerImportRuns)
    .set({ status: to as ImportRunRow['status'] })
    .where(and(eq(customerImportRuns.id, id), eq(customerImportRuns.status, from as ImportRunRow['status'])))
    .returning({ id: customerImportRuns.id });
  return rows.length > 0;
}

export async function runsOf(db: DbOrTx, userId: string, limit: number) {
  const r = customerImportRuns;
  return db
    .select({
      id: r.id,
      kind: r.kind,
      fileName: r.fileName,
      status: r.status,
      totalRows: r.totalRows,
      processedRows: r.processedRows,
      okRows: r.okRows,
      rejectedRows: r.rejectedRows,
      createdAt: r.createdAt,
    })
    .from(r)
    .where(eq(r.createdBy, userId))
    .orderBy(desc(r.createdAt))
    .limit(limit);
}

export async function listMappings(db: DbOrTx, kind?: ImportKind): Promise<ImportMappingRow[]> {
  return db
    .select()
    .from(customerImportMappings)
    .where(kind ? eq(customerImportMappings.kind, kind) : undefined)
    .orderBy(customerImportMappings.kind, customerImportMappings.name);
}

export async function findMapping(db: DbOrTx, kind: ImportKind, name: string): Promise<ImportMappingRow | null> {
  const rows = await db
    .select()
    .from(customerImportMappings)
    .where(and(eq(customerImportMappings.kind, kind), eq(customerImportMappings.name, name)))
    .limit(1);
  return rows[0] ?? null;
}

/** Save a mapping template (same kind and name: replaced). */
export async function saveMapping(db: DbOrTx, row: ImportMappingRow): Promise<ImportMappingRow> {
  const rows = await db
    .insert(customerImportMappings)
    .values(row)
    .onConflictDoUpdate({
      target: [customerImportMappings.kind, customerImportMappings.name],
      set: { mapping: row.mapping, updatedAt: row.updatedAt },
    })
    .returning();
  return rows[0] as ImportMappingRow;
}

export async function deleteMapping(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db
    .delete(customerImportMappings)
    .where(eq(customerImportMappings.id, id))
    .returning({ id: customerImportMappings.id });
  return rows.length > 0;
}
