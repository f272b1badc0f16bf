import fs from 'node:fs';
import path from 'node:path';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { paths } from '../../paths';
import type { Database } from './connect';
import { runPostMigration } from './post-migrate';

export const migrationsFolder = paths.migrations;
const defaultFolder = migrationsFolder;

type JournalEntry = { idx: number; tag: string; when: number };

export function readJournal(folder = migrationsFolder): JournalEntry[] {
  const file = path.join(folder, 'meta', '_journal.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: JournalEntry[] }).entries;
}

export type MigrationStatus = { known: number; applied: number; pending: string[]; current: boolean };

/** Which migrations the database has run, from Drizzle's own bookkeeping table. */
export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  const journal = readJournal();
  // to_regclass, not information_schema: a catalog lookup instead of a view
  // over every table (a tenth of a second on PGlite, at every start and health check)
  const exists = await database.executeSql(
    "select to_regclass('drizzle.__drizzle_migrations') is not null as present",
    [],
  );
  const appliedAt = new Set<number>();
  if (exists.rows[0]?.present === true) {
    const r = await database.executeSql('select created_at from drizzle.__drizzle_migrations', []);
    for (const row of r.rows) appliedAt.add(Number(row.created_at));
  }
  const pending = journal.filter((e) => !appliedAt.has(e.when)).map((e) => e.tag);
  return { known: journal.length, applied: appliedAt.size, pending, current: pending.length === 0 };
}

const MIGRATION_LOCK_KEY = 7_340_221; // any constant; shared by every Banyan process

/**
 * Apply pending migrations. On PostgreSQL several server processes may start at
 * once behind a load balancer, so the run holds an advisory lock on a dedicated
 * connection; PGlite is single-process already (data-dir lock). Then the
 * idempotent post-migration SQL (triggers, revokes: post-migrate.ts).
 */
export async function runMigrations(database: Database, opts: { folder?: string } = {}): Promise<MigrationStatus> {
  // benchmarks build cached banks from a fixed prefix of the migrations (`folder`)
  const migrationsFolder = opts.folder ?? defaultFolder;
  if (database.kind === 'pglite') {
    // One process owns an embedded database (data-dir lock), so when nothing is
    // pending the migrator has nothing to do and a warm start skips it.
    const before = opts.folder ? null : await migrationStatus(database);
    if (!before?.current) await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    await runPostMigration((text) => database.executeSql(text));
  } else {
    const pool = database.pool;
    if (!pool) throw new Error('postgres database without a pool');
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migratePg(drizzlePg(client), { migrationsFolder });
      await runPostMigration((text) => client.query(text));
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      client.release();
    }
  }
  return migrationStatus(database);
}
