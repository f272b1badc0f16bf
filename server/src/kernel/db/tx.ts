import type { Db, Tx } from './types';

/**
 * Run `fn` in one transaction: everything it writes (rows, audit records,
 * outbox events) commits together or not at all (convention 5).
 */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}
