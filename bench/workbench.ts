// bench/workbench (issue 5): the RM workbench API and the engagement nightly
// jobs on a bank of N customers and 2,000 RMs (bench/support/million.ts).
// Seeds a year of contacts (75% of customers) and a dozen tasks per RM with
// set-based SQL, then measures GET /api/workbench for RMs (aim p95 < 100 ms
// on PostgreSQL), the branch-manager views, logging an interaction, and the
// nightly contact-standard, assessment-expiry, compliance and escalation jobs.
//   npm run bench:workbench [-- --driver postgres|pglite] [--customers N] [--requests R]
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import {
  assessmentExpirySweep,
  complianceReviewSweep,
  contactStandardSweep,
  engagementDeps,
  escalateOverdueTasks,
} from '../server/src/domains/engagement';
import { queryRows } from '../server/src/kernel/db/query';
import { type BenchDriver, benchBank, benchNow, startBenchServer } from './support/million';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'postgres' },
    customers: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '400' },
  },
});
const driver = values.driver as BenchDriver;
const customersN = Number(values.customers);
const requests = Number(values.requests);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}
const fmt = (xs: number[]) =>
  `n=${xs.length} p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
async function timed<T>(f: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

const tBank = await timed(() => benchBank({ driver, customers: customersN }));
const bank = tBank.value;
const { server, config } = await startBenchServer(bank);
const db = bank.database.db;
const now = benchNow;

// ---- engagement data, set-based ------------------------------------------------
const seedT = await timed(async () => {
  // deterministic pseudo-randomness from the ids, so every run seeds the same bank
  await db.execute(sql`
    insert into interactions (id, customer_id, staff_id, channel, direction, purpose, outcome, notes, occurred_at, created_at)
    select 'int_bench_' || c.id, c.id, c.rm_id,
           (array['call','visit','wechat','meeting','sms'])[1 + abs(hashtext(c.id)) % 5], 'outbound', 'service', 'completed',
           '例行联系', ${now}::timestamptz - make_interval(days => abs(hashtext(c.id || 'd')) % 330, hours => 3), ${now}
      from customers c
     where c.rm_id is not null and abs(hashtext(c.id)) % 100 < 75`);
  await db.execute(sql`
    insert into customer_last_contact (customer_id, last_contact_at, interaction_id)
    select customer_id, occurred_at, id from interactions where id like 'int_bench_%'`);
  // per RM: 2 due today, 1 overdue by 3 h, 1 overdue by 30 h (escalates), 4 follow-ups this week, 4 done last month
  await db.execute(sql`
    insert into tasks (id, customer_id, owner_id, unit_id, kind, category, title, priority, status, due_at,
                       source_domain, source_type, created_by, created_at, updated_at, completed_at, completed_by, outcome_notes)
    select 'tsk_bench_' || x.rn || '_' || x.id, x.id, x.rm_id, x.home_unit_id,
           case when x.rn between 5 and 8 then 'post_sale_follow_up' else 'manual' end,
           case when x.rn between 5 and 8 or x.rn in (11, 12) then 'follow_up' else 'task' end,
           '基准测试任务 ' || x.rn, 'normal',
           case when x.rn >= 9 then 'done' else 'open' end,
           ${now}::timestamptz + case x.rn when 1 then interval '2 hours' when 2 then interval '6 hours'
                                  when 3 then interval '-3 hours' when 4 then interval '-30 hours'
                                  when 5 then interval '1 day' when 6 then interval '2 days' when 7 then interval '3 days'
                                  when 8 then interval '5 days' else interval '-20 days' end,
           'bench', 'seed', x.rm_id, ${now}::timestamptz - interval '25 days', ${now},
           case when x.rn >= 9 then ${now}::timestamptz - interval '20 days' + case when x.rn % 2 = 0 then interval '-1 hour' else interval '1 day' end end,
           case when x.rn >= 9 then x.rm_id end,
           case when x.rn >= 9 then '已完成' end
      from (select id, rm_id, home_unit_id, row_number() over (partition by rm_id order by id) as rn
              from customers where rm_id is not null) x
     where x.rn <= 12`);
  // one in 500 customers carries the AML high-risk tag (compliance review rule)
  await db.execute(
    sql`update customers set tags = array_append(tags, 'AML高风险') where abs(hashtext(id || 'aml')) % 500 = 0`,
  );
  await db.execute(sql`analyze`);
});
const counts = (
  await queryRows<{ c: number; rms: number; i: number; t: number }>(
    db,
    sql`select (select count(*)::int from customers) as c,
               (select count(distinct rm_id)::int from customers where rm_id is not null) as rms,
               (select count(*)::int from interactions) as i,
               (select count(*)::int from tasks) as t`,
  )
)[0];

// ---- sessions --------------------------------------------------------------------
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
const rmNames = await queryRows<{ username: string; n: number }>(
  db,
  sql`select u.username, count(*)::int as n from customers c join users u on u.id = c.rm_id
       group by u.username order by md5(u.username) limit 40`,
);
const bmNames = await queryRows<{ username: string }>(
  db,
  sql`select u.username from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
       where r.code = 'branch_manager' order by u.username limit 5`,
);
const rms = await Promise.all(rmNames.map((r) => login(r.username)));
const bms = await Promise.all(bmNames.map((r) => login(r.username)));
const avgBook = rmNames.reduce((s, r) => s + r.n, 0) / Math.max(1, rmNames.length);

async function measure(n: number, url: (i: number) => string, headers: (i: number) => Record<string, string>) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await server.app.inject({ method: 'GET', url: url(i), headers: headers(i) });
    ms.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${url(i)}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  }
  return ms;
}

// ---- API latency --------------------------------------------------------------------
const authOnly = await measure(
  Math.max(20, requests / 4),
  () => '/api/auth/me',
  (i) => rms[i % rms.length] ?? {},
);
// where an RM's workbench spends its time: each of its queries alone, for one RM
const { loadActor, users } = await import('../server/src/domains/access');
const { eq } = await import('drizzle-orm');
const [rmUser] = await db
  .select()
  .from(users)
  .where(eq(users.username, rmNames[0]?.username ?? ''));
const rmActor = rmUser ? await loadActor(db, rmUser, now) : null;
const parts: Record<string, number[]> = {};
if (rmActor) {
  const { customerScope } = await import('../server/src/domains/customers');
  const policy = await import('../server/src/domains/engagement/policy.repository');
  const taskRepo = await import('../server/src/domains/engagement/task.repository');
  const wbRepo = await import('../server/src/domains/engagement/workbench.repository');
  const scope = customerScope(rmActor);
  const f = { scope, now, timeZone: config.timeZone };
  const runs: Record<string, () => Promise<unknown>> = {
    tasks: () =>
      taskRepo.firstTasks(
        db,
        { scope, ownerId: rmActor.userId, statuses: ['open', 'in_progress'], category: 'task' },
        20,
      ),
    breaches: () => policy.breaches(db, { ...f, limit: 20 }),
    expiring: () =>
      wbRepo.expiringAssessments(db, { scope, now, until: new Date(now.getTime() + 30 * 86_400_000), limit: 20 }),
    birthdays: () =>
      wbRepo.birthdays(db, {
        scope,
        monthDays: ['11-30', '12-01', '12-02', '12-03', '12-04', '12-05', '12-06'],
        limit: 50,
      }),
    portfolio: () => wbRepo.portfolio(db, scope),
    // what the workbench runs: the four customer cards from one scan of the book
    bookSummary: () =>
      wbRepo.bookSummary(db, {
        scope,
        now,
        until: new Date(now.getTime() + 30 * 86_400_000),
        monthDays: ['11-30', '12-01', '12-02', '12-03', '12-04', '12-05', '12-06'],
        timeZone: config.timeZone,
        limit: 20,
      }),
  };
  for (const [name, run] of Object.entries(runs)) {
    parts[name] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await run();
      parts[name].push(performance.now() - t0);
    }
  }
}
// each sampled RM's first workbench of the run reads their book from disk or
// the OS cache (shared_buffers holds a fraction of a 1M bank): measured apart,
// so the 400 requests below are the steady state of every RM, not a mix with
// the first visits of the RMs a shorter warm-up missed
const rmFirst = await measure(
  rms.length,
  () => '/api/workbench',
  (i) => rms[i % rms.length] ?? {},
);
const rmWorkbench = await measure(
  requests,
  () => '/api/workbench',
  (i) => rms[i % rms.length] ?? {},
);
const sample = (await server.app.inject({ method: 'GET', url: '/api/workbench', headers: rms[0] })).json();
const bmWorkbench = await measure(
  Math.max(10, requests / 10),
  () => '/api/workbench',
  (i) => bms[i % bms.length] ?? {},
);
const bmBranch = await measure(
  Math.max(10, requests / 10),
  () => '/api/workbench/branch?days=90',
  (i) => bms[i % bms.length] ?? {},
);
const rmBranch = await measure(
  Math.max(20, requests / 5),
  () => '/api/workbench/branch?days=90',
  (i) => rms[i % rms.length] ?? {},
);
const rmCustomer = (
  await queryRows<{ id: string; username: string }>(
    db,
    sql`select c.id, u.username from customers c join users u on u.id = c.rm_id where u.username = ${rmNames[0]?.username ?? ''} limit 1`,
  )
)[0];
const logMs: number[] = [];
for (let i = 0; i < Math.max(20, requests / 4); i++) {
  const t0 = performance.now();
  const res = await server.app.inject({
    method: 'POST',
    url: `/api/customers/${rmCustomer?.id}/interactions`,
    headers: rms[0],
    payload: { channel: 'call', purpose: 'service', outcome: 'completed', notes: '基准测试' },
  });
  logMs.push(performance.now() - t0);
  if (res.statusCode !== 201) throw new Error(`log: ${res.statusCode} ${res.body}`);
}

// ---- nightly jobs --------------------------------------------------------------------
const eng = engagementDeps(server.deps);
const contact1 = await timed(() => contactStandardSweep(eng));
const contact2 = await timed(() => contactStandardSweep(eng));
const expiry = await timed(() => assessmentExpirySweep(eng));
const compliance = await timed(() => complianceReviewSweep(eng));
const escalation = await timed(() => escalateOverdueTasks(eng));
const afterJobs = await measure(
  Math.max(20, requests / 4),
  () => '/api/workbench',
  (i) => rms[i % rms.length] ?? {},
);

await server.close();
await bank.close();

console.log(`bench workbench (${driver}, ${counts?.c} customers, ${counts?.rms} RMs with customers)`);
console.log(
  `  bank copy + migrate: ${tBank.seconds.toFixed(1)} s; engagement seed: ${seedT.seconds.toFixed(1)} s (${counts?.i} interactions, ${counts?.t} tasks)`,
);
console.log(
  `  RMs sampled: ${rms.length} (average book ${avgBook.toFixed(0)} customers); branch managers: ${bms.length}`,
);
console.log(`  GET /api/auth/me (session + actor only, the floor of every request): ${fmt(authOnly)}`);
console.log(`  GET /api/workbench (RM, first of the run for each RM: cold book): ${fmt(rmFirst)}`);
console.log(`  GET /api/workbench (RM): ${fmt(rmWorkbench)} (aim p95 < 100 ms on PostgreSQL)`);
for (const [name, ms] of Object.entries(parts))
  console.log(`    query ${name}, alone: p50 ${pct(ms, 50).toFixed(1)} ms, p95 ${pct(ms, 95).toFixed(1)} ms`);
console.log(
  `    one RM's answer: today ${sample.tasksToday.total}, overdue ${sample.overdue.total}, follow-ups ${sample.followUps.total}, breaches ${sample.breaches.total}, expiring ${sample.expiringAssessments.total}, birthdays ${sample.birthdays.length}, customers ${sample.portfolio.customers}`,
);
console.log(`  GET /api/workbench (RM, after the nightly jobs added tasks): ${fmt(afterJobs)}`);
console.log(`  GET /api/workbench (branch manager, whole branch): ${fmt(bmWorkbench)}`);
console.log(`  GET /api/workbench/branch (branch manager, RMs x metrics): ${fmt(bmBranch)}`);
console.log(`  GET /api/workbench/branch (RM, own figures): ${fmt(rmBranch)}`);
console.log(`  POST /api/customers/:id/interactions (log a call): ${fmt(logMs)}`);
console.log(
  `  nightly contact-standard sweep, first run: ${contact1.seconds.toFixed(1)} s, ${contact1.value.created} tasks made`,
);
console.log(
  `  nightly contact-standard sweep, next night (nothing new): ${contact2.seconds.toFixed(1)} s, ${contact2.value.created} tasks made`,
);
console.log(`  nightly assessment-expiry sweep: ${expiry.seconds.toFixed(1)} s, ${expiry.value.created} tasks made`);
console.log(
  `  nightly compliance-review sweep: ${compliance.seconds.toFixed(1)} s, ${compliance.value.created} tasks made`,
);
console.log(
  `  overdue escalation job: ${escalation.seconds.toFixed(1)} s, ${escalation.value.escalated} tasks escalated`,
);
