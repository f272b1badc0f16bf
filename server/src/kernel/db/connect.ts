import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { INT8_OID, NUMERIC_OID, parseInt8 } from './int8';
import { lockDataDir } from './lock';
import * as schema from './schema';
import type { Db, DriverKind } from './types';

export type QueryResultRows = { rows: Record<string, unknown>[] };

/** A live database: Drizzle on top, plus the raw hooks the job queue needs. */
export type Database = {
  readonly kind: DriverKind;
  readonly db: Db;
  /** Raw SQL, for pg-boss and for migrations' bookkeeping. Several statements are allowed when values is empty. */
  executeSql(text: string, values?: unknown[]): Promise<QueryResultRows>;
  close(): Promise<void>;
  /** Only in embedded mode: the PGlite instance (tests snapshot it). */
  readonly pglite?: PGlite;
  readonly pool?: pg.Pool;
};

// Align int8 parsing across drivers (see int8.ts). pg's parser table is global;
// Drizzle's node-postgres session consults it for every type it does not override.
pg.types.setTypeParser(INT8_OID, parseInt8);

export type ConnectOptions =
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob | File; lock?: boolean }
  | { kind: 'postgres'; url: string; poolSize?: number; applicationName?: string };

export async function connect(opts: ConnectOptions): Promise<Database> {
  return opts.kind === 'pglite' ? connectPglite(opts) : connectPostgres(opts);
}

/** An embedded database being opened: the data-dir lock is held; `open()` finishes. */
export type OpeningPglite = { fresh: boolean; open(): Promise<Database> };

/**
 * Start opening an embedded database in `dataDir`: take the single-process
 * lock and, when the directory holds no database yet, start creating one
 * (PostgreSQL's initdb, several seconds of CPU inside PGlite) on a worker
 * thread. The caller can work on the main thread meanwhile (the server
 * generates the demo bank then) and calls `open()` when it needs the database.
 */
export async function startPglite(dataDir: string): Promise<OpeningPglite> {
  fs.mkdirSync(dataDir, { recursive: true });
  const release = await lockDataDir(dataDir);
  const dbDir = path.join(dataDir, 'pglite');
  const fresh = !fs.existsSync(dbDir);
  let created: Promise<void> | null = null;
  if (fresh) {
    created = createDataDirOnWorker(dbDir);
    // open() reports a failure; until then keep it from being unhandled
    created.catch(() => undefined);
  }
  return {
    fresh,
    async open() {
      try {
        await created;
        return await openPglite({ dataDir: dbDir, release });
      } catch (e) {
        await release();
        throw e;
      }
    },
  };
}

/**
 * initdb on a worker thread, into a temporary directory renamed into place
 * when complete (an interrupted first start never leaves a half-made
 * database behind). Hand-written because PGlite offers no off-thread initdb
 * for Node; the worker is inline code that loads the installed PGlite, so it
 * runs the same from the server bundle, tsx and the tests.
 */
async function createDataDirOnWorker(dbDir: string): Promise<void> {
  const tmp = `${dbDir}.creating`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const { PGlite } = require(workerData.pglite);
     PGlite.create({ dataDir: workerData.dir })
       .then((db) => db.close())
       .then(() => parentPort.postMessage({ ok: true }), (e) => parentPort.postMessage({ ok: false, message: String(e && e.stack || e) }));`,
    { eval: true, workerData: { pglite, dir: tmp } },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (m: { ok: boolean; message?: string }) =>
        m.ok ? resolve() : reject(new Error(`creating the embedded database failed: ${m.message}`)),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`creating the embedded database stopped (worker exit ${code})`)));
    });
  } finally {
    await worker.terminate();
  }
  fs.renameSync(tmp, dbDir);
}

async function connectPglite(opts: { dataDir?: string; loadDataDir?: Blob | File; lock?: boolean }): Promise<Database> {
  if (opts.dataDir && opts.lock !== false) return (await startPglite(opts.dataDir)).open();
  let dbDir: string | undefined;
  if (opts.dataDir) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    dbDir = path.join(opts.dataDir, 'pglite');
  }
  return openPglite({ dataDir: dbDir, loadDataDir: opts.loadDataDir });
}

async function openPglite(opts: {
  dataDir?: string;
  loadDataDir?: Blob | File;
  release?: () => Promise<void>;
}): Promise<Database> {
  const release = opts.release;
  try {
    const client = await PGlite.create({
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      extensions: { pg_trgm },
      parsers: { [INT8_OID]: parseInt8, [NUMERIC_OID]: (v: string) => v },
    });
    await client.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      pglite: client,
      async executeSql(text, values = []) {
        if (values.length === 0) {
          const results = await client.exec(text);
          return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
        }
        const r = await client.query<Record<string, unknown>>(text, values);
        return { rows: r.rows };
      },
      async close() {
        try {
          if (!client.closed) await client.close();
        } finally {
          await release?.();
        }
      },
    };
  } catch (e) {
    await release?.();
    throw e;
  }
}

async function connectPostgres(opts: { url: string; poolSize?: number; applicationName?: string }): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    application_name: opts.applicationName ?? 'banyan',
  });
  // An idle pooled connection closed by the server (restart, failover, a DBA's
  // pg_terminate_backend) is dropped by the pool and replaced on next use; the
  // event must have a listener, or Node ends the process on it.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL closed an idle connection: ${err.message}`, 'BanyanDatabaseWarning');
  });
  // Fail fast with a clear message when the server cannot be reached.
  const c = await pool.connect();
  try {
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  } finally {
    c.release();
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pool,
    async executeSql(text, values = []) {
      const r = await pool.query(text, values);
      const last = Array.isArray(r) ? r.at(-1) : r;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
    },
    close: () => pool.end(),
  };
}
