import { inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { queryRows } from '../../kernel/db/query';
import { customers } from '../customers';
import { tasks } from './engagement.tables';

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
