// A bank of N generated customers for benchmarks, built once and cached:
// PostgreSQL as a template database (each bench run gets a copy, CREATE
// DATABASE ... TEMPLATE), PGlite as a data directory under bench/out (copied
// per run). Rows come from the deterministic demo generator and are loaded
// with COPY, so a million customers take minutes, not an hour.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../../server/src/config';
import { demoPassword, generateCustomers } from '../../server/src/demo/generator';
import { demoBatchRows, seedDemoOrg } from '../../server/src/demo/seed';
import { createUsers, hashParamsFrom, hashPassword } from '../../server/src/domains/access';
import { recordAudit } from '../../server/src/domains/audit';
import {
  customerContacts,
  customers,
  holdings,
  monthlyAggregates,
  riskAssessments,
} from '../../server/src/domains/customers';
import { fixedClock, localDate } from '../../server/src/kernel/clock';
import { FieldCrypto } from '../../server/src/kernel/crypto';
import { bulkLoad, connect, type Database, migrationsFolder, runMigrations } from '../../server/src/kernel/db';
import { readJournal } from '../../server/src/kernel/db/migrate';
import { root } from '../support';

export type BenchDriver = 'pglite' | 'postgres';
export type BenchBankOptions = {
  driver: BenchDriver;
  customers: number;
  /**
   * total RMs; customers are spread evenly over the RMs of their home
   * sub-branch. Default: 2,000 from 100,000 customers up (a realistic book of
   * ~500 each, and one shared cache for every bench), else the demo's 20.
   */
  rms?: number;
  seed?: number;
  /**
   * mean past (matured, repaid, closed) accounts per customer, beside the
   * demo's ~2.3 current ones (generator option pastAccounts); default 0
   */
  pastAccounts?: number;
  /** progress lines on stderr */
  verbose?: boolean;
};
export type BenchBank = {
  database: Database;
  /** PostgreSQL URL of this run's copy (postgres driver) */
  url?: string;
  /** the business date the bank was generated for */
  today: string;
  crypto: FieldCrypto;
  close(): Promise<void>;
};

/** The clock every bench bank is generated at, so cached banks stay valid whatever day the bench runs. */
export const benchNow = new Date('2026-11-30T02:00:00Z');
/** Fixed, public keys: cached banks must decrypt in every later run (never use them outside benchmarks). */
export const benchCrypto = new FieldCrypto({
  current: 'bench1',
  keys: new Map([['bench1', crypto.createHash('sha256').update('banyan-bench-encryption-key').digest()]]),
  indexKey: crypto.createHash('sha256').update('banyan-bench-blind-index-key').digest(),
});

/**
 * Cached banks are built with the migrations up to this one and brought up to
 * date by the normal migrations after each copy. Every branch shares the same
 * cache that way (later migrations only ever apply on top), and landing a new
 * domain does not force a rebuild of a million customers. Move it forward
 * when the seeding code comes to write a column a later migration added (the
 * demo org writes roles.seeded_permissions, from 0012).
 */
const baseMigration = '0012_roles_seeded_permissions';

/**
 * Version of the generated rows for the same options. Bump it when a change to
 * the demo generator or seeding changes what a bank holds, so a cache built
 * by the old code is never reused. The key names every option that shapes the
 * rows; options at their defaults and version 1 are left out of it, so the
 * banks cached before they existed stay valid.
 */
const bankVersion = 1;

function bankKey(opts: BenchBankOptions): string {
  const parts = [String(opts.customers), String(opts.rms ?? 0), String(opts.seed ?? 20261122)];
  if (opts.pastAccounts) parts.push(`p${Math.round(opts.pastAccounts * 100)}`);
  if (bankVersion !== 1) parts.push(`v${bankVersion}`);
  return [...parts, baseMigrations().hash].join('_');
}

function baseMigrations(): { folder: string; hash: string } {
  const journal = readJournal();
  const upto = journal.findIndex((e) => e.tag === baseMigration);
  if (upto < 0) throw new Error(`migration ${baseMigration} not found`);
  const entries = journal.slice(0, upto + 1);
  const h = crypto.createHash('sha256');
  for (const e of entries) h.update(fs.readFileSync(path.join(migrationsFolder, `${e.tag}.sql`)));
  const hash = h.digest('hex').slice(0, 10);
  const folder = path.join(os.tmpdir(), `banyan-bench-migrations-${hash}`);
  fs.mkdirSync(path.join(folder, 'meta'), { recursive: true });
  for (const e of entries)
    fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  const journalFile = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'));
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journalFile, entries }));
  return { folder, hash };
}

function log(opts: BenchBankOptions, msg: string) {
  if (opts.verbose !== false) process.stderr.write(`[bench bank] ${msg}\n`);
}

export function benchBaseUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

// ---- building ---------------------------------------------------------------

/** Extra RMs (rm0001...) spread over the sub-branches, and an rmId remapper for customers. */
async function addRms(
  database: Database,
  total: number,
  seedOrgUnits: Map<string, string>,
  clock = fixedClock(benchNow),
) {
  const config = loadConfig({ BANYAN_PASSWORD_HASH_MEMORY_KIB: '1024', BANYAN_PASSWORD_HASH_TIME_COST: '1' });
  const passwordHash = await hashPassword(demoPassword, hashParamsFrom(config));
  const subUnits = [...new Set(seedOrgUnits.values())];
  const byUnit = new Map<string, string[]>();
  const users = Array.from({ length: total }, (_, i) => {
    const unitId = subUnits[i % subUnits.length] as string;
    const id = `usr_bench_rm${String(i + 1).padStart(5, '0')}`;
    byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), id]);
    return {
      id,
      username: `brm${String(i + 1).padStart(5, '0')}`,
      displayName: `客户经理${i + 1}`,
      unitId,
      roleCodes: ['rm'],
      passwordHash,
    };
  });
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < users.length; i += 500) {
      await createUsers(
        tx,
        { clock, config, audit: async (t, e) => void (await recordAudit(t, clock, e)) },
        users.slice(i, i + 500),
      );
    }
  });
  return byUnit;
}

async function build(database: Database, opts: BenchBankOptions) {
  const clock = fixedClock(benchNow);
  const config = loadConfig({
    BANYAN_DEMO: 'false',
    BANYAN_PASSWORD_HASH_MEMORY_KIB: '1024',
    BANYAN_PASSWORD_HASH_TIME_COST: '1',
  });
  const deps = { database, db: database.db, clock, crypto: benchCrypto, config };
  await runMigrations(database, { folder: baseMigrations().folder });
  const seed = opts.seed ?? 20261122;
  const { org, unitIds } = await seedDemoOrg(deps, seed);
  const subBranchIds = new Map(
    org.units.filter((u) => u.kind === 'sub_branch').map((u) => [u.id as string, unitIds.get(u.id) ?? u.id]),
  );
  const rmsByUnit = opts.rms ? await addRms(database, opts.rms, subBranchIds) : null;
  const today = localDate(benchNow, config.timeZone);
  const stream = generateCustomers({ seed, customers: opts.customers, today, org, pastAccounts: opts.pastAccounts });
  const t0 = performance.now();
  let done = 0;
  let n = 0;
  for (const batch of stream.batches(10_000)) {
    const rows = demoBatchRows(deps, batch, unitIds);
    if (rmsByUnit) {
      for (const c of rows.customers) {
        const list = rmsByUnit.get(c.homeUnitId);
        if (list && c.rmId) c.rmId = list[n++ % list.length] as typeof c.rmId;
      }
    }
    await bulkLoad(database, async (copy) => {
      await copy(customers, rows.customers);
      await copy(customerContacts, rows.contacts);
      await copy(holdings, rows.holdings);
      await copy(monthlyAggregates, rows.monthly);
      await copy(riskAssessments, rows.risk);
    });
    done += batch.customers.length;
    if (done % 100_000 === 0 || done === opts.customers) {
      log(opts, `${done} customers loaded (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  }
  // statistics, and the visibility map a live bank's autovacuum keeps: without
  // it an index-only scan (the holders of a product type for segment rules)
  // visits the heap for every row of a freshly loaded bank. The rows are the
  // same, so the cache key is too (a bank cached before this relies on what
  // autovacuum did while it was loaded).
  await database.db.execute(sql`vacuum analyze`);
}

/**
 * Statistics for what the migrations after the cached base added (an index
 * on an expression has none until ANALYZE, and without them the planner
 * guesses: a bench would measure the guess, not the steady state a live bank
 * reaches once autovacuum has analysed it). Only customers, the table the
 * customer benches search; the rest was analysed when the bank was built.
 */
async function analyzeAfterMigrations(database: Database) {
  await database.db.execute(sql`analyze customers`);
}

/**
 * A fresh copy of the cached bench bank with `customers` customers. The first
 * call for a size builds the cache (minutes for a million); later calls copy it.
 */
export async function benchBank(options: BenchBankOptions): Promise<BenchBank> {
  const opts = { ...options, rms: options.rms ?? (options.customers >= 100_000 ? 2000 : undefined) };
  const key = bankKey(opts);
  const today = localDate(benchNow, 'Asia/Shanghai');
  if (opts.driver === 'postgres') {
    const base = benchBaseUrl();
    const template = `banyan_bench_${key}`.slice(0, 63);
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      // several benchmarks (or checkouts) may want the same bank at once: the
      // first builds it, the others wait on this lock and then find it built
      await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
      const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (exists.rowCount === 0) {
        const building = `${template.slice(0, 55)}_build`;
        await admin.query(`drop database if exists "${building}" with (force)`);
        await admin.query(`create database "${building}"`);
        log(opts, `building ${template} (${opts.customers} customers)`);
        const database = await connect({ kind: 'postgres', url: withDb(base, building), poolSize: 2 });
        try {
          await build(database, opts);
        } finally {
          await database.close();
        }
        await admin.query(`alter database "${building}" rename to "${template}"`);
      }
      await admin.query('select pg_advisory_unlock(hashtext($1))', [template]);
      const name = `banyan_benchrun_${crypto.randomBytes(4).toString('hex')}`;
      await admin.query(`create database "${name}" template "${template}"`);
      const url = withDb(base, name);
      const database = await connect({ kind: 'postgres', url, poolSize: 10 });
      await runMigrations(database);
      await analyzeAfterMigrations(database);
      return {
        database,
        url,
        today,
        crypto: benchCrypto,
        async close() {
          await database.close();
          const c = new pg.Client({ connectionString: base });
          await c.connect();
          await c.query(`drop database if exists "${name}" with (force)`);
          await c.end();
        },
      };
    } finally {
      await admin.end();
    }
  }
  const cacheDir = path.join(root, 'bench/out', `pglite_${key}`);
  // connect() keeps the database in <dataDir>/pglite (beside its lock), so a built cache has pglite/PG_VERSION
  if (!fs.existsSync(path.join(cacheDir, 'pglite', 'PG_VERSION'))) {
    const building = `${cacheDir}.build`;
    fs.rmSync(building, { recursive: true, force: true });
    log(opts, `building ${cacheDir} (${opts.customers} customers)`);
    const database = await connect({ kind: 'pglite', dataDir: building });
    try {
      await build(database, opts);
    } finally {
      await database.close();
    }
    // an incomplete cache left by an interrupted run goes first (rename cannot replace a directory)
    fs.rmSync(cacheDir, { recursive: true, force: true });
    fs.renameSync(building, cacheDir);
  }
  const runDir = `${cacheDir}.run-${process.pid}`;
  fs.rmSync(runDir, { recursive: true, force: true });
  execFileSync('cp', ['-a', cacheDir, runDir]);
  const database = await connect({ kind: 'pglite', dataDir: runDir });
  await runMigrations(database);
  await analyzeAfterMigrations(database);
  return {
    database,
    today,
    crypto: benchCrypto,
    async close() {
      await database.close();
      fs.rmSync(runDir, { recursive: true, force: true });
    },
  };
}

/**
 * The Banyan server every API bench drives, on a bench bank: no demo, no job
 * workers, silent logs, the bench clock and keys, and the cheap staff password
 * hashing the bench bank was built with (so logins do not re-hash). `env`
 * adds or overrides settings.
 */
export async function startBenchServer(bank: BenchBank, env: Record<string, string> = {}) {
  const { loadConfig } = await import('../../server/src/config');
  const { createLogger } = await import('../../server/src/kernel/logger');
  const { startServer } = await import('../../server/src/main');
  const config = loadConfig({
    BANYAN_DEMO: 'false',
    BANYAN_JOBS: 'false',
    LOG_LEVEL: 'silent',
    BANYAN_LOGIN_IP_MAX_PER_MINUTE: '10000',
    BANYAN_PASSWORD_HASH_MEMORY_KIB: '1024',
    BANYAN_PASSWORD_HASH_TIME_COST: '1',
    ...env,
  });
  const clock = fixedClock(benchNow);
  const server = await startServer(config, {
    database: bank.database,
    listen: false,
    crypto: bank.crypto,
    clock,
    logger: createLogger('silent'),
  });
  return { server, config, clock, db: bank.database.db };
}
