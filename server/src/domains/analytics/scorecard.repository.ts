import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../kernel/db';
import { rmScorecards } from './analytics.tables';

/** SQL of the RM scorecard: the measures from tables on this branch, and the snapshots. */

export type RmBook = { rm_id: string; unit_id: string; display_name: string; customers: number };

/** RMs with a book (active users who are the RM of at least one active customer), with their unit. */
export async function rmBooks(db: DbOrTx): Promise<RmBook[]> {
  return queryRows<RmBook>(
    db,
    sql`select u.id as rm_id, u.unit_id, u.display_name, count(*)::int as customers
        from customers c join users u on u.id = c.rm_id
        where c.status = 'active' and u.status = 'active'
        group by u.id, u.unit_id, u.display_name
        order by u.id`,
  );
}

export type ServiceMeasure = { rm_id: string; served: number; within: number; due: number; done_on_time: number };

/**
 * Service: contact-standard adherence at `at` (customers whose last contact,
 * or onboarding, plus their tier's standard is not yet past) and follow-up
 * completion (tasks due in the month done by their due time).
 */
export async function serviceMeasures(
  db: DbOrTx,
  q: { at: Date; from: Date; timeZone: string },
): Promise<ServiceMeasure[]> {
  return queryRows<ServiceMeasure>(
    db,
    sql`with a as (
          select c.rm_id, count(*)::int as served,
            (count(*) filter (where coalesce(lc.last_contact_at, (c.onboarded_on::timestamp at time zone ${q.timeZone}))
                                   + make_interval(months => p.contact_every_months) >= ${q.at.toISOString()}::timestamptz))::int as within
          from customers c
          join service_policies p on p.tier = c.tier
          left join customer_last_contact lc on lc.customer_id = c.id
          where c.status = 'active' and c.lifecycle_stage not in ('prospect', 'churned') and c.rm_id is not null
          group by c.rm_id
        ),
        t as (
          select t.owner_id as rm_id, count(*)::int as due,
            (count(*) filter (where t.status = 'done' and t.completed_at <= t.due_at))::int as done_on_time
          from tasks t
          where t.owner_id is not null and t.status <> 'cancelled'
            and t.due_at >= ${q.from.toISOString()}::timestamptz and t.due_at < ${q.at.toISOString()}::timestamptz
          group by t.owner_id
        )
        select coalesce(a.rm_id, t.rm_id) as rm_id, coalesce(a.served, 0) as served, coalesce(a.within, 0) as within,
               coalesce(t.due, 0) as due, coalesce(t.done_on_time, 0) as done_on_time
        from a full join t on t.rm_id = a.rm_id`,
  );
}

export type RetentionMeasure = { rm_id: string; book: number; left: number; expected: number | null };

/**
 * Retention: customers of the RM's book who left in the month (churn events
 * carry the RM at exit) against the expected number, the sum of the book's
 * churn scores spread over the horizon (null when nothing is scored).
 */
export async function retentionMeasures(
  db: DbOrTx,
  q: { fromDay: string; toDay: string; horizonMonths: number },
): Promise<RetentionMeasure[]> {
  return queryRows<RetentionMeasure>(
    db,
    sql`with b as (
          select c.rm_id, count(*)::int as book, sum(s.score)::float8 / ${q.horizonMonths} as expected, count(s.score)::int as scored
          from customers c left join churn_scores s on s.customer_id = c.id
          where c.rm_id is not null and c.status = 'active'
          group by c.rm_id
        ),
        l as (
          select e.rm_id, count(*)::int as left_n from churn_events e
          where e.rm_id is not null and e.left_on >= ${q.fromDay}::date and e.left_on < ${q.toDay}::date
          group by e.rm_id
        )
        select b.rm_id, b.book + coalesce(l.left_n, 0) as book, coalesce(l.left_n, 0) as left,
               case when b.scored > 0 then b.expected end as expected
        from b left join l on l.rm_id = b.rm_id`,
  );
}

export type ScorecardRow = typeof rmScorecards.$inferSelect;

/** Replace a month's snapshot (a rerun of the job gives the same rows). */
export async function replaceMonth(db: DbOrTx, month: string, rows: readonly ScorecardRow[]): Promise<void> {
  await db.delete(rmScorecards).where(eq(rmScorecards.month, month));
  for (let i = 0; i < rows.length; i += 500) await db.insert(rmScorecards).values(rows.slice(i, i + 500));
}

/** A month's leaderboard in the scope (units), by unit then rank. */
export async function leaderboard(
  db: DbOrTx,
  month: string,
  unitIds: readonly string[] | null,
  rmIds?: readonly string[],
) {
  const conds: SQL[] = [eq(rmScorecards.month, month)];
  if (unitIds) conds.push(unitIds.length ? inArray(rmScorecards.unitId, [...unitIds]) : sql`false`);
  if (rmIds) conds.push(rmIds.length ? inArray(rmScorecards.rmId, [...rmIds]) : sql`false`);
  return db
    .select()
    .from(rmScorecards)
    .where(and(...conds))
    .orderBy(asc(rmScorecards.unitId), asc(rmScorecards.rankInUnit), asc(rmScorecards.rmId));
}

/** One RM's snapshots, newest first (the trend). */
export async function rmTrend(db: DbOrTx, rmId: string, months: number): Promise<ScorecardRow[]> {
  return db
    .select()
    .from(rmScorecards)
    .where(eq(rmScorecards.rmId, rmId))
    .orderBy(desc(rmScorecards.month))
    .limit(months);
}

export async function latestMonth(db: DbOrTx): Promise<string | null> {
  const [r] = await queryRows<{ m: string | null }>(db, sql`select max(month) as m from rm_scorecards`);
  return r?.m ?? null;
}

/** Display names of staff (the leaderboard and trend show RMs by name). */
export async function staffNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; display_name: string }>(
    db,
    sql`select id, display_name from users where id in (select jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb))`,
  );
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
