import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, type Database, runMigrations } from '../kernel/db';
import { migrationsFolder } from '../kernel/db/migrate';

/**
 * Fresh database per test file (convention 10). PGlite: a migrated snapshot
 * is made once per migrations version and loaded per file (fast). PostgreSQL
 * (TEST_DATABASE_URL, with BANYAN_TEST_DRIVER=postgres): a template database
 * is migrated once and each file gets `CREATE DATABASE ... TEMPLATE`.
 */
export type TestDriver = 'pglite' | 'postgres';

export function testDriver(): TestDriver {
  return process.env.BANYAN_TEST_DRIVER === 'postgres' ? 'postgres' : 'pglite';
}

function migrationsHash(): string {
  const h = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else h.update(f).update(fs.readFileSync(p));
    }
  };
  walk(migrationsFolder);
  return h.digest('hex').slice(0, 16);
}

async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  // Several vitest workers may want the same snapshot at once; the first makes it.
  const lock = `${file}.lock`;
  for (let i = 0; ; i++) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (i > 600) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

async function pgliteSnapshot(): Promise<Blob> {
  const file = path.join(os.tmpdir(), `banyan-test-snapshot-${migrationsHash()}.tar.gz`);
  if (!fs.existsSync(file)) {
    await withFileLock(file, async () => {
      if (fs.existsSync(file)) return;
      const db = await connect({ kind: 'pglite' });
      await runMigrations(db);
      if (!db.pglite) throw new Error('expected an embedded database');
      const dump = await db.pglite.dumpDataDir('gzip');
      fs.writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
      fs.renameSync(`${file}.tmp`, file);
      await db.close();
    });
  }
  return new Blob([fs.readFileSync(file)]);
}

function adminUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function postgresTemplate(baseUrl: string): Promise<string> {
  const base = new URL(baseUrl).pathname.replace('/', '') || 'postgres';
  const name = `banyan_tpl_${base}_${migrationsHash()}`.slice(0, 63);
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(8812345)');
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      // Build under a temporary name and rename when complete, so a crash
      // mid-migration never leaves a half-made template behind.
      const building = `${name.slice(0, 50)}_build`;
      await admin.query(`drop database if exists "${building}" with (force)`);
      await admin.query(`create database "${building}"`);
      const db = await connect({ kind: 'postgres', url: adminUrl(baseUrl, building), poolSize: 2 });
      try {
        await runMigrations(db);
      } finally {
        await db.close();
      }
      await admin.query(`alter database "${building}" rename to "${name}"`);
    }
  } finally {
    await admin.query('select pg_advisory_unlock(8812345)').catch(() => undefined);
    await admin.end();
  }
  return name;
}

export type TestDatabase = Database & { url?: string; drop(): Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDriver() === 'pglite') {
    const db = await connect({ kind: 'pglite', loadDataDir: await pgliteSnapshot() });
    return Object.assign(db, { drop: () => db.close() });
  }
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error('BANYAN_TEST_DRIVER=postgres needs TEST_DATABASE_URL');
  const template = await postgresTemplate(baseUrl);
  const name = `banyan_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const url = adminUrl(baseUrl, name);
  const db = await connect({ kind: 'postgres', url, poolSize: 4 });
  return Object.assign(db, {
    url,
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  });
}
