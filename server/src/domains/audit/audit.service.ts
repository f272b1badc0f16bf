import { is } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../kernel/actor';
import type { Clock } from '../../kernel/clock';
import type { DbOrTx, Tx } from '../../kernel/db';
import { kernelError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { decodeCursor, type Page, type PageQuery, toPage } from '../../kernel/pagination';
import { type ChainRecord, chainHash, genesisHash } from './audit.chain';
import { auditError } from './audit.errors';
import {
  type AuditFilter,
  chainBatch,
  insertAuditRows,
  lastLink,
  lockChain,
  searchAuditRows,
  seqOfHash,
} from './audit.repository';
import type { AuditRow } from './audit.tables';
import { redactChanges } from './redact';

export type AuditChannel = 'web' | 'api' | 'cli' | 'job' | 'system';

/** One audit record to write (AUD-02 fields). `changes`: changed field names and non-C2 values. */
export type AuditEntry = {
  actorId: string;
  actorRoles?: readonly string[];
  actorUnitId?: string | null;
  /** `<domain>.<verb>`, e.g. `customer.update` */
  action: string;
  subjectType: string;
  subjectId: string;
  customerId?: string | null;
  requestId?: string | null;
  ip?: string | null;
  channel?: AuditChannel | null;
  reason?: string | null;
  changes?: Record<string, unknown>;
};

/** The actor and request fields of an entry, from the route context. */
export function auditContext(
  actor: Actor,
  request?: Pick<FastifyRequest, 'id' | 'ip'>,
): Pick<AuditEntry, 'actorId' | 'actorRoles' | 'actorUnitId' | 'requestId' | 'ip' | 'channel'> {
  return {
    actorId: actor.userId,
    actorRoles: actor.roles,
    actorUnitId: actor.unitId,
    requestId: request?.id ?? null,
    ip: request?.ip ?? null,
    channel: actor.userId === 'system' ? 'system' : actor.tokenId ? 'api' : request ? 'web' : 'cli',
  };
}

const actionPattern = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

function toRecord(entry: AuditEntry, seq: number, at: Date): ChainRecord {
  if (!actionPattern.test(entry.action)) {
    throw auditError('audit.invalid_entry', 'audit action must look like "domain.verb"', { action: entry.action });
  }
  if (!entry.actorId || !entry.subjectType || !entry.subjectId) {
    throw auditError('audit.invalid_entry', 'audit entries need an actor and a subject');
  }
  return {
    seq,
    id: newId('audit'),
    at: at.toISOString(),
    actorId: entry.actorId,
    actorRoles: [...(entry.actorRoles ?? [])],
    actorUnitId: entry.actorUnitId ?? null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    customerId: entry.customerId ?? null,
    requestId: entry.requestId ?? null,
    ip: entry.ip ?? null,
    channel: entry.channel ?? null,
    reason: entry.reason ?? null,
    changes: redactChanges(entry.changes),
  };
}

function fromRow(row: AuditRow): ChainRecord {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorRoles: row.actorRoles,
    actorUnitId: row.actorUnitId,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    customerId: row.customerId,
    requestId: row.requestId,
    ip: row.ip,
    channel: row.channel,
    reason: row.reason,
    changes: row.changes,
  };
}

async function append(tx: DbOrTx, clock: Clock, entries: readonly AuditEntry[]): Promise<AuditRow[]> {
  await lockChain(tx);
  const last = await lastLink(tx);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? genesisHash;
  const at = clock.now();
  const rows: AuditRow[] = entries.map((entry) => {
    const record = toRecord(entry, ++seq, at);
    const hash = chainHash(prevHash, record);
    const row: AuditRow = { ...record, actorRoles: [...record.actorRoles], at, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await insertAuditRows(tx, rows);
  return rows;
}

// The advisory lock is held until the transaction ends; without a transaction
// it would be released at once (and on a pool the read and insert could run
// on different connections), so a bare database gets one of its own.
function inTx<T>(db: DbOrTx, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return is(db, PgTransaction) ? fn(db) : db.transaction((tx: Tx) => fn(tx));
}

/**
 * Append one audit record in the caller's transaction (convention 5),
 * chained to the previous one. Appends are serialised by a transaction-level
 * advisory lock, so call this late in the transaction.
 */
export async function recordAudit(
  tx: DbOrTx,
  clock: Clock,
  entry: AuditEntry,
): Promise<{ id: string; seq: number; hash: string }> {
  const [row] = await inTx(tx, (t) => append(t, clock, [entry]));
  if (!row) throw new Error('audit record not written');
  return { id: row.id, seq: row.seq, hash: row.hash };
}

/** Append several records at once (one lock, one insert), in order. */
export async function recordAuditMany(
  tx: DbOrTx,
  clock: Clock,
  entries: readonly AuditEntry[],
): Promise<{ id: string; seq: number; hash: string }[]> {
  if (entries.length === 0) return [];
  const rows = await inTx(tx, (t) => append(t, clock, entries));
  return rows.map((r) => ({ id: r.id, seq: r.seq, hash: r.hash }));
}

export type BrokenReason = 'hash_mismatch' | 'prev_hash_mismatch' | 'gap' | 'reordered';

export type VerifyResult = {
  ok: boolean;
  /** records checked, up to and including the first broken one */
  checked: number;
  /** the last record checked: compare with an external checkpoint to detect a cut tail */
  head: { seq: number; hash: string } | null;
  firstBroken?: { seq: number; id: string; reason: BrokenReason; expectedSeq?: number };
};

/** Why a record that fails its hash failed: moved from another position, or altered. */
async function diagnose(db: DbOrTx, row: AuditRow, expectedPrev: string): Promise<BrokenReason> {
  const record = fromRow(row);
  if (row.prevHash !== expectedPrev) {
    // An intact record from elsewhere in the chain: its own prev_hash names its true predecessor.
    const predecessor = row.prevHash === genesisHash ? 0 : await seqOfHash(db, row.prevHash);
    if (predecessor !== null && predecessor + 1 !== row.seq) {
      if (chainHash(row.prevHash, { ...record, seq: predecessor + 1 }) === row.hash) return 'reordered';
    }
  }
  return 'hash_mismatch';
}

/**
 * Recompute the whole chain in seq order, streaming in batches (AUD-01
 * verifier). Reports the first record that breaks it: a gap in seq (a
 * deleted record), a prev_hash that is not the previous record's hash (the
 * previous record was rewritten with a fresh hash), a hash that does not
 * match the content (a changed record), or an intact record out of place.
 */
export async function verifyAuditChain(
  db: DbOrTx,
  opts: { batchSize?: number; onProgress?: (checked: number) => void } = {},
): Promise<VerifyResult> {
  const batchSize = opts.batchSize ?? 1000;
  let expectedSeq = 1;
  let prevHash = genesisHash;
  let checked = 0;
  let head: VerifyResult['head'] = null;
  for (;;) {
    const rows = await chainBatch(db, expectedSeq - 1, batchSize);
    for (const row of rows) {
      checked++;
      const broken = (reason: BrokenReason, extra: { expectedSeq?: number } = {}): VerifyResult => ({
        ok: false,
        checked,
        head: { seq: row.seq, hash: row.hash },
        firstBroken: { seq: row.seq, id: row.id, reason, ...extra },
      });
      if (row.seq !== expectedSeq) return broken('gap', { expectedSeq });
      const selfConsistent = chainHash(row.prevHash, fromRow(row)) === row.hash;
      if (!selfConsistent) return broken(await diagnose(db, row, prevHash));
      if (row.prevHash !== prevHash) return broken('prev_hash_mismatch');
      prevHash = row.hash;
      expectedSeq++;
      head = { seq: row.seq, hash: row.hash };
    }
    opts.onProgress?.(checked);
    if (rows.length < batchSize) return { ok: true, checked, head };
  }
}

export type AuditSearch = AuditFilter & PageQuery;

/** Audit records matching the filters, newest first (keyset pagination). */
export async function searchAudit(db: DbOrTx, query: AuditSearch): Promise<Page<AuditRow>> {
  const after = query.cursor ? Number(decodeCursor(query.cursor, 1)[0]) : null;
  if (after !== null && !Number.isSafeInteger(after)) {
    throw kernelError('pagination.bad_cursor', 'The cursor does not match this list', { field: 'cursor' });
  }
  const rows = await searchAuditRows(db, query, after, query.limit);
  return toPage(rows, query.limit, (r) => [r.seq]);
}
