import { inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { queryRows } from '../../kernel/db/query';
import { customers } from '../customers';
import { customerLastContact, servicePolicies, tasks } from './engagement.tables';
import type { BreachRow } from './policy.repository';

const active = sql`${customers.status} = 'active'`;

export type ExpiringRow = {
  id: string;
  name: string;
  kind: 'individual' | 'organisation';
  risk_level: string | null;
  risk_expires_at: Date | string;
  rm_id: string | null;
  total: number;
};

/** Customers in scope whose risk assessment expires in [now, until), soonest first, with the total. */
export async function expiringAssessments(
  db: DbOrTx,
  f: { scope: SQL; now: Date; until: Date; limit: number },
): Promise<ExpiringRow[]> {
  return queryRows<ExpiringRow>(
    db,
    sql`select ${customers.id} as id, ${customers.name} as name, ${customers.kind} as kind, ${customers.riskLevel} as risk_level,
               ${customers.riskExpiresAt} as risk_expires_at, ${customers.rmId} as rm_id, (count(*) over ())::int as total
          from ${customers}
         where ${active} and ${f.scope} and ${customers.riskExpiresAt} >= ${f.now} and ${customers.riskExpiresAt} < ${f.until}
         order by ${customers.riskExpiresAt}, ${customers.id}
         limit ${f.limit}`,
  );
}

export type BirthdayRow = {
  id: string;
  name: string;
  kind: 'individual' | 'organisation';
  birth_date: string;
  tier: string;
};

/** Individual customers in scope whose birthday (month-day) is one of `monthDays` ('MM-DD'). */
export async function birthdays(
  db: DbOrTx,
  f: { scope: SQL; monthDays: readonly string[]; limit: number },
): Promise<BirthdayRow[]> {
  return queryRows<BirthdayRow>(
    db,
    sql`select ${customers.id} as id, ${customers.name} as name, ${customers.kind} as kind,
               to_char(${customers.birthDate}, 'YYYY-MM-DD') as birth_date, ${customers.tier} as tier
          from ${customers}
         where ${active} and ${f.scope} and ${customers.kind} = 'individual' and ${customers.birthDate} is not null
           and ${inArray(sql`to_char(${customers.birthDate}, 'MM-DD')`, [...f.monthDays])}
         order by to_char(${customers.birthDate}, 'MM-DD'), ${customers.id}
         limit ${f.limit}`,
  );
}

export type PortfolioRow = { tier: string; customers: number; aum: string | number };

export async function portfolio(db: DbOrTx, scope: SQL): Promise<PortfolioRow[]> {
  return queryRows<PortfolioRow>(
    db,
    sql`select ${customers.tier} as tier, count(*)::int as customers, coalesce(sum(${customers.aum}), 0)::text as aum
          from ${customers} where ${active} and ${scope} group by ${customers.tier}`,
  );
}

export type TaskMetricRow = {
  owner_id: string;
  due_total: number;
  on_time: number;
  follow_ups: number;
  follow_ups_done: number;
  open_overdue: number;
};

/**
 * Per owner, over tasks due in [from, until): how many were due (not
 * cancelled, not alerts), how many were done by their due time, follow-up
 * visits due and done, and tasks still open past due.
 */
export async function taskMetrics(
  db: DbOrTx,
  f: { ownerIds: readonly string[]; from: Date; until: Date },
): Promise<TaskMetricRow[]> {
  if (f.ownerIds.length === 0) return [];
  return queryRows<TaskMetricRow>(
    db,
    sql`select owner_id,
               (count(*) filter (where status <> 'cancelled'))::int as due_total,
               (count(*) filter (where status = 'done' and completed_at <= due_at))::int as on_time,
               (count(*) filter (where category = 'follow_up' and status <> 'cancelled'))::int as follow_ups,
               (count(*) filter (where category = 'follow_up' and status = 'done'))::int as follow_ups_done,
               (count(*) filter (where status in ('open', 'in_progress')))::int as open_overdue
          from ${tasks}
         where ${inArray(tasks.ownerId, [...f.ownerIds])} and category <> 'alert'
           and due_at >= ${f.from} and due_at < ${f.until}
         group by owner_id`,
  );
}

export type BookSummary = {
  breaches: BreachRow[];
  breachTotal: number;
  expiring: ExpiringRow[];
  expiringTotal: number;
  birthdays: BirthdayRow[];
  portfolio: PortfolioRow[];
};

/**
 * Every customer card of the workbench from ONE scan of the customers in
 * scope (materialised once, then filtered four ways): contact-standard
 * breaches, expiring assessments, birthdays and the portfolio by tier. An
 * RM's book is read once instead of four times; a branch's likewise.
 */
export async function bookSummary(
  db: DbOrTx,
  f: { scope: SQL; now: Date; until: Date; monthDays: readonly string[]; timeZone: string; limit: number },
): Promise<BookSummary> {
  const due = sql`(coalesce(lc.last_contact_at, (${customers.onboardedOn}::timestamp at time zone ${f.timeZone})) + make_interval(months => p.contact_every_months))`;
  const rows = await queryRows<{ summary: Record<string, unknown> }>(
    db,
    sql`with book as materialized (
          select ${customers.id} as id, ${customers.name} as name, ${customers.kind} as kind, ${customers.tier} as tier,
                 ${customers.rmId} as rm_id, ${customers.homeUnitId} as home_unit_id, ${customers.aum} as aum,
                 ${customers.riskLevel} as risk_level, ${customers.riskExpiresAt} as risk_expires_at,
                 ${customers.lifecycleStage} as stage, to_char(${customers.birthDate}, 'YYYY-MM-DD') as birth_date,
                 lc.last_contact_at, p.contact_every_months, ${due} as due_since
            from ${customers}
            join ${servicePolicies} p on p.tier = ${customers.tier}
            left join ${customerLastContact} lc on lc.customer_id = ${customers.id}
           where ${customers.status} = 'active' and ${f.scope}),
        breach as (select * from book where stage not in ('prospect', 'churned') and due_since < ${f.now}),
        expiring as (select * from book where risk_expires_at >= ${f.now} and risk_expires_at < ${f.until}),
        birthday as (select * from book where kind = 'individual' and birth_date is not null
                       and ${inArray(sql`substr(birth_date, 6)`, [...f.monthDays])})
        select json_build_object(
          'breaches', (select coalesce(json_agg(b), '[]') from (select id, name, kind, tier, rm_id, home_unit_id, last_contact_at,
                         due_since, contact_every_months, 0 as total from breach order by due_since, id limit ${f.limit}) b),
          'breachTotal', (select count(*) from breach),
          'expiring', (select coalesce(json_agg(e), '[]') from (select id, name, kind, risk_level, risk_expires_at, rm_id, 0 as total
                         from expiring order by risk_expires_at, id limit ${f.limit}) e),
          'expiringTotal', (select count(*) from expiring),
          'birthdays', (select coalesce(json_agg(d), '[]') from (select id, name, kind, birth_date, tier from birthday
                         order by substr(birth_date, 6), id limit 50) d),
          'portfolio', (select coalesce(json_agg(t), '[]') from (select tier, count(*)::int as customers, coalesce(sum(aum), 0)::text as aum
                         from book group by tier) t)
        ) as summary`,
  );
  const s = (rows[0]?.summary ?? {}) as Record<string, unknown>;
  return {
    breaches: (s.breaches as BreachRow[]) ?? [],
    breachTotal: Number(s.breachTotal ?? 0),
    expiring: (s.expiring as ExpiringRow[]) ?? [],
    expiringTotal: Number(s.expiringTotal ?? 0),
    birthdays: (s.birthdays as BirthdayRow[]) ?? [],
    portfolio: (s.portfolio as PortfolioRow[]) ?? [],
  };
}
