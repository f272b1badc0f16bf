// What bench/campaign and bench/messaging share: timing, the messaging config
// pointed at a local fake SMS gateway, and the contact-pressure seeding
// (consents, DND, past contacts, far time zones) over a bench bank.
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../server/src/config';
import type { DbOrTx } from '../../server/src/kernel/db';

export async function timed<T>(f: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

export const mem = () => `${Math.round(process.memoryUsage().rss / 1048576)} MiB rss`;

/** Config for a bench run: no demo, no job workers, silent, SMS through `gatewayUrl` with rates that never throttle. */
export function gatewayConfig(gatewayUrl: string, env: Record<string, string> = {}) {
  return loadConfig({
    BANYAN_DEMO: 'false',
    BANYAN_JOBS: 'false',
    LOG_LEVEL: 'silent',
    BANYAN_SMS_GATEWAY_URL: gatewayUrl,
    BANYAN_MESSAGING_RATE_LIMITS: 'sms:500000,email:1000,wechat:1000,app:500000',
    ...env,
  });
}

/**
 * Seed contact pressure, set-based and deterministic (hashes of the customer
 * id): SMS marketing consent for ~60% of customers (1 in 12 of them withdrawn),
 * DND for 1%, 1.5 contacts per customer over the last 30 days across SMS,
 * email and app, and a far time zone for 3% (quiet hours differ there); then
 * VACUUM ANALYZE.
 */
export async function seedContactPressure(db: DbOrTx, now: Date): Promise<void> {
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
  // vacuum as well: a live bank's autovacuum has set the visibility map and hint bits of these
  // tables long before a campaign is built (freshly copied and seeded, every index-only scan of
  // contact_log fetched the heap and the first scans of customers wrote hint bits)
  await db.execute(sql`vacuum analyze`);
}
