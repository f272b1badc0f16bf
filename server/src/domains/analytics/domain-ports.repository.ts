import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../kernel/db';

/**
 * SQL of the adapters that feed analytics from the domains before it in the
 * DAG (docs/adr/0001): complaints and surveys (complaints domain), sales with
 * their suitability record and cooling-off cancellations (products domain),
 * campaign membership (campaigns domain). Analytics sits last and may read
 * their tables; they never read analytics'.
 *
 * Dates: `asOf` and month bounds are local dates; a date `D` ends at
 * `(D + 1)::timestamptz` in the session time zone (the same convention as
 * churn-features.repository.ts).
 */

/** The customer ids of a batch as one parameter (a batch can be thousands: no parameter list). */
const idsOf = (ids: readonly string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;

export type ComplaintSignalRow = {
  customer_id: string;
  complaints_12m: number;
  upheld_12m: number;
  open_at: number;
  overdue_12m: number;
};

/**
 * Complaints of each customer as of `asOf`: received in the 12 months up to
 * it, upheld (fully or partly) among those decided by then, still open at
 * `asOf` (received, not decided, not withdrawn by then), and decided late or
 * still open past the due instant. Customers without complaints are absent.
 */
export async function complaintSignals(db: DbOrTx, ids: readonly string[], asOf: string) {
  if (ids.length === 0) return [];
  const end = sql`(${asOf}::date + 1)::timestamptz`;
  return queryRows<ComplaintSignalRow>(
    db,
    sql`select c.customer_id,
          (count(*) filter (where c.received_at >= ${end} - interval '12 months'))::int as complaints_12m,
          (count(*) filter (where c.received_at >= ${end} - interval '12 months' and c.decided_at < ${end}
                              and c.outcome in ('upheld', 'partly_upheld')))::int as upheld_12m,
          (count(*) filter (where (c.decided_at is null or c.decided_at >= ${end})
                              and not (c.status = 'withdrawn' and c.closed_at < ${end})))::int as open_at,
          (count(*) filter (where c.received_at >= ${end} - interval '12 months' and c.due_at < ${end}
                              and (c.decided_at is null or c.decided_at > c.due_at)
                              and c.status <> 'withdrawn'))::int as overdue_12m
        from complaints c
        where c.customer_id in ${idsOf(ids)} and c.received_at < ${end}
        group by c.customer_id`,
  );
}

export type SurveySignalRow = {
  customer_id: string;
  last_score_pct: number | null;
  low_12m: number;
  answered_12m: number;
};

/**
 * Survey answers of each customer as of `asOf`: the last score on a 0..100
 * scale (CSAT 1..5 → 0..100, NPS 0..10 → 0..100), low scores and answers in
 * the 12 months up to it. Customers who never answered are absent.
 */
export async function surveySignals(db: DbOrTx, ids: readonly string[], asOf: string) {
  if (ids.length === 0) return [];
  const end = sql`(${asOf}::date + 1)::timestamptz`;
  return queryRows<SurveySignalRow>(
    db,
    sql`select r.customer_id,
          (array_agg(${scorePct(sql`r`)} order by r.answered_at desc) filter (where r.score is not null))[1]::float8
            as last_score_pct,
          (count(*) filter (where r.low and r.answered_at >= ${end} - interval '12 months'))::int as low_12m,
          (count(*) filter (where r.answered_at >= ${end} - interval '12 months'))::int as answered_12m
        from survey_responses r
        where r.customer_id in ${idsOf(ids)} and r.answered_at < ${end}
        group by r.customer_id`,
  );
}

/** A response's score on 0..100: CSAT is 1..5, NPS 0..10. */
function scorePct(r: SQL) {
  return sql`(case when ${r}.kind = 'nps' then ${r}.score * 10.0 else (${r}.score - 1) * 25.0 end)`;
}

const monthStart = (month: string) => sql`(${`${month}-01`}::date)::timestamptz`;
const monthEnd = (month: string) => sql`((${`${month}-01`}::date + interval '1 month')::date)::timestamptz`;
const rmList = (rmIds: readonly string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(rmIds)}::jsonb))`;

export type SalesMeasureRow = {
  rm_id: string;
  book: number;
  products_sold: number;
  sold_amount_minor: number;
  net_new_aum_minor: number;
};

/**
 * Sales of each RM in `month`: sales they proposed that were signed in the
 * month and stand (confirmed, or still in cooling-off): no credit for a sale
 * later cancelled in cooling-off (PERF-04); and the net new AUM of their book
 * (inflow − outflow of the month's aggregates; redemptions are not rewarded:
 * they lower it).
 */
export async function salesMeasures(db: DbOrTx, rmIds: readonly string[], month: string) {
  if (rmIds.length === 0) return [];
  return queryRows<SalesMeasureRow>(
    db,
    sql`with r as (select jsonb_array_elements_text(${JSON.stringify(rmIds)}::jsonb) as rm_id),
        s as (
          select s.proposed_by as rm_id, count(*)::int as n, coalesce(sum(s.amount), 0)::float8 as amount
          from sales s
          where s.proposed_by in (select rm_id from r) and s.status in ('confirmed', 'cooling_off')
            and s.signed_at >= ${monthStart(month)} and s.signed_at < ${monthEnd(month)}
          group by s.proposed_by
        ),
        b as (
          select c.rm_id, count(distinct c.id)::int as book,
                 coalesce(sum(a.inflow - a.outflow), 0)::float8 as net
          from customers c left join customer_monthly_aggregates a on a.customer_id = c.id and a.month = ${month}
          where c.rm_id in (select rm_id from r) and c.status = 'active'
          group by c.rm_id
        )
        select r.rm_id, coalesce(b.book, 0) as book, coalesce(s.n, 0) as products_sold,
               coalesce(s.amount, 0) as sold_amount_minor, coalesce(b.net, 0) as net_new_aum_minor
        from r left join s on s.rm_id = r.rm_id left join b on b.rm_id = r.rm_id`,
  );
}

export type ComplianceMeasureRow = {
  rm_id: string;
  proposals: number;
  blocked: number;
  overridden: number;
  cooling_off_cancelled: number;
};

/**
 * Conduct of each RM's sales in `month` (PERF-01, PERF-04): proposals made,
 * proposals the suitability gate blocked, sales completed under an
 * override (SUIT-04), sales cancelled in cooling-off.
 */
export async function complianceMeasures(db: DbOrTx, rmIds: readonly string[], month: string) {
  if (rmIds.length === 0) return [];
  return queryRows<ComplianceMeasureRow>(
    db,
    sql`select s.proposed_by as rm_id,
          (count(*) filter (where s.created_at >= ${monthStart(month)} and s.created_at < ${monthEnd(month)}))::int as proposals,
          (count(*) filter (where s.created_at >= ${monthStart(month)} and s.created_at < ${monthEnd(month)}
                              and s.suitability->>'decision' = 'block'))::int as blocked,
          (count(*) filter (where s.override is not null and s.override <> 'null'::jsonb
                              and s.created_at >= ${monthStart(month)} and s.created_at < ${monthEnd(month)}))::int as overridden,
          (count(*) filter (where s.status = 'cancelled_in_cooling_off'
                              and s.cancelled_at >= ${monthStart(month)} and s.cancelled_at < ${monthEnd(month)}))::int
            as cooling_off_cancelled
        from sales s
        where s.proposed_by in ${rmList(rmIds)}
          and ((s.created_at >= ${monthStart(month)} and s.created_at < ${monthEnd(month)})
            or (s.cancelled_at >= ${monthStart(month)} and s.cancelled_at < ${monthEnd(month)}))
        group by s.proposed_by`,
  );
}

export type ComplaintMeasureRow = {
  rm_id: string;
  received: number;
  upheld: number;
  overdue: number;
  repeats: number;
};

/**
 * Complaints against each RM's book in `month` (PERF-02): received, upheld
 * (fully or partly) among those decided in the month, decided late or open
 * past due at month end, and repeats (CMP-04).
 */
export async function complaintMeasures(db: DbOrTx, rmIds: readonly string[], month: string) {
  if (rmIds.length === 0) return [];
  const from = monthStart(month);
  const to = monthEnd(month);
  return queryRows<ComplaintMeasureRow>(
    db,
    sql`select c.rm_id,
          (count(*) filter (where c.received_at >= ${from} and c.received_at < ${to}))::int as received,
          (count(*) filter (where c.decided_at >= ${from} and c.decided_at < ${to}
                              and c.outcome in ('upheld', 'partly_upheld')))::int as upheld,
          (count(*) filter (where c.due_at >= ${from} and c.due_at < ${to} and c.status <> 'withdrawn'
                              and (c.decided_at is null or c.decided_at > c.due_at)))::int as overdue,
          (count(*) filter (where c.received_at >= ${from} and c.received_at < ${to}
                              and c.duplicate_of_id is not null))::int as repeats
        from complaints c
        where c.rm_id in ${rmList(rmIds)}
          and ((c.received_at >= ${from} and c.received_at < ${to}) or (c.decided_at >= ${from} and c.decided_at < ${to})
            or (c.due_at >= ${from} and c.due_at < ${to}))
        group by c.rm_id`,
  );
}

export type SatisfactionMeasureRow = { rm_id: string; responses: number; csat_pct: number | null; nps: number | null };

/**
 * Survey answers about each RM's customers in `month`: count, mean CSAT on
 * 0..100, NPS (promoters 9-10 minus detractors 0-6, in points of -100..100).
 */
export async function satisfactionMeasures(db: DbOrTx, rmIds: readonly string[], month: string) {
  if (rmIds.length === 0) return [];
  return queryRows<SatisfactionMeasureRow>(
    db,
    sql`select r.rm_id, count(*)::int as responses,
          (avg((r.score - 1) * 25.0) filter (where r.kind = 'csat'))::float8 as csat_pct,
          (100.0 * (count(*) filter (where r.kind = 'nps' and r.score >= 9) - count(*) filter (where r.kind = 'nps' and r.score <= 6))
            / nullif(count(*) filter (where r.kind = 'nps'), 0))::float8 as nps
        from survey_responses r
        where r.rm_id in ${rmList(rmIds)} and r.score is not null
          and r.answered_at >= ${monthStart(month)} and r.answered_at < ${monthEnd(month)}
        group by r.rm_id`,
  );
}

const unitFilter = (col: SQL, unitIds: readonly string[] | null) =>
  unitIds === null ? sql`true` : unitIds.length ? sql`${col} in ${rmList(unitIds)}` : sql`false`;

/** Complaints per month since `fromMonth` (received; decided and decided on time) in the units (null: all); months without any are absent. */
export async function complaintsTrend(db: DbOrTx, unitIds: readonly string[] | null, fromMonth: string) {
  const from = sql`${`${fromMonth}-01`}::date`;
  return queryRows<{ month: string; received: number; decided: number; on_time: number }>(
    db,
    sql`with r as (
          select to_char(c.received_at, 'YYYY-MM') as month, count(*)::int as n from complaints c
          where ${unitFilter(sql`c.unit_id`, unitIds)} and c.received_at >= ${from} group by 1
        ),
        d as (
          select to_char(c.decided_at, 'YYYY-MM') as month, count(*)::int as n, (count(*) filter (where c.on_time))::int as ot
          from complaints c
          where ${unitFilter(sql`c.unit_id`, unitIds)} and c.decided_at >= ${from} group by 1
        )
        select coalesce(r.month, d.month) as month, coalesce(r.n, 0) as received, coalesce(d.n, 0) as decided,
               coalesce(d.ot, 0) as on_time
        from r full join d on d.month = r.month order by 1`,
  );
}

/** Survey answers per month and kind: responses, mean score on 0..100, low scores. */
export async function surveyTrend(db: DbOrTx, unitIds: readonly string[] | null, fromMonth: string) {
  return queryRows<{ month: string; kind: string; responses: number; mean_pct: number; low: number }>(
    db,
    sql`select to_char(r.answered_at, 'YYYY-MM') as month, r.kind, count(*)::int as responses,
          round(avg(${scorePct(sql`r`)})::numeric, 1)::float8 as mean_pct, (count(*) filter (where r.low))::int as low
        from survey_responses r
        where ${unitFilter(sql`r.unit_id`, unitIds)} and r.score is not null
          and r.answered_at >= ${`${fromMonth}-01`}::date
        group by 1, 2 order by 1, 2`,
  );
}

/** Campaigns started since `fromMonth`, newest first (campaigns are bank-wide: not unit-scoped). */
export async function startedCampaigns(db: DbOrTx, fromMonth: string, limit: number) {
  return queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from campaigns where started_at >= ${`${fromMonth}-01`}::date
        order by started_at desc, id limit ${limit}`,
  );
}
