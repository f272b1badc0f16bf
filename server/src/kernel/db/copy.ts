import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './connect';
import * as schema from './schema';
import type { Db, Tx } from './types';

/**
 * Bulk load with COPY, the fastest way into PostgreSQL (demo bank, imports,
 * benchmark fixtures). Rows are Drizzle insert objects; every row of one call
 * must carry the same keys (absent columns take their defaults). PGlite reads
 * the CSV from a blob (`COPY ... FROM '/dev/blob'`), PostgreSQL from a stream
 * (pg-copy-streams). Inside a transaction on PostgreSQL pass that
 * transaction's client; PGlite has one connection, so COPY joins whatever
 * transaction is open on it.
 */

function pgArrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}

function csvField(v: unknown): string {
  if (v === null) return '';
  let s: string;
  if (v instanceof Date) s = v.toISOString();
  else if (Array.isArray(v)) s = pgArrayLiteral(v);
  else if (typeof v === 'object') s = JSON.stringify(v);
  else s = String(v);
  // every non-null value is quoted, so an empty string stays distinct from NULL
  return s.includes('"') ? `"${s.replaceAll('"', '""')}"` : `"${s}"`;
}

/** Options of one COPY: `into` loads the rows into another table with the same columns (a staging table). */
export type CopyOptions = { into?: string };

type Serialized = { table: Table; names: string[]; csv: string };

/** Rows serialized ahead by serializeForCopy, by the array they came from. */
const serializedRows = new WeakMap<readonly unknown[], Serialized>();

function serialize<T extends Table>(table: T, rows: readonly T['$inferInsert'][]): Serialized | null {
  const first = rows[0] as Record<string, unknown> | undefined;
  if (!first) return null;
  const cols = getTableColumns(table);
  const keys = Object.keys(cols).filter((k) => k in first);
  const names = keys.map((k) => `"${(cols[k] as { name: string }).name}"`);
  const lines = rows.map((r, i) => {
    const rec = r as Record<string, unknown>;
    // COPY cannot say DEFAULT per row: a row without a key the first row has would load NULL
    const missing = keys.filter((k) => rec[k] === undefined);
    if (missing.length > 0) throw new Error(`copy ${getTableName(table)}: row ${i} lacks ${missing.join(', ')}`);
    return keys.map((k) => csvField(rec[k])).join(',');
  });
  return { table, names, csv: `${lines.join('\n')}\n` };
}

/**
 * Serialize rows for a later COPY of this same array (unchanged meanwhile) into `table`. A
 * pipelined bulk load (the importer) does this while the previous batch is still being
 * written, so the write itself is only the database's work.
 */
export function serializeForCopy<T extends Table>(table: T, rows: readonly T['$inferInsert'][]): void {
  const s = serialize(table, rows);
  if (s) serializedRows.set(rows, s);
}

export function copyStatement<T extends Table>(
  table: T,
  rows: readonly T['$inferInsert'][],
  opts: CopyOptions = {},
): { sql: string; csv: string } | null {
  const ahead = serializedRows.get(rows);
  const s = ahead?.table === table ? ahead : serialize(table, rows);
  if (!s) return null;
  return {
    sql: `COPY "${opts.into ?? getTableName(table)}" (${s.names.join(', ')}) FROM STDIN WITH (FORMAT csv)`,
    csv: s.csv,
  };
}

export type Copier = <T extends Table>(
  table: T,
  rows: readonly T['$inferInsert'][],
  opts?: CopyOptions,
) => Promise<void>;

/** What a COPY needs of a connection inside a transaction: PGlite's transaction handle. */
type PgliteTxClient = { query(sql: string, params: unknown[], opts: { blob: Blob }): Promise<unknown> };

/**
 * Run `fn` in one transaction that bulk-loads with COPY: everything `fn`
 * copies commits together or not at all. `fn` also gets the Drizzle
 * transaction itself, for the set-based SQL that moves staged rows into place
 * and for the audit record (imports). PGlite runs the transaction on its one
 * connection; PostgreSQL on one pooled client held for the duration.
 */
export async function bulkLoad<R>(database: Database, fn: (copy: Copier, tx: Tx) => Promise<R>): Promise<R> {
  if (database.pglite) {
    return database.db.transaction(async (tx) => {
      // Drizzle's PGlite session holds PGlite's transaction handle; COPY must go
      // through it (a query on the PGlite instance would wait for this transaction)
      const client = (tx as unknown as { session?: { client?: PgliteTxClient } }).session?.client;
      if (!client || typeof client.query !== 'function') throw new Error('bulkLoad: no PGlite transaction handle');
      const copy: Copier = async (table, rows, opts) => {
        const c = copyStatement(table, rows, opts);
        if (c) await client.query(c.sql.replace('FROM STDIN', "FROM '/dev/blob'"), [], { blob: new Blob([c.csv]) });
      };
      return fn(copy, tx);
    });
  }
  const pool = database.pool;
  if (!pool) throw new Error('bulkLoad: a PostgreSQL database without a pool');
  const client = await pool.connect();
  const copy: Copier = async (table, rows, opts) => {
    const c = copyStatement(table, rows, opts);
    if (c) await pipeline(Readable.from([c.csv]), client.query(copyFrom(c.sql)));
  };
  try {
    // a Drizzle instance on this one client: its transaction and the COPYs share the connection
    return await (drizzlePg(client, { schema }) as unknown as Db).transaction((tx) => fn(copy, tx));
  } finally {
    client.release();
  }
}
