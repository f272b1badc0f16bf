import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './types';

/**
 * Rows of a raw SQL query, the same shape on both drivers (both return
 * `{ rows }`; Drizzle's common type leaves it unknown).
 */
export async function queryRows<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
