import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { customers, holdings, monthlyAggregates } from '../customers';
import { addDaysToDate, addMonthsToDate, monthOf } from './dates';
import type { SegmentationConfig } from './segmentation.deps';
import { customerSegmentation, customerStageHistory, customerTierHistory } from './segmentation.tables';

export type RecomputeTrigger = 'nightly' | 'holdings_changed' | 'customer_created' | 'manual';
export type RecomputeCounts = { scanned: number; tierChanges: number; stageChanges: number };

type Rules = Pick<
  SegmentationConfig,
  | 'tierThresholds'
  | 'lifecycleNewDays'
  | 'lifecycleDormantMonths'
  | 'lifecycleChurnedMonths'
  | 'lifecycleChurnedAumMax'
  | 'lifecycleTrendMonths'
  | 'lifecycleAtRiskOutflowPct'
  | 'lifecycleLoyalMonths'
  | 'lifecycleLoyalProducts'
  | 'lifecycleWonBackMonths'
>;

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** CASE expression of the value tier (highest threshold first; below the last: mass). */
function tierCase(rules: Rules): { tier: SQL; reason: SQL } {
  const whens = rules.tierThresholds.map((t) => sql`when b.aum >= ${t.minAum}::bigint then ${t.tier}`);
  const reasons = rules.tierThresholds.map(
    (t) => sql`when b.aum >= ${t.minAum}::bigint then ${`aum >= ${t.minAum} (${t.tier})`}`,
  );
  const lowest = rules.tierThresholds.at(-1)?.minAum ?? 0;
  return {
    tier: sql`case ${sql.join(whens, sql` `)} else 'mass' end`,
    reason: sql`case ${sql.join(reasons, sql` `)} else ${`aum < ${lowest} (mass)`} end`,
  };
}

/**
 * CASE expression of the lifecycle stage, first matching rule wins, as
 * `stage:reason` (docs/domains/segmentation.md lists the rules):
 * closed -> churned; no product and never a transaction -> prospect; no
 * transaction for more than the churned months with little AUM -> churned;
 * for more than the dormant months -> dormant; dormant or churned before and
 * active again -> won_back (for the won-back months); first days -> new;
 * heavy net outflow over the trend window -> at_risk; long tenure with enough
 * products -> loyal; else growing.
 */
function stageCase(rules: Rules, today: string, now: Date): SQL {
  const lastActive = sql`coalesce(b.last_active, to_char(b.onboarded_on, 'YYYY-MM'))`;
  const wonBackSince = new Date(
    `${addMonthsToDate(now.toISOString().slice(0, 10), -rules.lifecycleWonBackMonths)}T${now.toISOString().slice(11)}`,
  );
  return sql`case
    when b.status = 'closed' then 'churned:closed'
    when b.products = 0 and b.last_active is null and b.aum = 0 then 'prospect:no_products'
    when ${lastActive} < ${monthOf(today, -rules.lifecycleChurnedMonths)} and b.aum <= ${rules.lifecycleChurnedAumMax}::bigint then 'churned:no_activity'
    when ${lastActive} < ${monthOf(today, -rules.lifecycleDormantMonths)} then 'dormant:no_activity'
    when b.lifecycle_stage in ('dormant', 'churned') then 'won_back:reactivated'
    when b.lifecycle_stage = 'won_back' and b.stage_since > ${wonBackSince.toISOString()}::timestamptz then 'won_back:reactivated'
    when b.onboarded_on > ${addDaysToDate(today, -rules.lifecycleNewDays)}::date then 'new:tenure_new'
    when b.net_flow < 0 and -b.net_flow * 100 >= ${rules.lifecycleAtRiskOutflowPct}::bigint * (b.aum - b.net_flow) then 'at_risk:outflow'
    when b.onboarded_on <= ${addMonthsToDate(today, -rules.lifecycleLoyalMonths)}::date and b.products >= ${rules.lifecycleLoyalProducts} then 'loyal:tenure_products'
    else 'growing:active'
  end`;
}

/**
 * Which customers a recompute covers, as a condition on a customer-id column:
 * applied to the customers, and to the holdings and monthly aggregates
 * directly, so each is read once as a range of its customer index.
 */
export type CustomerIds = (column: SQL) => SQL;

/**
 * Recompute value tier and lifecycle stage of the customers `ids` selects,
 * set-based in one statement: the active products and the activity and net
 * flow of the monthly aggregates are grouped once over the covered customers
 * (no lookup per customer), changed customers are updated, every change is
 * written to the tier or stage history with its reason, and the stage's
 * start is kept for won-back.
 */
export async function recomputeWhere(
  db: DbOrTx,
  rules: Rules,
  at: { today: string; now: Date; trigger: RecomputeTrigger },
  ids: CustomerIds,
): Promise<RecomputeCounts> {
  const { today, now, trigger } = at;
  const ts = sql`${now.toISOString()}::timestamptz`;
  const tier = tierCase(rules);
  const trendFrom = monthOf(today, -rules.lifecycleTrendMonths);
  const trendTo = monthOf(today, -1);
  const result = await db.execute(sql`
    with hp as (
      select h.customer_id, count(*) as products from ${holdings} h
      where h.status = 'active' and ${ids(sql`h.customer_id`)}
      group by h.customer_id
    ),
    ma as (
      select a.customer_id,
        max(a.month) filter (where a.tx_count > 0) as last_active,
        sum(a.inflow - a.outflow) filter (where a.month >= ${trendFrom} and a.month <= ${trendTo}) as net_flow
      from ${monthlyAggregates} a
      where ${ids(sql`a.customer_id`)}
      group by a.customer_id
    ),
    b as (
      select c.id, c.tier, c.lifecycle_stage, c.aum, c.status, c.onboarded_on, s.stage_since, s.tier_since,
        (s.customer_id is not null) as has_state,
        coalesce(hp.products, 0) as products, ma.last_active, coalesce(ma.net_flow, 0) as net_flow
      from ${customers} c
      left join ${customerSegmentation} s on s.customer_id = c.id
      left join hp on hp.customer_id = c.id
      left join ma on ma.customer_id = c.id
      where c.status <> 'merged' and ${ids(sql`c.id`)}
    ),
    calc as (
      select b.*, ${tier.tier} as new_tier, ${tier.reason} as tier_reason, ${stageCase(rules, today, now)} as stage_rule from b
    ),
    x as (
      select calc.*, split_part(stage_rule, ':', 1) as new_stage, split_part(stage_rule, ':', 2) as stage_reason
      from calc
    ),
    changed as (
      select * from x where new_tier <> tier or new_stage <> lifecycle_stage or not has_state
    ),
    upd as (
      update ${customers} c set tier = ch.new_tier, lifecycle_stage = ch.new_stage
      from changed ch where c.id = ch.id and (ch.new_tier <> ch.tier or ch.new_stage <> ch.lifecycle_stage)
      returning c.id
    ),
    th as (
      insert into ${customerTierHistory} (customer_id, from_tier, to_tier, aum, trigger, reason, changed_at)
      select id, tier, new_tier, aum, ${trigger}, tier_reason, ${ts} from changed where new_tier <> tier
      returning 1
    ),
    sh as (
      insert into ${customerStageHistory} (customer_id, from_stage, to_stage, trigger, reason, changed_at)
      select id, lifecycle_stage, new_stage, ${trigger}, stage_reason, ${ts} from changed where new_stage <> lifecycle_stage
      returning 1
    ),
    st as (
      insert into ${customerSegmentation} (customer_id, stage_since, tier_since)
      select id,
        case when new_stage <> lifecycle_stage or stage_since is null then ${ts} else stage_since end,
        case when new_tier <> tier or tier_since is null then ${ts} else tier_since end
      from changed
      on conflict (customer_id) do update set stage_since = excluded.stage_since, tier_since = excluded.tier_since
      returning 1
    )
    select (select count(*) from b) as scanned, (select count(*) from th) as tiers, (select count(*) from sh) as stages,
      (select count(*) from upd) as updated, (select count(*) from st) as states`);
  const r = rows<{ scanned: string | number; tiers: string | number; stages: string | number }>(result)[0];
  return { scanned: Number(r?.scanned ?? 0), tierChanges: Number(r?.tiers ?? 0), stageChanges: Number(r?.stages ?? 0) };
}

/** The id closing the next batch of `size` customers after `after` (keyset over the primary key), or null at the end. */
export async function batchEnd(db: DbOrTx, after: string | null, size: number): Promise<string | null> {
  const result = await db.execute(sql`
    select max(id) as upto from (
      select ${customers.id} as id from ${customers}
      where ${after === null ? sql`true` : sql`${customers.id} > ${after}`}
      order by ${customers.id} limit ${size}
    ) t`);
  return rows<{ upto: string | null }>(result)[0]?.upto ?? null;
}

/** The customers of one nightly batch: ids after `after` up to `upto`. */
export function idRange(after: string | null, upto: string): CustomerIds {
  return (col) => (after === null ? sql`${col} <= ${upto}` : sql`${col} > ${after} and ${col} <= ${upto}`);
}

export function idList(ids: readonly string[]): CustomerIds {
  return (col) =>
    sql`${col} = any(array[${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}]::text[])`;
}

/**
 * RFM scores of every active customer from the monthly transaction
 * aggregates of the window: recency (months since the last month with a
 * transaction), frequency (transactions), monetary (inflow + outflow, fen).
 * Among customers with a transaction in the window each input becomes a
 * quintile score 1..5 (5 best): the fifth of the share of customers doing no
 * better (cume_dist), so equal inputs always get equal scores and a tie
 * shares the higher one; a customer without a transaction in the window
 * scores 1 on all three. Only changed rows are written.
 */
export async function recomputeRfm(
  db: DbOrTx,
  at: { today: string; now: Date; windowMonths: number },
): Promise<{ scored: number; changed: number }> {
  const from = monthOf(at.today, -(at.windowMonths - 1));
  const to = monthOf(at.today);
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const result = await db.execute(sql`
    with win as (
      select a.customer_id,
        max(a.month) filter (where a.tx_count > 0) as last_month,
        sum(a.tx_count) as freq,
        sum(a.inflow + a.outflow) as monetary
      from ${monthlyAggregates} a
      where a.month >= ${from} and a.month <= ${to}
      group by a.customer_id
    ),
    agg as (
      select c.id, w.last_month, coalesce(w.freq, 0)::bigint as freq, coalesce(w.monetary, 0)::bigint as monetary
      from ${customers} c left join win w on w.customer_id = c.id
      where c.status = 'active'
    ),
    ranked as (
      select id, last_month, freq, monetary,
        case when last_month is null then 1 else ceil(5 * cume_dist() over (partition by last_month is null order by last_month)) end as r,
        case when last_month is null then 1 else ceil(5 * cume_dist() over (partition by last_month is null order by freq)) end as f,
        case when last_month is null then 1 else ceil(5 * cume_dist() over (partition by last_month is null order by monetary)) end as m
      from agg
    ),
    scored as (
      select id, r, f, m,
        case when last_month is null then null
          else ${ty * 12 + tm} - (substr(last_month, 1, 4)::int * 12 + substr(last_month, 6, 2)::int) end as recency,
        least(freq, 2147483647)::int as freq, monetary
      from ranked
    ),
    up as (
      insert into ${customerSegmentation} (customer_id, rfm_r, rfm_f, rfm_m, recency_months, frequency, monetary, rfm_at)
      select n.id, n.r, n.f, n.m, n.recency, n.freq, n.monetary, ${at.now.toISOString()}::timestamptz
      from scored n left join ${customerSegmentation} o on o.customer_id = n.id
      -- only new or changed scores reach the insert (an unchanged row costs no conflict check)
      where o.customer_id is null
        or (o.rfm_r, o.rfm_f, o.rfm_m, o.recency_months, o.frequency, o.monetary)
          is distinct from (n.r, n.f, n.m, n.recency, n.freq, n.monetary)
      on conflict (customer_id) do update set rfm_r = excluded.rfm_r, rfm_f = excluded.rfm_f, rfm_m = excluded.rfm_m,
        recency_months = excluded.recency_months, frequency = excluded.frequency, monetary = excluded.monetary,
        rfm_at = excluded.rfm_at
      where (${customerSegmentation.rfmR}, ${customerSegmentation.rfmF}, ${customerSegmentation.rfmM},
          ${customerSegmentation.recencyMonths}, ${customerSegmentation.frequency}, ${customerSegmentation.monetary})
        is distinct from (excluded.rfm_r, excluded.rfm_f, excluded.rfm_m, excluded.recency_months, excluded.frequency, excluded.monetary)
      returning 1
    )
    select (select count(*) from agg) as scored, (select count(*) from up) as changed`);
  const r = rows<{ scored: string | number; changed: string | number }>(result)[0];
  return { scored: Number(r?.scored ?? 0), changed: Number(r?.changed ?? 0) };
}

/**
 * Fresh planner statistics for the tables the recompute rewrote: tiers and
 * stages of most customers can move in one night, and segment rules plan on
 * their distribution (a stale one has tier >= vip match "1 row" and walks the
 * tier index over a third of the bank).
 */
export async function analyzeSegmentationTables(db: DbOrTx): Promise<void> {
  await db.execute(sql`analyze ${customers}, ${customerSegmentation}`);
}
