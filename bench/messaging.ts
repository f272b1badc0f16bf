// bench/messaging (issue 8): the contact-pressure filter and the send path.
// 1. The set-based marketing filter (consent, opt-out, DND, caps across
//    channels, quiet hours in each customer's time zone) over the cached bank
//    of N customers (bench/support/million.ts), after seeding consents for
//    ~60% of customers, DND for 1%, 1.5 contacts per customer over 30 days and
//    time zones for 3%: aim < 10 s at 1,000,000 on PostgreSQL.
// 2. Queuing and sending M messages through a local fake SMS gateway (HTTP on
//    loopback) with the real send path: claim, contact gate at send time,
//    address decryption, rate limiter, adapter, status update (messages/s).
//    `--path batch` (default) is what campaign sends and the sweep run:
//    deliverMessages over BANYAN_MESSAGING_SEND_BATCH ids a job, C jobs at
//    once; `--path single` is deliverMessage per id with C in flight.
//   npm run bench:messaging [-- --driver postgres|pglite] [--customers N] [--messages M] [--concurrency C] [--path batch|single]
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { consentDeps, gatePolicy, marketingAudienceFunnel } from '../server/src/domains/consent';
import {
  deliverMessage,
  deliverMessages,
  ensureSystemTemplate,
  liveTemplateByCode,
  messagingDeps,
} from '../server/src/domains/messaging';
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
    concurrency: { type: 'string', default: '16' },
    path: { type: 'string', default: 'batch' },
  },
});
const driver = values.driver as BenchDriver;
const customersN = Number(values.customers);
const messagesN = Number(values.messages);
const concurrency = Number(values.concurrency);
const sendPath = values.path;
if (sendPath !== 'batch' && sendPath !== 'single') throw new Error('--path must be batch or single');

const tBank = await timed(() => benchBank({ driver, customers: customersN, verbose: true }));
const bank = tBank.value;
const db = bank.database.db;
// 10:00 in Shanghai: outside quiet hours for most, inside for customers seeded in far time zones
const now = new Date(benchNow.getTime());
const clock = fixedClock(now);
const gateway = await startFakeGateway();
const config = gatewayConfig(gateway.url);
const deps = { db, clock, config, crypto: bank.crypto, jobs: { send: async () => null } };

// ---- 1. seed consents, DND, contacts, time zones (set-based, deterministic) ----------
const seed = await timed(() => seedContactPressure(db, now));
const [counts] = await queryRows<{ c: number; consents: number; dnd: number; contacts: number }>(
  db,
  sql`select (select count(*)::int from customers) as c, (select count(*)::int from consent_state) as consents,
             (select count(*)::int from contact_dnd) as dnd, (select count(*)::int from contact_log) as contacts`,
);
console.log(
  `bank: ${counts?.c.toLocaleString()} customers (${tBank.seconds.toFixed(1)} s to copy or build), driver ${driver}`,
);
console.log(
  `seeded ${counts?.consents.toLocaleString()} consents, ${counts?.dnd.toLocaleString()} DND, ${counts?.contacts.toLocaleString()} contacts in 30 days in ${seed.seconds.toFixed(1)} s`,
);

const cd = consentDeps(deps);
for (const run of [1, 2]) {
  const f = await timed(() => marketingAudienceFunnel(cd, { channel: 'sms', at: now }));
  console.log(
    `audience filter (consent+opt-out+DND+caps ${gatePolicy(cd.config).cap7d}/7d ${gatePolicy(cd.config).cap30d}/30d+quiet hours), run ${run}: ${f.seconds.toFixed(2)} s (aim < 10 s) — candidates ${f.value.candidates.toLocaleString()}, eligible ${f.value.eligible.toLocaleString()}, excluded ${JSON.stringify(f.value.excluded)}`,
  );
}

// ---- 2. queue and send M messages through the fake gateway --------------------------
const md = messagingDeps(deps);
await ensureSystemTemplate(db, clock, {
  code: 'bench.notice',
  name: '基准通知',
  kind: 'service',
  channel: 'sms',
  subjectZh: '',
  bodyZh: '【榕树银行】{{title}}，您的账户信息已更新。',
  subjectEn: '',
  bodyEn: '',
});
const template = await liveTemplateByCode(db, 'bench.notice', 'sms');
if (!template) throw new Error('no template');
await db.execute(sql`delete from messages where source_type = 'bench'`);
const q = await timed(async () => {
  // set-based queueing of M rows (a campaign's audience insert); the send path below is per message
  await db.execute(sql`
    insert into messages (id, idempotency_key, customer_id, template_id, channel, kind, language, message_subject, content_text,
                          status, attempts, not_before, source_type, source_id, created_by, created_at, updated_at)
    select 'msg_bench_' || c.id, 'bench:' || c.id, c.id, ${template.id}, 'sms', 'service', 'zh-CN', '',
           '【榕树银行】' || left(c.name, 1) || '先生/女士，您的账户信息已更新。', 'queued', 0, ${now}::timestamptz,
           'bench', 'bench', 'bench', ${now}::timestamptz, ${now}::timestamptz
      from customers c
     where c.status = 'active' and exists (select 1 from customer_contacts k where k.customer_id = c.id and k.kind = 'mobile')
     order by c.id limit ${messagesN}`);
});
const ids = (
  await queryRows<{ id: string }>(db, sql`select id from messages where source_type = 'bench' order by id`)
).map((r) => r.id);
console.log(`queued ${ids.length.toLocaleString()} messages (set-based) in ${q.seconds.toFixed(1)} s`);
let next = 0;
let done = 0;
const t0 = performance.now();
const outcomes: Record<string, number> = {};
const batchSize = sendPath === 'batch' ? config.messagingSendBatch : 1;
let reported = 0;
const s = await timed(async () => {
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const batch = ids.slice(next, next + batchSize);
        next += batchSize;
        if (batch.length === 0) return;
        if (sendPath === 'batch') {
          const r = await deliverMessages(md, batch);
          for (const o of r.outcomes.values()) outcomes[o] = (outcomes[o] ?? 0) + 1;
        } else {
          const o = await deliverMessage(md, batch[0] as string).catch(() => 'retry');
          outcomes[o] = (outcomes[o] ?? 0) + 1;
        }
        done += batch.length;
        if (done - reported >= 10_000) {
          reported = done;
          const secs = (performance.now() - t0) / 1000;
          console.log(
            `  ${done.toLocaleString()} sent in ${secs.toFixed(1)} s: ${(done / secs).toFixed(0)} messages/s so far`,
          );
        }
      }
    }),
  );
});
const [status] = await queryRows<{ sent: number; other: number }>(
  db,
  sql`select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status <> 'sent')::int as other
        from messages where source_type = 'bench'`,
);
console.log(
  `sent ${ids.length.toLocaleString()} messages through the fake gateway (${sendPath === 'batch' ? `batches of ${batchSize}, ${concurrency} at once` : `one by one, ${concurrency} in flight`}) in ${s.seconds.toFixed(1)} s: ${(ids.length / s.seconds).toFixed(0)} messages/s — outcomes ${JSON.stringify(outcomes)}; gateway received ${gateway.calls.length.toLocaleString()} calls for ${gateway.sent.size.toLocaleString()} distinct messages; stored: ${status?.sent.toLocaleString()} sent, ${status?.other} other; ${mem()}`,
);
await gateway.close();
await bank.close();
