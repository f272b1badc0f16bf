import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { queryRows } from '../../kernel/db/query';
import { units, users } from '../access';
import { complaints } from './complaints.tables';

export const reportDimensions = ['category', 'product', 'channel', 'unit', 'rm'] as const;
export type ReportDimension = (typeof reportDimensions)[number];

const keyOf: Record<ReportDimension, SQL> = {
  category: sql`${complaints.category}`,
  product: sql`coalesce(${complaints.productCode}, '')`,
  channel: sql`${complaints.channel}`,
  unit: sql`${complaints.unitId}`,
  rm: sql`coalesce(${complaints.rmId}, '')`,
};

export type SummaryRow = {
  key: string;
  name: string | null;
  total: number;
  open: number;
  decided: number;
  on_time: number;
  overdue_open: number;
  upheld: number;
  /** CNY only: amounts in other currencies are not summed with it */
  amount_minor: string | number | null;
};

/** Volumes and on-time decisions per dimension for complaints received in [from, to). */
export async function summary(
  db: DbOrTx,
  q: { scope: SQL; dimension: ReportDimension; from: Date; to: Date; now: Date },
): Promise<SummaryRow[]> {
  const key = keyOf[q.dimension];
  const name =
    q.dimension === 'unit'
      ? sql`(select name from ${units} where id = k.key)`
      : q.dimension === 'rm'
        ? sql`(select display_name from ${users} where id = k.key)`
        : sql`null`;
  return queryRows<SummaryRow>(
    db,
    sql`with k as (
          select ${key} as key, ${complaints.status} as status, ${complaints.decidedAt} as decided_at,
                 ${complaints.onTime} as on_time, ${complaints.dueAt} as due_at, ${complaints.outcome} as outcome,
                 ${complaints.amountMinor} as amount_minor, ${complaints.currency} as currency
            from ${complaints}
           where ${q.scope} and ${complaints.receivedAt} >= ${q.from.toISOString()} and ${complaints.receivedAt} < ${q.to.toISOString()})
        select k.key, ${name} as name, count(*)::int as total,
               count(*) filter (where k.status in ('received', 'acknowledged', 'assigned', 'investigating', 'proposed'))::int as open,
               count(*) filter (where k.decided_at is not null)::int as decided,
               count(*) filter (where k.on_time)::int as on_time,
               count(*) filter (where k.decided_at is null and k.status <> 'withdrawn' and k.due_at <= ${q.now.toISOString()})::int as overdue_open,
               count(*) filter (where k.outcome in ('upheld', 'partly_upheld') and k.decided_at is not null)::int as upheld,
               sum(k.amount_minor) filter (where k.currency = 'CNY') as amount_minor
          from k group by k.key order by total desc, k.key`,
  );
}

export type TrendRow = { period: string; received: number; decided: number; on_time: number };

/** Complaints received, and of those decided and decided on time, per month or ISO week. */
export async function trend(
  db: DbOrTx,
  q: { scope: SQL; bucket: 'month' | 'week'; from: Date; to: Date; timeZone: string },
): Promise<TrendRow[]> {
  const fmt = q.bucket === 'month' ? 'YYYY-MM' : 'IYYY-"W"IW';
  return queryRows<TrendRow>(
    db,
    sql`select to_char(${complaints.receivedAt} at time zone ${q.timeZone}, ${fmt}) as period,
               count(*)::int as received,
               count(*) filter (where ${complaints.decidedAt} is not null)::int as decided,
               count(*) filter (where ${complaints.onTime})::int as on_time
          from ${complaints}
         where ${q.scope} and ${complaints.receivedAt} >= ${q.from.toISOString()} and ${complaints.receivedAt} < ${q.to.toISOString()}
         group by 1 order by 1`,
  );
}
