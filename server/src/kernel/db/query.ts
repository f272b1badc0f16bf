import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from './types';

/**
 * Rows of a raw SQL query, the same shape on both drivers (both return
 * `{ rows }`; Drizzle's common type leaves it unknown).
 */
export async function queryRows<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Give the rest of the caller's transaction (or savepoint) `mb` MB of
 * work_mem (SET LOCAL), for a statement that hashes or sorts over all
 * customers; the connection's own setting is back after the transaction.
 */
export async function setLocalWorkMem(tx: DbOrTx, mb: number): Promise<void> {
  if (!Number.isSafeInteger(mb) || mb < 1) throw new Error(`work_mem: ${mb} is not a whole number of MB`);
  await tx.execute(sql.raw(`set local work_mem = '${mb}MB'`));
}

/**
 * Turn JIT off for the rest of the caller's transaction (or savepoint) (SET LOCAL): for the
 * set-based statements over many customers whose estimated cost crosses the JIT thresholds
 * while compiling takes longer than it saves (each caller says what it measured).
 */
export async function setLocalNoJit(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`set local jit = off`);
}
