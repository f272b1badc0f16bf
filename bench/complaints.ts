// bench/complaints (issue 7): the complaint clock's escalation job over
// 100,000 open complaints, and the complaints board's latency.
// Loads N open complaints with set-based SQL on a bench bank (customers from
// bench/support/million.ts), their deadlines spread from 10 days overdue to 6
// days ahead so that every one of them needs a reminder, a due-soon or an
// overdue escalation; then times the escalation job (first run: flags all of
// them, writing history, audit and task requests; second run: nothing to do),
// and measures GET /api/complaints (board views) through app.inject (no
// network) as branch managers and head office: one request at a time, then
// under load (`--concurrency` clients at once, each sending its next request
// when the previous one answers).
//   npm run bench:complaints [-- --driver postgres|pglite] [--customers N] [--complaints C] [--requests R]
//                            [--concurrency K]
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { complaintsDeps, escalateComplaints } from '../server/src/domains/complaints';
import { queryRows } from '../server/src/kernel/db/query';
import { type BenchDriver, benchBank, benchNow, startBenchServer } from './support/million';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'postgres' },
    customers: { type: 'string', default: '10000' },
    complaints: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '8' },
  },
});
const driver = values.driver as BenchDriver;
const complaintsN = Number(values.complaints);
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}
const fmt = (xs: number[]) =>
  `n=${xs.length} p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;

const bank = await benchBank({ driver, customers: Number(values.customers) });
const { server } = await startBenchServer(bank);
const db = bank.database.db;
const now = benchNow.toISOString();

const t0 = performance.now();
await db.execute(sql`
  with c as (select array_agg(id order by id) as ids, array_agg(home_unit_id order by id) as units,
                    array_agg(rm_id order by id) as rms, count(*)::int as total from customers)
  insert into complaints (id, reference, customer_id, channel, category, unit_id, rm_id, staff_involved, severity,
                          currency, description, status, profile, received_at, clock_start_at, extension_level,
                          due_date, due_at, acknowledged_at, created_by, created_at, updated_at)
  select 'cmp_bench' || lpad(i::text, 17, '0'), 'TSBENCH-' || i, c.ids[1 + i % c.total],
         (array['counter','phone','email','web','letter','regulator'])[1 + i % 6],
         (array['service_attitude','fees','mis_selling','card','loan','digital_channel','privacy','other'])[1 + i % 8],
         c.units[1 + i % c.total], c.rms[1 + i % c.total], '[]'::jsonb, 'medium', 'CNY', '基准测试投诉',
         (array['acknowledged','assigned','investigating','proposed'])[1 + i % 4], 'CN',
         d.due - interval '15 days', d.due - interval '15 days', 0,
         to_char(d.due at time zone 'Asia/Shanghai', 'YYYY-MM-DD'), d.due, d.due - interval '15 days', 'bench',
         ${now}::timestamptz, ${now}::timestamptz
    from generate_series(1, ${complaintsN}) as i
    cross join c
    cross join lateral (select ${now}::timestamptz + make_interval(mins => ((i * 7919) % (16 * 1440)) - 10 * 1440) as due) d`);
const loadS = (performance.now() - t0) / 1000;
const [open] = await queryRows<{ n: number }>(
  db,
  sql`select count(*)::int as n from complaints where status in ('received','acknowledged','assigned','investigating','proposed')`,
);
console.log(`bench/complaints on ${driver}: ${open?.n} open complaints loaded in ${loadS.toFixed(1)} s`);

const cd = complaintsDeps(server.deps);
const first = await escalateComplaints(cd);
console.log(
  `escalation job, first run over ${open?.n} open complaints: ${(first.ms / 1000).toFixed(2)} s ` +
    `(reminded ${first.reminded}, due soon ${first.dueSoon}, overdue ${first.overdue}; ` +
    `${Math.round(((first.reminded + first.dueSoon + first.overdue) / first.ms) * 1000)} complaints/s incl. history, audit, task requests)`,
);
const second = await escalateComplaints(cd);
console.log(`escalation job, steady-state run (nothing new due): ${second.ms.toFixed(1)} ms`);

async function login(username: string) {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: 'Banyan#demo2026' },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  return { cookie: cookies.join('; ') };
}
const bmNames = await queryRows<{ username: string }>(
  db,
  sql`select u.username from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
       where r.code = 'branch_manager' order by u.username limit 5`,
);
const hqNames = await queryRows<{ username: string }>(
  db,
  sql`select u.username from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
       where r.code = 'hq_manager' order by u.username limit 1`,
);
const bms = await Promise.all(bmNames.map((r) => login(r.username)));
const hq = hqNames[0] ? await login(hqNames[0].username) : null;

async function measure(n: number, url: (i: number) => string, headers: (i: number) => Record<string, string>) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    const res = await server.app.inject({ method: 'GET', url: url(i), headers: headers(i) });
    ms.push(performance.now() - s);
    if (res.statusCode !== 200) throw new Error(`${url(i)}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  }
  return ms;
}
/** `k` clients at once, `n` requests in all; per-request latency and the throughput. */
async function measureUnderLoad(
  n: number,
  k: number,
  url: (i: number) => string,
  headers: (i: number) => Record<string, string>,
) {
  const ms: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: k }, async () => {
      for (let i = next++; i < n; i = next++) {
        const s = performance.now();
        const res = await server.app.inject({ method: 'GET', url: url(i), headers: headers(i) });
        ms.push(performance.now() - s);
        if (res.statusCode !== 200) throw new Error(`${url(i)}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      }
    }),
  );
  return { ms, perSecond: (n / (performance.now() - started)) * 1000 };
}
const views = ['scope', 'escalated'] as const;
for (const view of views) {
  const ms = await measure(
    requests,
    () => `/api/complaints?view=${view}&limit=50`,
    (i) => bms[i % bms.length] ?? {},
  );
  console.log(`GET /api/complaints?view=${view} (branch managers, sequential): ${fmt(ms)}`);
}
if (hq) {
  const ms = await measure(
    requests,
    () => '/api/complaints?view=scope&limit=50',
    () => hq,
  );
  console.log(`GET /api/complaints?view=scope (head office, all ${open?.n} open, sequential): ${fmt(ms)}`);
}
{
  // under load: branch managers' board views and head office's, mixed, `concurrency` at once
  const users = [...bms, ...(hq ? [hq] : [])];
  const load = await measureUnderLoad(
    requests * 2,
    concurrency,
    (i) => `/api/complaints?view=${views[i % views.length]}&limit=50`,
    (i) => users[i % users.length] ?? {},
  );
  console.log(
    `GET /api/complaints board under load (${concurrency} concurrent, branch managers and head office, views scope/escalated): ` +
      `${fmt(load.ms)}, ${load.perSecond.toFixed(1)} requests/s`,
  );
}
const summary = await measure(
  20,
  () => '/api/complaints/reports/summary?from=2026-01-01&to=2026-12-31&dimension=unit',
  () => hq ?? bms[0] ?? {},
);
console.log(`GET /api/complaints/reports/summary by branch (head office): ${fmt(summary)}`);

await server.close();
await bank.close();
