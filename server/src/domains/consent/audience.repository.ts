import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../kernel/db';
import type { ConsentChannel } from './consent.tables';
import type { GatePolicy } from './contact-gate';

/** The rules of the set-based marketing filter, in the order a customer is excluded by the first that fails. */
export const audienceRules = ['opt_out', 'no_consent', 'dnd', 'cap_7d', 'cap_30d', 'quiet_hours'] as const;
export type AudienceRule = (typeof audienceRules)[number];

export type AudienceFilter = {
  channel: ConsentChannel;
  /** the moment the sends would go out (quiet hours and caps are judged then) */
  at: Date;
  policy: GatePolicy;
  /** a subquery selecting candidate customer ids (a segment); default every active customer */
  candidates?: SQL;
};

export type AudienceFunnel = { candidates: number; eligible: number; excluded: Record<AudienceRule, number> };

/**
 * One row per candidate with the first rule that excludes it (null: eligible).
 * The same rules as `evaluateContact` for marketing, as one SQL statement so an
 * audience of millions is judged by the database, not row by row in Node.
 */
export function judgedAudience(f: AudienceFilter): SQL {
  const at = f.at.toISOString();
  const p = f.policy;
  const localMinute = sql`(extract(hour from (${at}::timestamptz at time zone b.tz)) * 60 + extract(minute from (${at}::timestamptz at time zone b.tz)))`;
  const quiet =
    p.quietStartMinute === p.quietEndMinute
      ? sql`false`
      : p.quietStartMinute > p.quietEndMinute
        ? sql`(${localMinute} >= ${p.quietStartMinute} or ${localMinute} < ${p.quietEndMinute})`
        : sql`(${localMinute} >= ${p.quietStartMinute} and ${localMinute} < ${p.quietEndMinute})`;
  const candidates = f.candidates ? sql`and c.id in (${f.candidates})` : sql``;
  return sql`
    with tzs as (select name from pg_timezone_names),
    base as (
      select c.id, coalesce(tzs.name, ${p.timeZone}) as tz, c.preferences
      from customers c left join tzs on tzs.name = c.preferences->>'timeZone'
      where c.status = 'active' ${candidates}
    ),
    recent as (
      select customer_id,
        count(*) filter (where occurred_at > ${at}::timestamptz - interval '7 days') as c7,
        count(*) as c30
      from contact_log
      where occurred_at > ${at}::timestamptz - interval '30 days' and occurred_at <= ${at}::timestamptz
        and customer_id in (select id from base)
      group by customer_id
    )
    select b.id,
      case
        when cs.status = 'withdrawn' then 'opt_out'
        when cs.status is distinct from 'granted' then 'no_consent'
        when d.customer_id is not null or b.preferences->>'doNotContact' = 'true' then 'dnd'
        when coalesce(r.c7, 0) >= ${p.cap7d} then 'cap_7d'
        when coalesce(r.c30, 0) >= ${p.cap30d} then 'cap_30d'
        when ${quiet} then 'quiet_hours'
      end as reason
    from base b
    left join consent_state cs on cs.customer_id = b.id and cs.purpose = 'marketing' and cs.channel = ${f.channel}
    left join contact_dnd d on d.customer_id = b.id and (d.until is null or d.until > ${at}::timestamptz)
    left join recent r on r.customer_id = b.id`;
}

/** How many candidates each rule excludes, and how many remain (the exclusion funnel of an audience build). */
export async function audienceFunnel(db: DbOrTx, f: AudienceFilter): Promise<AudienceFunnel> {
  const rows = await queryRows<ReasonCount>(
    db,
    sql`select reason, count(*) as n from (${judgedAudience(f)}) j group by reason`,
  );
  return funnelOf(rows);
}

/** Candidates counted by the first rule that excludes them (reason null: eligible). */
export type ReasonCount = { reason: AudienceRule | null; n: string | number };

/** The exclusion funnel of `judgedAudience` rows counted by reason. */
export function funnelOf(rows: readonly ReasonCount[]): AudienceFunnel {
  const excluded = Object.fromEntries(audienceRules.map((r) => [r, 0])) as Record<AudienceRule, number>;
  let candidates = 0;
  let eligible = 0;
  for (const row of rows) {
    const n = Number(row.n);
    candidates += n;
    if (row.reason === null) eligible += n;
    else excluded[row.reason] = n;
  }
  return { candidates, eligible, excluded };
}

/** The ids of the eligible customers, as a subquery a campaign can insert from. */
export function eligibleAudience(f: AudienceFilter): SQL {
  return sql`select id from (${judgedAudience(f)}) j where reason is null`;
}

/** The eligible customer ids (small audiences, tests). */
export async function eligibleCustomerIds(db: DbOrTx, f: AudienceFilter): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, sql`${eligibleAudience(f)} order by id`);
  return rows.map((r) => r.id);
}
