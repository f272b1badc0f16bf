// bench/recommend (issue 6): the nightly next-best-product batch over every
// customer of the cached bench bank (bench/support/million.ts, 1,000,000
// customers on PostgreSQL by default), then the single-customer endpoint
// GET /api/customers/:id/recommendations for RMs' own customers (aim p95 < 100 ms).
// Prints time, customers/s and rows/s for the batch, and p50/p95/p99 for the endpoint.
//   npm run bench:recommend [-- --driver postgres|pglite] [--customers N] [--requests R] [--batch B]
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { nightlyRecommendations, productsDeps } from '../server/src/domains/products';
import { refreshPeerStats } from '../server/src/domains/products/recommend.repository';
import { queryRows } from '../server/src/kernel/db/query';
import { type BenchDriver, benchBank, benchNow, startBenchServer } from './support/million';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'postgres' },
    customers: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '300' },
    batch: { type: 'string', default: '20000' },
  },
});
const driver = values.driver as BenchDriver;
const customersN = Number(values.customers);
const requests = Number(values.requests);
const batchSize = Number(values.batch);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}
const fmt = (xs: number[]) =>
  `n=${xs.length} p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;

const t0 = performance.now();
const bank = await benchBank({ driver, customers: customersN, verbose: true });
const bankSeconds = (performance.now() - t0) / 1000;
// bootstrap seeds the product catalogue on the bench bank
const { server, config, clock } = await startBenchServer(bank);
const db = bank.database.db;
const deps = productsDeps({ db, clock, config });

const [counts] = await queryRows<{ c: number; h: number; r: number }>(
  db,
  sql`select (select count(*)::int from customers where status = 'active') as c,
             (select count(*)::int from holdings where status = 'active') as h,
             (select count(*)::int from risk_assessments) as r`,
);

// ---- peer shares first (what both forms read), then the endpoint, then the batch ------
const tp = performance.now();
const peerRows = await refreshPeerStats(db, benchNow, config.recoPeerMinPercent);
const peerSeconds = (performance.now() - tp) / 1000;
process.stderr.write(`  peer shares: ${peerRows} in ${peerSeconds.toFixed(1)} s\n`);

// ---- single-customer endpoint ------------------------------------------------------
async function login(username: string) {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: 'Banyan#demo2026' },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c?.startsWith('banyan_csrf='))?.split('=')[1] ?? '';
  return { cookie: cookies.join('; '), 'x-csrf-token': csrf };
}
const sample = await queryRows<{ username: string; id: string }>(
  db,
  sql`select u.username, c.id from customers c join users u on u.id = c.rm_id
       where c.status = 'active' order by md5(c.id) limit ${requests}`,
);
const sessions = new Map<string, Record<string, string>>();
for (const s of sample) if (!sessions.has(s.username)) sessions.set(s.username, await login(s.username));
const ms: number[] = [];
let items = 0;
for (const s of sample) {
  const t = performance.now();
  const res = await server.app.inject({
    method: 'GET',
    url: `/api/customers/${s.id}/recommendations`,
    headers: sessions.get(s.username) ?? {},
  });
  ms.push(performance.now() - t);
  if (res.statusCode !== 200) throw new Error(`recommendations ${s.id}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  items += (res.json() as { items: unknown[] }).items.length;
}

process.stderr.write(`  endpoint: ${fmt(ms)}\n`);

// ---- nightly batch ---------------------------------------------------------------
let last = performance.now();
const tn = performance.now();
const run = await nightlyRecommendations(deps, {
  batchSize,
  onBatch: (done) => {
    if (done % 200_000 < batchSize) {
      const now = performance.now();
      process.stderr.write(
        `  ${done} customers (${((now - tn) / 1000).toFixed(0)} s, last batch ${((now - last) / 1000).toFixed(1)} s)\n`,
      );
    }
    last = performance.now();
  },
});
const nightlySeconds = (performance.now() - tn) / 1000;
const [dist] = await queryRows<{ with_reco: number; personal: number; non_personal: number; risky: number }>(
  db,
  sql`select count(distinct r.customer_id)::int as with_reco,
             count(*) filter (where r.basis = 'personal')::int as personal,
             count(*) filter (where r.basis = 'non_personal')::int as non_personal,
             -- SUIT-03 check on the output: a product above the customer's valid level must never appear
             count(*) filter (where p.effective_risk_level is not null and (c.risk_level is null
                   or c.risk_expires_at <= ${benchNow}::timestamptz
                   or substr(p.effective_risk_level, 2)::int > substr(c.risk_level, 2)::int))::int as risky
        from product_recommendations r join products p on p.id = r.product_id join customers c on c.id = r.customer_id`,
);

console.log(`  peer shares (tier x stage x product): ${peerRows} rows in ${peerSeconds.toFixed(1)} s`);
console.log(
  `bench/recommend on ${driver}: ${counts?.c} active customers, ${counts?.h} holdings, ${counts?.r} assessments (bank ready in ${bankSeconds.toFixed(0)} s)`,
);
console.log(
  `  nightly batch: ${nightlySeconds.toFixed(1)} s for ${run.customers} customers (${Math.round(run.customers / nightlySeconds)} customers/s), ${run.rows} recommendations written (${Math.round(run.rows / nightlySeconds)} rows/s), ${run.peerStats} peer shares, batches of ${batchSize}`,
);
console.log(
  `  output: ${dist?.with_reco} customers with at least one, ${dist?.personal} personal / ${dist?.non_personal} non-personal rows, ${dist?.risky} above the customer's valid risk level (must be 0)`,
);
console.log(
  `  GET /api/customers/:id/recommendations (RM, own customer, computed on demand, measured before the batch): ${fmt(ms)}; ${(items / Math.max(1, sample.length)).toFixed(1)} items on average`,
);
console.log(`  aim p95 < 100 ms: ${pct(ms, 95) < 100 ? 'met' : 'NOT met'}`);
await server.close();
await bank.close();
