import { and, desc, eq, lte, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { customers } from '../customers';
import { products, type SaleRow, sales } from './products.tables';

/** The sales records' SQL. Reads join the customer so the actor's data scope applies (DS-05). */
export type SaleWithProduct = SaleRow & { productName: string; productCode: string; productDualRecording: boolean };

const cols = {
  sale: sales,
  productName: products.name,
  productCode: products.code,
  productDualRecording: products.dualRecordingRequired,
};

function flat(r: {
  sale: SaleRow;
  productName: string;
  productCode: string;
  productDualRecording: boolean;
}): SaleWithProduct {
  return {
    ...r.sale,
    productName: r.productName,
    productCode: r.productCode,
    productDualRecording: r.productDualRecording,
  };
}

export async function insertSale(db: DbOrTx, row: SaleRow): Promise<void> {
  await db.insert(sales).values(row);
}

export async function findSale(
  db: DbOrTx,
  id: string,
  scope: SQL | undefined,
  opts: { lock?: boolean } = {},
): Promise<SaleWithProduct | null> {
  const q = db
    .select(cols)
    .from(sales)
    .innerJoin(customers, eq(customers.id, sales.customerId))
    .innerJoin(products, eq(products.id, sales.productId))
    .where(and(eq(sales.id, id), scope));
  const [row] = opts.lock ? await q.for('update', { of: sales }) : await q;
  return row ? flat(row) : null;
}

export async function salesOfCustomer(db: DbOrTx, customerId: string, limit = 100): Promise<SaleWithProduct[]> {
  const rows = await db
    .select(cols)
    .from(sales)
    .innerJoin(products, eq(products.id, sales.productId))
    .where(eq(sales.customerId, customerId))
    .orderBy(desc(sales.createdAt), desc(sales.id))
    .limit(limit);
  return rows.map(flat);
}

export async function updateSale(db: DbOrTx, id: string, set: Partial<SaleRow>): Promise<void> {
  await db.update(sales).set(set).where(eq(sales.id, id));
}

/** Sales whose cooling-off window has ended (SALE-01), oldest first. */
export async function cooledSales(db: DbOrTx, now: Date, limit: number): Promise<SaleRow[]> {
  return db
    .select()
    .from(sales)
    .where(and(eq(sales.status, 'cooling_off'), lte(sales.coolingOffUntil, now)))
    .orderBy(sales.coolingOffUntil)
    .limit(limit)
    .for('update', { skipLocked: true });
}
