// bench/customers (issue 4): the customer archive at N generated customers
// (~5 holdings each: the demo's ~2.3 current accounts and ~2.75 past ones,
// matured or closed, as a core-banking export carries them) on one driver.
//  1. Import: N customers and their holdings as CSV files through the importer
//     (parse, check, encrypt, COPY into staging, set-based upsert) into an
//     empty database, beside raw COPY of the same rows into another empty
//     database; rows/s of each and the ratio (aim >= 0.5).
//  2. On the cached bench bank of N customers (support/million.ts): search
//     p50/p95 (name, pinyin, initials, one character, mobile, ID number, customer number; aim
//     p95 < 50 ms on PostgreSQL), the 360 API p50/p95 (aim p95 < 100 ms) and the
//     list with two filters p95 and the list by AUM p95, through the HTTP API (app.inject) as HQ.
//   npm run bench:customers [-- --driver postgres|pglite] [--customers N] [--import N] [--requests R]
//     [--skip-import] [--skip-queries] [--profile FILE.cpuprofile]
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../server/src/config';
import { generateCustomers, generateOrg } from '../server/src/demo/generator';
import { demoBatchRows } from '../server/src/demo/seed';
import { ensureAccessBootstrap, unitByCode } from '../server/src/domains/access';
import { customers, holdings, importDeps, importFile } from '../server/src/domains/customers';
import { systemActor } from '../server/src/kernel/actor';
import { fixedClock, localDate } from '../server/src/kernel/clock';
import { bulkLoad, connect, type Database, runMigrations } from '../server/src/kernel/db';
import { queryRows } from '../server/src/kernel/db/query';
import { formatMoney } from '../server/src/kernel/money';
import { root } from './support';
import { type BenchDriver, benchBank, benchBaseUrl, benchCrypto, benchNow, startBenchServer } from './support/million';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'postgres' },
    customers: { type: 'string', default: '1000000' },
    import: { type: 'string' },
    requests: { type: 'string', default: '300' },
    'skip-import': { type: 'boolean', default: false },
    'skip-queries': { type: 'boolean', default: false },
    /** write a CPU profile of the importer phase (Chrome DevTools .cpuprofile) to this file */
    profile: { type: 'string' },
  },
});
const driver = values.driver as BenchDriver;
if (driver !== 'postgres' && driver !== 'pglite') throw new Error('--driver must be postgres or pglite');
const customersN = Number(values.customers);
const importN = Number(values.import ?? values.customers);
const requests = Number(values.requests);
const seed = 20261122;
/** mean past accounts per customer (generator option), for ~5 holdings each */
const pastAccounts = 2.75;
const clock = fixedClock(benchNow);
const config = loadConfig({
  BANYAN_DEMO: 'false',
  BANYAN_JOBS: 'false',
  LOG_LEVEL: 'silent',
  BANYAN_IMPORT_BATCH_ROWS: '10000',
});
const today = localDate(benchNow, config.timeZone);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}
const fmt = (xs: number[]) =>
  `n=${xs.length} p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
const log = (m: string) => process.stderr.write(`[bench customers] ${m}\n`);
const rate = (rows: number, s: number) => `${Math.round(rows / s).toLocaleString('en')} rows/s`;

// ---- empty databases ------------------------------------------------------------

async function emptyDatabase(tag: string): Promise<{ database: Database; drop(): Promise<void> }> {
  if (driver === 'postgres') {
    const base = benchBaseUrl();
    const name = `banyan_benchimp_${tag}_${crypto.randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    const database = await connect({ kind: 'postgres', url: u.toString(), poolSize: 4 });
    await runMigrations(database);
    await ensureAccessBootstrap(database.db, clock);
    return {
      database,
      async drop() {
        await database.close();
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`drop database if exists "${name}" with (force)`);
        await c.end();
      },
    };
  }
  const dir = path.join(root, 'bench/out', `import-${tag}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const database = await connect({ kind: 'pglite', dataDir: dir });
  await runMigrations(database);
  await ensureAccessBootstrap(database.db, clock);
  return {
    database,
    async drop() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- 1. import beside raw COPY ----------------------------------------------------

const csv = (cells: readonly (string | null)[]) =>
  cells.map((c) => (c === null ? '' : /[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
const chunkRows = 250_000;

/** The N generated customers and their holdings as import files of at most 250,000 rows each. */
function importFiles(n: number) {
  const org = generateOrg(seed);
  const custFiles: Buffer[] = [];
  const holdFiles: Buffer[] = [];
  let cust: string[] = [];
  let hold: string[] = [];
  const custHeader =
    'customerNo,name,kind,idType,idNumber,gender,birthDate,occupation,education,incomeBand,tags,onboardedOn';
  const holdHeader =
    'externalId,customerNo,productType,productName,accountNo,balance,currency,openedOn,maturityOn,status';
  let holdings = 0;
  // The generator can draw the same resident ID twice in a million; the
  // importer rightly rejects the second one, so such customers (and their
  // holdings) are left out of both the files and the raw COPY.
  const ids = new Set<string>();
  const skipped = new Set<string>();
  for (const b of generateCustomers({ seed, customers: n, today, org, pastAccounts }).batches(10_000)) {
    const noOf = new Map(b.customers.map((c) => [c.id, c.customerNo]));
    for (const c of b.customers) {
      if (ids.has(c.idNumber)) {
        skipped.add(c.id);
        continue;
      }
      ids.add(c.idNumber);
      cust.push(
        csv([
          c.customerNo,
          c.name,
          c.kind,
          c.idType,
          c.idNumber,
          c.gender,
          c.birthDate,
          c.occupation,
          c.education,
          c.incomeBand,
          c.tags.join(';'),
          c.onboardedAt,
        ]),
      );
      if (cust.length === chunkRows) {
        custFiles.push(Buffer.from(`${custHeader}\n${cust.join('\n')}\n`));
        cust = [];
      }
    }
    for (const h of b.holdings) {
      if (skipped.has(h.customerId)) continue;
      holdings++;
      hold.push(
        csv([
          `DEMO-${h.id}`,
          noOf.get(h.customerId) ?? '',
          h.productType,
          h.productName,
          h.accountNo,
          formatMoney({ amount: h.balance, currency: 'CNY' }),
          h.currency,
          h.openedAt,
          h.maturityDate,
          h.status,
        ]),
      );
      if (hold.length === chunkRows) {
        holdFiles.push(Buffer.from(`${holdHeader}\n${hold.join('\n')}\n`));
        hold = [];
      }
    }
  }
  if (cust.length > 0) custFiles.push(Buffer.from(`${custHeader}\n${cust.join('\n')}\n`));
  if (hold.length > 0) holdFiles.push(Buffer.from(`${holdHeader}\n${hold.join('\n')}\n`));
  return { custFiles, holdFiles, holdings, customers: n - skipped.size, skipped };
}

async function importBench() {
  log(`generating ${importN} customers as import files`);
  const files = importFiles(importN);
  const target = await emptyDatabase('import');
  const deps = importDeps({ db: target.database.db, database: target.database, clock, crypto: benchCrypto, config });
  const hq = (await unitByCode(target.database.db, 'HQ'))?.id ?? '';
  let s = 0;
  const profiler = values.profile ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const t0 = performance.now();
  for (const [kind, list] of [
    ['customers', files.custFiles],
    ['holdings', files.holdFiles],
  ] as const) {
    for (const data of list) {
      const r = await importFile(deps, systemActor, {
        kind,
        data,
        fileName: `${kind}.csv`,
        dryRun: false,
        defaultUnitId: hq,
        runId: 'imp_bench',
      });
      if (r.rejectedRows > 0)
        throw new Error(`${kind}: ${r.rejectedRows} rejected: ${JSON.stringify(r.problems.slice(0, 3))}`);
      s += r.inserted;
    }
    log(`${kind} imported (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const importSeconds = (performance.now() - t0) / 1000;
  if (profiler && values.profile) {
    const { profile } = await profiler.post('Profiler.stop');
    fs.writeFileSync(values.profile, JSON.stringify(profile));
    profiler.disconnect();
    log(`importer CPU profile written to ${values.profile}`);
  }
  const rows = files.customers + files.holdings;
  if (s !== rows) throw new Error(`imported ${s} rows, expected ${rows}`);
  await target.drop();

  // raw COPY of the same rows (prepared beforehand; only the COPY is timed)
  const rawDb = await emptyDatabase('raw');
  const rawHq = (await unitByCode(rawDb.database.db, 'HQ'))?.id ?? '';
  let copySeconds = 0;
  const org = generateOrg(seed);
  for (const b of generateCustomers({ seed, customers: importN, today, org, pastAccounts }).batches(10_000)) {
    const r = demoBatchRows({ clock, crypto: benchCrypto, config }, b, new Map());
    const cs = r.customers
      .filter((c) => !files.skipped.has(c.id ?? ''))
      .map((c) => ({ ...c, homeUnitId: rawHq, rmId: null, riskLevel: null, riskExpiresAt: null }));
    const hs = r.holdings.filter((h) => !files.skipped.has(h.customerId));
    const t = performance.now();
    await bulkLoad(rawDb.database, async (copy) => {
      await copy(customers, cs);
      await copy(holdings, hs);
    });
    copySeconds += (performance.now() - t) / 1000;
  }
  await rawDb.drop();
  console.log(
    `import (${driver}): ${files.customers} customers + ${files.holdings} holdings = ${rows} rows (${files.skipped.size} generated customers left out: duplicate ID number)`,
  );
  console.log(`  importer: ${importSeconds.toFixed(1)} s, ${rate(rows, importSeconds)}`);
  console.log(`  raw COPY: ${copySeconds.toFixed(1)} s, ${rate(rows, copySeconds)}`);
  console.log(`  ratio importer / raw COPY: ${(rows / importSeconds / (rows / copySeconds)).toFixed(2)} (aim >= 0.5)`);
}

// ---- 2. search, 360 and list on the bench bank ---------------------------------------

async function queryBench() {
  const t0 = performance.now();
  const bank = await benchBank({ driver, customers: customersN, pastAccounts });
  log(`bench bank ready in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const { server } = await startBenchServer(bank);
  const db = bank.database.db;
  const [hq] = await queryRows<{ username: string }>(
    db,
    sql`select u.username from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
         where r.code = 'hq_manager' order by u.username limit 1`,
  );
  const login = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: hq?.username, password: 'Banyan#demo2026' },
  });
  if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
  const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  const headers = { cookie: cookies.join('; ') };
  const sample = await queryRows<{
    id: string;
    customer_no: string;
    name: string;
    name_pinyin: string;
    name_initials: string;
    id_number_enc: string;
    mobile_enc: string | null;
  }>(
    db,
    sql`select c.id, c.customer_no, c.name, c.name_pinyin, c.name_initials, c.id_number_enc,
               (select value_enc from customer_contacts k where k.customer_id = c.id and k.kind = 'mobile' limit 1) as mobile_enc
          from customers c where c.kind = 'individual' order by md5(c.id) limit ${Math.ceil(requests / 7)}`,
  );
  const get = async (url: string) => {
    const t = performance.now();
    const res = await server.app.inject({ method: 'GET', url, headers });
    const ms = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    return { ms, res };
  };
  const q = (s: string) => `/api/customers?q=${encodeURIComponent(s)}&limit=20`;
  const searches: Record<string, number[]> = {
    name: [],
    pinyin: [],
    initials: [],
    oneCharacter: [],
    mobile: [],
    idNumber: [],
    customerNo: [],
  };
  let idHits = 0;
  for (const c of sample) {
    searches.name?.push((await get(q(c.name))).ms);
    searches.pinyin?.push((await get(q(c.name_pinyin))).ms);
    searches.initials?.push((await get(q(c.name_initials))).ms);
    // one Chinese character (a surname such as 张 starts some 7% of names): name order, first page
    searches.oneCharacter?.push((await get(q(c.name.slice(0, 1)))).ms);
    if (c.mobile_enc) searches.mobile?.push((await get(q(bank.crypto.decrypt('contact.value', c.mobile_enc)))).ms);
    const r = await get(q(bank.crypto.decrypt('customer.id_number', c.id_number_enc)));
    searches.idNumber?.push(r.ms);
    if ((r.res.json() as { items: { id: string }[] }).items.some((i) => i.id === c.id)) idHits++;
    searches.customerNo?.push((await get(q(c.customer_no))).ms);
  }
  const all = Object.values(searches).flat();
  const view360: number[] = [];
  for (const c of sample) view360.push((await get(`/api/customers/${c.id}`)).ms);
  const list2: number[] = [];
  const tiers = ['mass', 'vip', 'wealth', 'private_banking'];
  for (let i = 0; i < sample.length; i++) {
    list2.push((await get(`/api/customers?tier=${tiers[i % 4]}&riskLevel=C${1 + (i % 5)}&limit=50`)).ms);
  }
  // highest AUM first (customer_aum_order, migration 0016), within a tier, and within an AUM range of 1-10 million yuan
  const listAum: number[] = [];
  for (let i = 0; i < sample.length; i++) {
    const filter = i % 2 === 0 ? `tier=${tiers[i % 4]}` : 'aumMin=100000000&aumMax=1000000000';
    listAum.push((await get(`/api/customers?sort=aum&${filter}&limit=50`)).ms);
  }
  const [n] = await queryRows<{ c: number; h: number }>(
    db,
    sql`select (select count(*)::int from customers) as c, (select count(*)::int from holdings) as h`,
  );
  console.log(
    `queries (${driver}) on ${n?.c} customers, ${n?.h} holdings (${((n?.h ?? 0) / (n?.c || 1)).toFixed(1)} per customer):`,
  );
  for (const [k, xs] of Object.entries(searches)) console.log(`  search by ${k}: ${fmt(xs)}`);
  console.log(
    `  search, all kinds: ${fmt(all)} (aim p95 < 50 ms on PostgreSQL); ID search found the customer ${idHits}/${sample.length}`,
  );
  console.log(`  360 API GET /api/customers/:id: ${fmt(view360)} (aim p95 < 100 ms)`);
  console.log(`  list with two filters (tier + risk level): ${fmt(list2)}`);
  console.log(`  list by AUM, highest first (a tier, or an AUM range): ${fmt(listAum)}`);
  await server.close();
  await bank.close();
}

if (!values['skip-import']) await importBench();
if (!values['skip-queries']) await queryBench();
