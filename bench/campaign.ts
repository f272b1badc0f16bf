// bench/campaign (issue 8): a campaign audience build with all rules over the
// cached bank of N customers (bench/support/million.ts) on PostgreSQL:
// segment (every active customer), suitability of an R3 wealth product of the seeded catalogue
// (valid risk level >= C3, SUIT-03/05), outreach's contact filter on SMS
// (opt-out, consent, DND, caps 7d/30d; quiet hours counted as deferred), a 10%
// seeded holdout, members stored, funnel stored. Aim < 10 s at 1,000,000.
// Consents, DND, past contacts and time zones are seeded as in bench/messaging.
// Then a second campaign of about M targets (no product; a segment of
// consenting customers) is approved by a second user (maker-checker),
// started and dispatched through the real execution path: dispatchCampaign
// queues messages in bulk and hands batched send jobs over, which run
// runSendBatch (claim, contact gate again at send time, addresses, rate
// limits, the HTTP gateway adapter, status) against a local fake SMS gateway,
// J jobs at once as a worker's team would (messages/s).
//   npm run bench:campaign [-- --driver postgres|pglite] [--customers N] [--messages M (0: no send)] [--jobs J]
//     [--keep: leave the PostgreSQL work database in place (its URL is printed) to study plans]
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import {
  buildAudience,
  campaignDeps,
  createCampaign,
  dispatchCampaign,
  registerCampaignPorts,
  reviewCampaign,
  scheduleCampaign,
  startDueCampaigns,
  submitCampaign,
} from '../server/src/domains/campaigns';
import { customers } from '../server/src/domains/customers';
import {
  ensureSystemTemplate,
  liveTemplateByCode,
  runSendBatch,
  sendBatchQueue,
} from '../server/src/domains/messaging';
import { ensureCatalogue } from '../server/src/domains/products';
import { systemActor } from '../server/src/kernel/actor';
import { fixedClock } from '../server/src/kernel/clock';
import { queryRows } from '../server/src/kernel/db/query';
import { startFakeGateway } from '../server/src/test/messaging';
import { gatewayConfig, mem, seedContactPressure, timed } from './support/contacts';
import { type BenchDriver, benchBank, benchNow } from './support/million';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'postgres' },
    customers: { type: 'string', default: '1000000' },
    messages: { type: 'string', default: '100000' },
    jobs: { type: 'string', default: '4' },
    keep: { type: 'boolean', default: false },
  },
});
const driver = values.driver as BenchDriver;
const customersN = Number(values.customers);
const messagesN = Number(values.messages);
const jobsN = Number(values.jobs);
for (const [flag, v, least] of [
  ['--customers', customersN, 1],
  ['--messages', messagesN, 0],
  ['--jobs', jobsN, 1],
] as const) {
  if (!Number.isSafeInteger(v) || v < least) throw new Error(`${flag} must be a whole number >= ${least}`);
}

const tBank = await timed(() => benchBank({ driver, customers: customersN, verbose: true }));
const bank = tBank.value;
const db = bank.database.db;
const now = new Date(benchNow.getTime());
const clock = fixedClock(now);
const gateway = await startFakeGateway();
const config = gatewayConfig(gateway.url, {
  BANYAN_CAMPAIGN_SEND_PER_MINUTE: '10000',
});
// the job queue as the bench sees it: batched send jobs are collected and run below
const sendJobs: string[][] = [];
const deps = campaignDeps({
  db,
  clock,
  config,
  crypto: bank.crypto,
  jobs: {
    send: async (queue: string, data: unknown) => {
      if (queue !== sendBatchQueue) throw new Error(`unexpected job ${queue}`);
      sendJobs.push((data as { messageIds: string[] }).messageIds);
      return `job_${sendJobs.length}`;
    },
  },
});

// the product: an R3 wealth product of the seeded catalogue, gated by the products domain's own SQL
await ensureCatalogue({ db, clock });
const [r3] = await queryRows<{ id: string }>(
  db,
  sql`select id from products where effective_risk_level = 'R3' and type in ('wealth', 'fund') order by id limit 1`,
);
if (!r3) throw new Error('the seeded catalogue has no R3 wealth product');
// segmentation's side, as that domain would answer for these two segment ids
registerCampaignPorts({
  segmentMembers: async (_db, _actor, id) => {
    if (id === 'seg_all') return sql`select ${customers.id} from ${customers}`;
    // about M targets after the 10% holdout and the gate: consenting customers, not on the DND list
    if (id === 'seg_send')
      return sql`select s.customer_id from consent_state s
                  where s.purpose = 'marketing' and s.channel = 'sms' and s.status = 'granted'
                    and not exists (select 1 from contact_dnd d where d.customer_id = s.customer_id)
                  order by s.customer_id limit ${Math.ceil(messagesN * 1.19)}`;
    return null;
  },
});

const seed = await timed(() => seedContactPressure(db, now));
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
const found = await liveTemplateByCode(db, 'bench.campaign', 'sms');
if (!found) throw new Error('no template');
const template = found;
const campaign = await createCampaign(deps, systemActor, {
  name: '基准活动',
  objective: 'cross_sell',
  productId: r3.id,
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

// ---- the send: maker-checker, start, throttled dispatch, batched send jobs -------------
// (--messages 0 skips it)
if (messagesN > 0) await sendStage();
await gateway.close();
if (values.keep && driver === 'postgres') {
  console.log(`work database kept: ${bank.url}`);
  await bank.database.close();
} else await bank.close();

async function sendStage() {
  const send = await createCampaign(deps, systemActor, {
    name: '基准发送',
    objective: 'awareness',
    segmentId: 'seg_send',
    channels: ['sms'],
    templates: { sms: template.id },
    incentive: 'none',
    scheduledAt: now.toISOString(),
    holdoutPercent: 10,
    seed: 'bench-send',
    rankByPropensity: false,
  });
  const sendBuilt = await timed(() => buildAudience(deps, systemActor, send.id));
  console.log(
    `send campaign audience: ${sendBuilt.seconds.toFixed(2)} s, funnel ${JSON.stringify(sendBuilt.value.funnel)}`,
  );
  const checker = { ...systemActor, userId: 'usr_bench_checker', username: 'bench_checker', displayName: '复核人' };
  await submitCampaign(deps, systemActor, send.id);
  await reviewCampaign(deps, checker, send.id, { decision: 'approve', note: '基准复核' });
  await scheduleCampaign(deps, systemActor, send.id);
  await startDueCampaigns(deps);
  const sent = await timed(async () => {
    let dispatched = 0;
    let completed = false;
    let slices = 0;
    const runJobs = async () => {
      for (;;) {
        const batch = sendJobs.shift();
        if (!batch) return;
        await runSendBatch(deps.msg, batch);
      }
    };
    // dispatch one throttled slice a "minute" while J job runners drain the queued batches
    while (!completed) {
      const r = await dispatchCampaign(deps, send.id);
      dispatched += r.queued;
      completed = r.completed;
      slices++;
      await Promise.all(Array.from({ length: jobsN }, runJobs));
    }
    return { dispatched, slices };
  });
  const [outcome] = await queryRows<{ sent: number; deferred: number; suppressed: number; other: number }>(
    db,
    sql`select count(*) filter (where status in ('sent', 'delivered'))::int as sent,
             count(*) filter (where status = 'deferred')::int as deferred,
             count(*) filter (where status = 'suppressed')::int as suppressed,
             count(*) filter (where status not in ('sent', 'delivered', 'deferred', 'suppressed'))::int as other
        from messages where source_type = 'campaign' and source_id = ${send.id}`,
  );
  console.log(
    `campaign send: ${sent.value.dispatched.toLocaleString()} messages queued in ${sent.value.slices} throttled slices and sent ` +
      `through the fake gateway (batches of ${config.messagingSendBatch}, ${jobsN} jobs at once) in ${sent.seconds.toFixed(1)} s: ` +
      `${Math.round((outcome?.sent ?? 0) / sent.seconds)} messages/s sent — stored ${outcome?.sent.toLocaleString()} sent, ` +
      `${outcome?.deferred} deferred (quiet hours), ${outcome?.suppressed} suppressed at send time, ${outcome?.other} other; ` +
      `gateway received ${gateway.calls.length.toLocaleString()} calls for ${gateway.sent.size.toLocaleString()} distinct messages; ${mem()}`,
  );
}
