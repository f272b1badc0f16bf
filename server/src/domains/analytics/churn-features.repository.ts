import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows, setLocalNoJit } from '../../kernel/db';
import { addMonthsToDate, monthOf } from './churn-features';

/** One customer's CRM features as of a date (the column names of baseChurnFeatures), plus scope columns. */
export type FeatureRow = {
  id: string;
  rm_id: string | null;
  home_unit_id: string;
  aum_yuan: number;
  aum_change_3m_pct: number | null;
  net_flow_volatility_pct: number | null;
  tx_3m: number;
  tx_change_pct: number | null;
  months_since_tx: number | null;
  days_since_contact: number | null;
  contacts_6m: number;
  products: number;
  products_opened_6m: number;
  products_closed_6m: number;
  maturing_3m: number;
  tenure_months: number;
  age: number | null;
  rm_changes_12m: number;
  tier: string;
  kind: string;
  /** a customer with assets or products as of asOf (the training population; scoring takes every active customer) */
  inPopulation: boolean;
  /** the churn label over (asOf, asOf + horizon], only when a label window is asked for */
  churned?: boolean;
};

export type FeatureQuery = {
  /** the date the features describe (YYYY-MM-DD); months after its month are "the future" */
  asOf: string;
  /** keyset: customers with id > after, by id */
  after: string;
  limit: number;
  /** score every active customer (true) or the training population as of asOf (false) */
  active: boolean;
  /** only every `sampleMod`-th customer by id hash (training on a very large bank) */
  sampleMod?: number;
  /** compute the churn label over (asOf, asOf + horizonMonths] with these rules */
  label?: { horizonMonths: number; rules: readonly ('all_closed' | 'aum_drop')[]; aumDropPercent: number };
};

/**
 * Set-based feature extraction for one keyset batch of customers (one SQL
 * statement; every join is on customer_id through an index). AUM at a past
 * date is rebuilt from today's AUM minus the net flows of the months after
 * it (customer_monthly_aggregates); a holding counts as held at a date when
 * it was opened by then and is still active or changed status after it.
 */
/** The feature statement of featureBatch (exported for EXPLAIN in benchmarks). */
export function featureSql(q: FeatureQuery): SQL {
  const d0 = q.asOf;
  const m0 = monthOf(d0, -1); // the last complete month as of d0
  const m3 = monthOf(d0, -4);
  const m6 = monthOf(d0, -7);
  const d6 = addMonthsToDate(d0, -6);
  const d12 = addMonthsToDate(d0, -12);
  const d3f = addMonthsToDate(d0, 3);
  const h = q.label?.horizonMonths ?? 0;
  const dH = addMonthsToDate(d0, h);
  const mH = monthOf(dH, -1);
  const population: SQL = q.active
    ? sql`c.status = 'active'`
    : sql`c.status <> 'merged' and c.onboarded_on <= ${d0}::date and c.customer_no not like 'P%'`;
  const sample = q.sampleMod && q.sampleMod > 1 ? sql`and abs(hashtext(c.id)) % ${q.sampleMod} = 0` : sql``;
  const label = q.label
    ? sql`,
      (
        ${q.label.rules.includes('all_closed') ? sql`(coalesce(h.products, 0) > 0 and coalesce(h.products_end, 0) = 0)` : sql`false`}
        or ${
          q.label.rules.includes('aum_drop')
            ? sql`(greatest(c.aum - coalesce(f.net_after, 0), 0) > 0
                 and greatest(c.aum - coalesce(f.net_after_h, 0), 0)
                   < greatest(c.aum - coalesce(f.net_after, 0), 0) * ${(100 - q.label.aumDropPercent) / 100}::float8)`
            : sql`false`
        }
        or exists (select 1 from churn_events e where e.customer_id = c.id and e.left_on > ${d0}::date and e.left_on <= ${dH}::date)
      ) as churned`
    : sql``;
  return sql`
    with c as (
      select c.id, c.rm_id, c.home_unit_id, c.aum, c.tier, c.kind, c.birth_date, c.onboarded_on, c.customer_no
      from customers c
      where c.id > ${q.after} and ${population} ${sample}
      order by c.id
      limit ${q.limit}
    )
    select c.id, c.rm_id, c.home_unit_id, c.tier, c.kind,
      round(greatest(c.aum - coalesce(f.net_after, 0), 0) / 100.0)::float8 as aum_yuan,
      case when greatest(c.aum - coalesce(f.net_after, 0) - coalesce(f.net_3m, 0), 0) > 0
        then round((100.0 * coalesce(f.net_3m, 0) / greatest(c.aum - coalesce(f.net_after, 0) - coalesce(f.net_3m, 0), 0))::numeric, 1)::float8
      end as aum_change_3m_pct,
      case when greatest(c.aum - coalesce(f.net_after, 0), 0) > 0 and f.net_sd is not null
        then round((100.0 * f.net_sd / greatest(c.aum - coalesce(f.net_after, 0), 0))::numeric, 1)::float8
      end as net_flow_volatility_pct,
      coalesce(f.tx_3m, 0) as tx_3m,
      case when coalesce(f.tx_prev_3m, 0) > 0 then round((100.0 * (f.tx_3m - f.tx_prev_3m) / f.tx_prev_3m)::numeric, 1)::float8 end as tx_change_pct,
      case when f.last_tx_month is not null then
        ((extract(year from ${d0}::date) * 12 + extract(month from ${d0}::date))
         - (substr(f.last_tx_month, 1, 4)::int * 12 + substr(f.last_tx_month, 6, 2)::int))::float8
      end as months_since_tx,
      case when i.last_at is not null then (${d0}::date - i.last_at::date)::float8 end as days_since_contact,
      coalesce(i.n_6m, 0) as contacts_6m,
      coalesce(h.products, 0) as products,
      coalesce(h.opened_6m, 0) as products_opened_6m,
      coalesce(h.closed_6m, 0) as products_closed_6m,
      coalesce(h.maturing_3m, 0) as maturing_3m,
      ((extract(year from ${d0}::date) - extract(year from c.onboarded_on)) * 12
        + extract(month from ${d0}::date) - extract(month from c.onboarded_on))::float8 as tenure_months,
      case when c.birth_date is not null then extract(year from age(${d0}::date, c.birth_date))::float8 end as age,
      coalesce(r.n, 0) as rm_changes_12m,
      (greatest(c.aum - coalesce(f.net_after, 0), 0) > 0 or coalesce(h.products, 0) > 0) as in_population
      ${label}
    from c
    left join lateral (
      select
        sum(case when a.month > ${m0} then a.inflow - a.outflow else 0 end)::float8 as net_after,
        sum(case when a.month > ${mH} then a.inflow - a.outflow else 0 end)::float8 as net_after_h,
        sum(case when a.month > ${m3} and a.month <= ${m0} then a.inflow - a.outflow else 0 end)::float8 as net_3m,
        sum(case when a.month > ${m3} and a.month <= ${m0} then a.tx_count else 0 end)::float8 as tx_3m,
        sum(case when a.month > ${m6} and a.month <= ${m3} then a.tx_count else 0 end)::float8 as tx_prev_3m,
        stddev_pop(case when a.month > ${m6} and a.month <= ${m0} then (a.inflow - a.outflow)::float8 end) as net_sd,
        max(case when a.month <= ${m0} and a.tx_count > 0 then a.month end) as last_tx_month
      from customer_monthly_aggregates a
      where a.customer_id = c.id and a.month > ${m6}
    ) f on true
    left join lateral (
      select
        count(*) filter (where h.opened_on <= ${d0}::date and (h.status = 'active' or h.updated_at > ${d0}::date))::float8 as products,
        count(*) filter (where h.opened_on <= ${dH}::date and (h.status = 'active' or h.updated_at > ${dH}::date))::float8 as products_end,
        count(*) filter (where h.opened_on > ${d6}::date and h.opened_on <= ${d0}::date)::float8 as opened_6m,
        count(*) filter (where h.status <> 'active' and h.updated_at > ${d6}::date and h.updated_at <= ${d0}::date)::float8 as closed_6m,
        count(*) filter (where h.maturity_on > ${d0}::date and h.maturity_on <= ${d3f}::date
                          and (h.status = 'active' or h.updated_at > ${d0}::date))::float8 as maturing_3m
      from holdings h
      where h.customer_id = c.id and h.product_type not in ('loan', 'credit_card')
    ) h on true
    left join lateral (
      select
        max(i.occurred_at) as last_at,
        count(*) filter (where i.occurred_at > ${d6}::date)::float8 as n_6m
      from interactions i
      where i.customer_id = c.id and i.occurred_at <= ${d0}::date
    ) i on true
    left join lateral (
        select count(*)::float8 as n
        from customer_timeline t
        where t.customer_id = c.id and t.occurred_at > ${d12}::date and t.occurred_at <= ${d0}::date
          and t.type = 'customer.reassigned'
    ) r on true
    order by c.id`;
}

export async function featureBatch(db: DbOrTx, q: FeatureQuery): Promise<FeatureRow[]> {
  // The planner's cost of 5,000 index-driven laterals crosses jit_above_cost, and
  // compiling the plan costs seconds more than running it: no JIT for this statement.
  const rows = await db.transaction(async (tx) => {
    await setLocalNoJit(tx);
    return queryRows<RawFeatureRow>(tx, featureSql(q));
  });
  return rows.map(({ in_population, churned, ...r }) => ({
    ...r,
    inPopulation: in_population === true || in_population === 't',
    churned: churned === undefined ? undefined : churned === true || churned === 't',
  }));
}

type RawFeatureRow = Omit<FeatureRow, 'inPopulation' | 'churned'> & { in_population: unknown; churned?: unknown };

export async function countCustomers(db: DbOrTx): Promise<number> {
  const rows = await queryRows<{ n: number | string }>(
    db,
    sql`select count(*)::int as n from customers where status <> 'merged'`,
  );
  return Number(rows[0]?.n ?? 0);
}
