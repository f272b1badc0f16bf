// bench/campaign (issue 8): a campaign audience build with all rules over the
// cached bank of N customers (bench/support/million.ts) on PostgreSQL:
// segment (every active customer), suitability of an R3 wealth product
// (valid risk level >= C3, SUIT-03/05), outreach's contact filter on SMS
// (opt-out, consent, DND, caps 7d/30d; quiet hours counted as deferred), a 10%
// seeded holdout, members stored, funnel stored. Aim < 10 s at 1,000,000.
// Consents, DND, past contacts and time zones are seeded as in bench/messaging.
//   npm run bench:campaign [-- --driver postgres|pglite] [--customers N]
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/config';
import { buildAudience, campaignDeps, createCampaign, registerCampaignPorts } from '../server/src/domains/campaigns';
import { customers } from '../server/src/domains/customers';
import { ensureSystemTemplate, liveTemplateByCode } from '../server/src/domains/messaging';
import { systemActor } from '../server/src/kernel/actor';
import { fixedClock } from '../server/src/kernel/clock';
import { queryRows } from '../server/src/kernel/db/query';
import { type BenchDriver, benchBank, benchNow } from './support/million';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'postgres' },
    customers: { type: 'string', default: '1000000' },
  },
});
const driver = values.driver as BenchDriver;
const customersN = Number(values.customers);

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, seconds: (performance.now() - t0) / 1000 };
}
const mem = () => `${Math.round(process.memoryUsage().rss / 1048576)} MiB rss`;

const tBank = await timed(() => benchBank({ driver, customers: customersN, verbose: true }));
const bank = tBank.value;
const db = bank.database.db;
const now = new Date(benchNow.getTime());
const clock = fixedClock(now);
const config = loadConfig({ BANYAN_DEMO: 'false', BANYAN_JOBS: 'false', LOG_LEVEL: 'silent' });
const deps = campaignDeps({ db, clock, config, crypto: bank.crypto, jobs: { send: async () => null } });

// the products and segmentation ports, as those domains would register them
registerCampaignPorts({
  product: async (_db, id) => (id === 'prd_bench_r3' ? { id, name: '稳健理财R3', riskLevel: 3, wealth: true } : null),
  segmentMembers: async (_db, _actor, id) => (id === 'seg_all' ? sql`select ${customers.id} from ${customers}` : null),
});

const seed = await timed(async () => {
  await db.execute(sql`delete from consent_state`);
  await db.execute(sql`delete from contact_dnd`);
  await db.execute(sql`delete from contact_log`);
  await db.execute(sql`
    insert into consent_state (customer_id, purpose, channel, status, record_id, updated_at)
    select id, 'marketing', 'sms', case when abs(hashtext(id || 'w')) % 12 = 0 then 'withdrawn' else 'granted' end,
           'csr_bench', ${now}::timestamptz
      from customers where abs(hashtext(id || 'c')) % 100 < 60`);
  await db.execute(sql`
    insert into contact_dnd (customer_id, reason, until, added_by, created_at)
    select id, 'bench', null, 'bench', ${now}::timestamptz from customers where abs(hashtext(id || 'd')) % 100 = 0`);
  await db.execute(sql`
    insert into contact_log (id, customer_id, channel, source_type, source_id, occurred_at)
    select 'ctl_bench_' || g || '_' || c.id, c.id, (array['sms','email','app'])[1 + g % 3], 'bench', 'bench',
           ${now}::timestamptz - make_interval(hours => abs(hashtext(c.id || g::text)) % (30 * 24))
      from customers c cross join generate_series(1, 3) g
     where abs(hashtext(c.id || 'n' || g::text)) % 2 = 0`);
  await db.execute(sql`
    update customers set preferences = preferences || jsonb_build_object('timeZone',
      (array['America/New_York','Europe/London','Asia/Urumqi'])[1 + abs(hashtext(id || 'z')) % 3])
     where abs(hashtext(id || 'tz')) % 100 < 3`);
  await db.execute(sql`analyze`);
});
const [counts] = await queryRows<{ c: number; rated: number; consents: number }>(
  db,
  sql`select (select count(*)::int from customers) as c,
             (select count(*)::int from customers where risk_level is not null and risk_expires_at > ${now}::timestamptz) as rated,
             (select count(*)::int from consent_state) as consents`,
);
console.log(
  `bank: ${counts?.c.toLocaleString()} customers (${tBank.seconds.toFixed(1)} s to copy or build), driver ${driver}`,
);
console.log(
  `seeded ${counts?.consents.toLocaleString()} SMS marketing consents and DND, contacts, time zones in ${seed.seconds.toFixed(1)} s; ${counts?.rated.toLocaleString()} customers with a valid risk level`,
);

await ensureSystemTemplate(db, clock, {
  code: 'bench.campaign',
  name: '基准营销',
  kind: 'marketing',
  channel: 'sms',
  subjectZh: '',
  bodyZh: '【榕树银行】{{title}}，稳健理财讲座本周六开讲，详询95500。回TD退订',
  subjectEn: '',
  bodyEn: '',
});
const template = await liveTemplateByCode(db, 'bench.campaign', 'sms');
if (!template) throw new Error('no template');
const campaign = await createCampaign(deps, systemActor, {
  name: '基准活动',
  objective: 'cross_sell',
  productId: 'prd_bench_r3',
  segmentId: 'seg_all',
  channels: ['sms'],
  templates: { sms: template.id },
  incentive: 'none',
  scheduledAt: now.toISOString(),
  holdoutPercent: 10,
  seed: 'bench',
  rankByPropensity: false,
});
const built = await timed(() => buildAudience(deps, systemActor, campaign.id));
const f = built.value.funnel;
console.log(
  `audience build (segment + suitability R3 + opt-out + consent + DND + caps + quiet hours + 10% holdout, members stored): ${built.seconds.toFixed(2)} s (aim < 10 s), ${mem()}`,
);
console.log(`funnel: ${JSON.stringify(f)}`);
await bank.close();
