import { and, asc, desc, eq, ilike, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { queryRows } from '../../kernel/db/query';
import {
  customerSuitability,
  type FeeScheduleRow,
  feeNotices,
  feeSchedules,
  type NewProductRow,
  type ProductRow,
  type ProductStatus,
  type ProductType,
  products,
  sales,
} from './products.tables';

/** The catalogue, fee schedules and suitability facts: the only SQL of these tables. */

export async function insertProductIfAbsent(db: DbOrTx, row: NewProductRow): Promise<boolean> {
  const made = await db.insert(products).values(row).onConflictDoNothing().returning({ id: products.id });
  return made.length > 0;
}

export async function findProduct(db: DbOrTx, id: string, opts: { lock?: boolean } = {}): Promise<ProductRow | null> {
  const q = db
    .select()
    .from(products)
    .where(or(eq(products.id, id), eq(products.code, id)));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function productByCode(db: DbOrTx, code: string): Promise<ProductRow | null> {
  const [row] = await db.select().from(products).where(eq(products.code, code));
  return row ?? null;
}

/** The catalogue is small (hundreds of products): one ordered read by type and code. */
export async function listProducts(
  db: DbOrTx,
  f: { type?: ProductType | undefined; status?: ProductStatus | undefined; q?: string | undefined },
): Promise<ProductRow[]> {
  const conds: SQL[] = [];
  if (f.type) conds.push(eq(products.type, f.type));
  if (f.status) conds.push(eq(products.status, f.status));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const c = or(ilike(products.name, like), ilike(products.code, like));
    if (c) conds.push(c);
  }
  return db
    .select()
    .from(products)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(products.type), asc(products.code))
    .limit(1000);
}

export async function updateProduct(db: DbOrTx, id: string, set: Partial<NewProductRow>): Promise<void> {
  await db.update(products).set(set).where(eq(products.id, id));
}

export async function feeSchedulesOf(db: DbOrTx, productId: string): Promise<FeeScheduleRow[]> {
  return db
    .select()
    .from(feeSchedules)
    .where(eq(feeSchedules.productId, productId))
    .orderBy(desc(feeSchedules.version));
}

/** The version in force at `at`: the newest whose effective date has passed. */
export async function feeScheduleInForce(db: DbOrTx, productId: string, at: Date): Promise<FeeScheduleRow | null> {
  const [row] = await db
    .select()
    .from(feeSchedules)
    .where(and(eq(feeSchedules.productId, productId), lte(feeSchedules.effectiveFrom, at)))
    .orderBy(desc(feeSchedules.effectiveFrom), desc(feeSchedules.version))
    .limit(1);
  return row ?? null;
}

export async function insertFeeSchedule(db: DbOrTx, row: FeeScheduleRow): Promise<void> {
  await db.insert(feeSchedules).values(row);
}

/** Every product's schedule in force (the public price list, FEE-03). */
export async function schedulesInForce(db: DbOrTx, at: Date): Promise<FeeScheduleRow[]> {
  return db
    .selectDistinctOn([feeSchedules.productId])
    .from(feeSchedules)
    .where(lte(feeSchedules.effectiveFrom, at))
    .orderBy(feeSchedules.productId, desc(feeSchedules.effectiveFrom), desc(feeSchedules.version));
}

/**
 * FEE-02: one notice per active holder of the product, set-based. A holding
 * names its catalogue product by code, or (older core data) by name.
 */
export async function insertFeeNotices(
  db: DbOrTx,
  p: { scheduleId: string; productId: string; code: string; name: string; effectiveFrom: Date; now: Date },
): Promise<number> {
  const rows = await queryRows<{ n: string | number }>(
    db,
    sql`with made as (
          insert into fee_notices (id, fee_schedule_id, product_id, customer_id, effective_from, created_at)
          select 'fnt_' || ${p.scheduleId} || '_' || h.customer_id, ${p.scheduleId}, ${p.productId}, h.customer_id,
                 ${p.effectiveFrom}::timestamptz, ${p.now}::timestamptz
            from (select distinct customer_id from holdings
                   where status = 'active' and (product_code = ${p.code} or (product_code is null and product_name = ${p.name}))) h
          on conflict do nothing returning 1)
        select count(*) as n from made`,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function noticesOfCustomer(db: DbOrTx, customerId: string) {
  return db.select().from(feeNotices).where(eq(feeNotices.customerId, customerId)).orderBy(desc(feeNotices.createdAt));
}

export async function suitabilityRow(db: DbOrTx, customerId: string) {
  const [row] = await db.select().from(customerSuitability).where(eq(customerSuitability.customerId, customerId));
  return row ?? null;
}

export async function upsertSuitability(db: DbOrTx, row: typeof customerSuitability.$inferInsert): Promise<void> {
  const { customerId: _c, ...set } = row;
  await db.insert(customerSuitability).values(row).onConflictDoUpdate({ target: customerSuitability.customerId, set });
}

/** Signed sales (cooling-off or confirmed) of a product in [from, to): a subquery of (customer_id, occurred_at). */
export function signedSalesSql(productId: string, from: Date, to: Date): SQL {
  return sql`select s.customer_id, s.signed_at as occurred_at from ${sales} s
    where s.product_id = ${productId} and s.status in ('cooling_off', 'confirmed')
      and s.signed_at >= ${from.toISOString()}::timestamptz and s.signed_at < ${to.toISOString()}::timestamptz`;
}
