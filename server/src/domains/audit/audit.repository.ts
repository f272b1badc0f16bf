import { and, asc, desc, eq, gt, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { insertJsonRows } from '../../kernel/db/json-insert';
import { queryRows } from '../../kernel/db/query';
import { keysetAfter } from '../../kernel/pagination';
import { type AuditRow, auditLog } from './audit.tables';

// Any constant, shared by every Banyan process: appends to the chain are serialised on it.
const AUDIT_CHAIN_LOCK = 7_340_222;

/** Serialise appends until the caller's transaction ends (must run inside one). */
export async function lockChain(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
}

export async function lastLink(tx: DbOrTx): Promise<{ seq: number; hash: string } | null> {
  const rows = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertAuditRows(tx: DbOrTx, rows: AuditRow[]): Promise<void> {
  // one JSON parameter for the whole batch (recordAuditMany from jobs writes thousands)
  await insertJsonRows(tx, auditLog, rows);
}

/** The next `limit` records after `afterSeq`, in chain order (keyset). */
export async function chainBatch(db: DbOrTx, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(gt(auditLog.seq, afterSeq)).orderBy(asc(auditLog.seq)).limit(limit);
}

/** The seq of the record with this hash (only used to explain a broken chain). */
export async function seqOfHash(db: DbOrTx, hash: string): Promise<number | null> {
  const rows = await queryRows<{ seq: number }>(db, sql`select seq from audit_log where hash = ${hash} limit 1`);
  return rows[0]?.seq ?? null;
}

export type AuditFilter = {
  actorId?: string;
  action?: string;
  actionPrefix?: string;
  subjectType?: string;
  subjectId?: string;
  customerId?: string;
  requestId?: string;
  from?: Date;
  to?: Date;
};

const newestFirst = [{ column: auditLog.seq, direction: 'desc' as const }];

/** Records matching `filter`, newest first, `limit + 1` rows after the cursor's seq. */
export async function searchAuditRows(
  db: DbOrTx,
  filter: AuditFilter,
  after: number | null,
  limit: number,
): Promise<AuditRow[]> {
  const where: (SQL | undefined)[] = [
    filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.actionPrefix
      ? sql`${auditLog.action} like ${`${filter.actionPrefix.replace(/[\\%_]/g, '\\$&')}%`}`
      : undefined,
    filter.subjectType ? eq(auditLog.subjectType, filter.subjectType) : undefined,
    filter.subjectId ? eq(auditLog.subjectId, filter.subjectId) : undefined,
    filter.customerId ? eq(auditLog.customerId, filter.customerId) : undefined,
    filter.requestId ? eq(auditLog.requestId, filter.requestId) : undefined,
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.to ? lt(auditLog.at, filter.to) : undefined,
    after === null ? undefined : keysetAfter(newestFirst, [after]),
  ];
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(limit + 1);
}
