import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../kernel/db';

/** Aggregates behind the report dashboards; every query carries the customers scope condition (convention 6). */

export async function aumByTierAndUnit(db: DbOrTx, scope: SQL) {
  return queryRows<{ unit: string; tier: string; customers: number; aum_yuan: number }>(
    db,
    sql`select coalesce(u.name, customers.home_unit_id) as unit, customers.tier, count(*)::int as customers,
               round(sum(customers.aum) / 100.0)::float8 as aum_yuan
        from customers left join units u on u.id = customers.home_unit_id
        where ${scope} and customers.status = 'active'
        group by 1, customers.tier order by 1, customers.tier`,
  );
}

export async function lifecycleFunnel(db: DbOrTx, scope: SQL) {
  return queryRows<{ stage: string; customers: number }>(
    db,
    sql`select customers.lifecycle_stage as stage, count(*)::int as customers from customers
        where ${scope} and customers.status <> 'merged' group by 1 order by 1`,
  );
}

export async function churnDistribution(db: DbOrTx, scope: SQL) {
  return queryRows<{ band: string; customers: number; avg_score: number }>(
    db,
    sql`select s.band, count(*)::int as customers, round(avg(s.score)::numeric, 4)::float8 as avg_score
        from churn_scores s join customers on customers.id = s.customer_id
        where ${scope} group by s.band order by s.band`,
  );
}

/** The trend from the daily band snapshots of the units in scope (null: all units). */
export async function churnTrend(db: DbOrTx, unitIds: readonly string[] | null, fromDay: string) {
  const units = unitIds
    ? unitIds.length
      ? sql`and unit_id in (${sql.join(
          unitIds.map((u) => sql`${u}`),
          sql`, `,
        )})`
      : sql`and false`
    : sql``;
  return queryRows<{ day: string; band: string; customers: number }>(
    db,
    sql`select day::text as day, band, sum(customers)::int as customers from churn_band_snapshots
        where day >= ${fromDay}::date ${units} group by day, band order by day, band`,
  );
}

/** Contact-standard adherence by unit and tier (the service-consistency heat map). */
export async function adherenceHeat(db: DbOrTx, scope: SQL, at: Date, timeZone: string) {
  return queryRows<{ unit: string; tier: string; served: number; within: number }>(
    db,
    sql`select coalesce(u.name, customers.home_unit_id) as unit, customers.tier, count(*)::int as served,
          (count(*) filter (where coalesce(lc.last_contact_at, (customers.onboarded_on::timestamp at time zone ${timeZone}))
                                 + make_interval(months => p.contact_every_months) >= ${at.toISOString()}::timestamptz))::int as within
        from customers
        join service_policies p on p.tier = customers.tier
        left join customer_last_contact lc on lc.customer_id = customers.id
        left join units u on u.id = customers.home_unit_id
        where ${scope} and customers.status = 'active' and customers.lifecycle_stage not in ('prospect', 'churned')
        group by 1, customers.tier order by 1, customers.tier`,
  );
}
