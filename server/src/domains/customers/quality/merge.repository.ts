import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../kernel/db';
import { queryRows } from '../../../kernel/db';
import { customers } from '../customers.tables';
import type { MergeTable } from './merge-tables';
import { customerMerges, type MovedRows } from './quality.tables';

const id = (name: string) => sql.identifier(name);
const CHUNK = 5000;

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

const list = (values: readonly unknown[]): SQL =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** Lock both customer rows in id order (no deadlock between two merges of the same pair). */
export async function lockCustomers(db: DbOrTx, ids: readonly string[]) {
  return db
    .select()
    .from(customers)
    .where(inArray(customers.id, [...ids]))
    .orderBy(asc(customers.id))
    .for('update');
}

/** Move one table's rows from `from` to `to`; returns what undo needs. */
export async function moveRows(db: DbOrTx, spec: MergeTable, from: string, to: string): Promise<MovedRows> {
  const t = id(spec.table);
  if (spec.kind === 'repoint') {
    const resetCols = Object.keys(spec.reset ?? {});
    const originals: Record<string, Record<string, unknown>> = {};
    let ids: unknown[];
    if (resetCols.length > 0) {
      const cols = sql.join([id(spec.idColumn), ...resetCols.map(id)], sql`, `);
      const rows = await queryRows(db, sql`select ${cols} from ${t} where customer_id = ${from} for update`);
      ids = rows.map((r) => r[spec.idColumn]);
      for (const r of rows) originals[String(r[spec.idColumn])] = Object.fromEntries(resetCols.map((c) => [c, r[c]]));
      const sets = Object.entries(spec.reset ?? {}).map(([c, v]) => sql`, ${id(c)} = ${v}`);
      await db.execute(sql`update ${t} set customer_id = ${to}${sql.join(sets)} where customer_id = ${from}`);
    } else {
      const rows = await queryRows(
        db,
        sql`update ${t} set customer_id = ${to} where customer_id = ${from} returning ${id(spec.idColumn)} as id`,
      );
      ids = rows.map((r) => r.id);
    }
    return resetCols.length > 0 ? { ids, originals } : { ids };
  }
  // fold: rows keyed by (customer_id, key...)
  const keyMatch = sql.join(
    spec.keyColumns.map((k) => sql`s.${id(k)} = m.${id(k)}`),
    sql` and `,
  );
  const folded = await queryRows(
    db,
    sql`select m.* from ${t} m where m.customer_id = ${from}
        and exists (select 1 from ${t} s where s.customer_id = ${to} and ${keyMatch}) for update`,
  );
  if (folded.length > 0 && spec.sumColumns.length > 0) {
    const adds = sql.join(
      spec.sumColumns.map((c) => sql`${id(c)} = s.${id(c)} + m.${id(c)}`),
      sql`, `,
    );
    await db.execute(
      sql`update ${t} s set ${adds} from ${t} m where s.customer_id = ${to} and m.customer_id = ${from} and ${keyMatch}`,
    );
  }
  if (folded.length > 0) {
    await db.execute(
      sql`delete from ${t} m where m.customer_id = ${from}
          and exists (select 1 from ${t} s where s.customer_id = ${to} and ${keyMatch})`,
    );
  }
  const keys = sql.join(spec.keyColumns.map(id), sql`, `);
  const moved = await queryRows(
    db,
    sql`update ${t} set customer_id = ${to} where customer_id = ${from} returning ${keys}`,
  );
  return { ids: moved, folded };
}

/** Put one table's rows back as `moveRows` recorded them. */
export async function restoreRows(
  db: DbOrTx,
  spec: MergeTable,
  moved: MovedRows,
  survivor: string,
  merged: string,
): Promise<void> {
  const t = id(spec.table);
  if (spec.kind === 'repoint') {
    for (const part of chunks(moved.ids)) {
      await db.execute(
        sql`update ${t} set customer_id = ${merged} where customer_id = ${survivor} and ${id(spec.idColumn)} in (${list(part)})`,
      );
    }
    for (const [rowId, cols] of Object.entries(moved.originals ?? {})) {
      const sets = sql.join(
        Object.entries(cols).map(([c, v]) => sql`${id(c)} = ${v}`),
        sql`, `,
      );
      await db.execute(sql`update ${t} set ${sets} where ${id(spec.idColumn)} = ${rowId}`);
    }
    return;
  }
  for (const key of moved.ids as Record<string, unknown>[]) {
    const match = sql.join(
      spec.keyColumns.map((k) => sql`${id(k)} = ${key[k]}`),
      sql` and `,
    );
    await db.execute(sql`update ${t} set customer_id = ${merged} where customer_id = ${survivor} and ${match}`);
  }
  for (const row of moved.folded ?? []) {
    const match = sql.join(
      spec.keyColumns.map((k) => sql`${id(k)} = ${row[k]}`),
      sql` and `,
    );
    const subs = sql.join(
      spec.sumColumns.map((c) => sql`${id(c)} = ${id(c)} - ${row[c]}`),
      sql`, `,
    );
    if (spec.sumColumns.length > 0) {
      await db.execute(sql`update ${t} set ${subs} where customer_id = ${survivor} and ${match}`);
    }
    const cols = Object.keys(row);
    await db.execute(
      sql`insert into ${t} (${sql.join(cols.map(id), sql`, `)}) values (${list(cols.map((c) => (c === 'customer_id' ? merged : row[c])))})`,
    );
  }
}

export async function updateCustomer(db: DbOrTx, customerId: string, set: Partial<typeof customers.$inferInsert>) {
  await db
    .update(customers)
    .set({ ...set, version: sql`${customers.version} + 1` })
    .where(eq(customers.id, customerId));
}

export type MergeRow = typeof customerMerges.$inferSelect;

export async function insertMerge(db: DbOrTx, row: typeof customerMerges.$inferInsert): Promise<void> {
  await db.insert(customerMerges).values(row);
}

export async function findMerge(db: DbOrTx, mergeId: string, lock = false): Promise<MergeRow | null> {
  const q = db.select().from(customerMerges).where(eq(customerMerges.id, mergeId)).limit(1);
  const rows = lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function markUndone(db: DbOrTx, mergeId: string, at: Date, actorId: string): Promise<void> {
  await db
    .update(customerMerges)
    .set({ undoneAt: at, undoneBy: actorId })
    .where(and(eq(customerMerges.id, mergeId), isNull(customerMerges.undoneAt)));
}

export async function mergesOfSurvivor(db: DbOrTx, survivorId: string): Promise<MergeRow[]> {
  return db
    .select()
    .from(customerMerges)
    .where(eq(customerMerges.survivorId, survivorId))
    .orderBy(desc(customerMerges.mergedAt))
    .limit(100);
}
