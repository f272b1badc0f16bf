import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../kernel/db';
import { customers, holdings } from '../customers';

export type CareTarget = { id: string; preferences: Record<string, unknown> };

/** Active individual customers after a key, filtered (keyset batches for a daily job over millions). */
export async function individualsAfter(
  db: DbOrTx,
  filter: SQL | undefined,
  afterId: string,
  limit: number,
): Promise<CareTarget[]> {
  return db
    .select({ id: customers.id, preferences: customers.preferences })
    .from(customers)
    .where(and(eq(customers.status, 'active'), eq(customers.kind, 'individual'), gt(customers.id, afterId), filter))
    .orderBy(asc(customers.id))
    .limit(limit);
}

/** Born on this month and day (29 February birthdays are greeted on 28 February in other years). */
export function bornOn(date: string): SQL {
  const md = date.slice(5);
  const year = Number(date.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return md === '02-28' && !leap
    ? sql`to_char(${customers.birthDate}::date, 'MM-DD') in ('02-28', '02-29')`
    : sql`to_char(${customers.birthDate}::date, 'MM-DD') = ${md}`;
}

/** Active holdings maturing on a date (time deposits, wealth products). */
export async function maturingOn(db: DbOrTx, date: string) {
  return db
    .select({
      id: holdings.id,
      customerId: holdings.customerId,
      productName: holdings.productName,
      maturityOn: holdings.maturityOn,
    })
    .from(holdings)
    .innerJoin(customers, eq(customers.id, holdings.customerId))
    .where(and(eq(holdings.status, 'active'), eq(holdings.maturityOn, date), eq(customers.status, 'active')))
    .orderBy(asc(holdings.id));
}

/** Customers whose risk assessment expires on a local date (SUIT-05 reminder). */
export async function assessmentsExpiringOn(db: DbOrTx, date: string, timeZone: string) {
  return queryRows<{ id: string; expires: string }>(
    db,
    sql`select ${customers.id} as id, to_char(${customers.riskExpiresAt} at time zone ${timeZone}, 'YYYY-MM-DD') as expires
        from ${customers}
        where ${customers.status} = 'active'
          and ${customers.riskExpiresAt} >= (${date}::date)::timestamp at time zone ${timeZone}
          and ${customers.riskExpiresAt} < ((${date}::date + 1))::timestamp at time zone ${timeZone}
        order by ${customers.id}`,
  );
}

/** Per day of a month: birthdays, maturities and assessment expiries among customers in scope (the care calendar). */
export async function monthCounts(db: DbOrTx, scope: SQL, year: number, month: number, timeZone: string) {
  const mm = String(month).padStart(2, '0');
  const first = `${year}-${mm}-01`;
  const birthdays = await queryRows<{ d: string; n: string | number }>(
    db,
    sql`select to_char(${customers.birthDate}::date, 'DD') as d, count(*) as n from ${customers}
        where ${scope} and ${customers.status} = 'active' and ${customers.kind} = 'individual'
          and to_char(${customers.birthDate}::date, 'MM') = ${mm}
        group by 1`,
  );
  const maturities = await queryRows<{ d: string; n: string | number }>(
    db,
    sql`select to_char(${holdings.maturityOn}::date, 'DD') as d, count(*) as n from ${holdings}
        join ${customers} on ${customers.id} = ${holdings.customerId}
        where ${scope} and ${holdings.status} = 'active'
          and ${holdings.maturityOn} >= ${first}::date and ${holdings.maturityOn} < (${first}::date + interval '1 month')
        group by 1`,
  );
  const expiries = await queryRows<{ d: string; n: string | number }>(
    db,
    sql`select to_char(${customers.riskExpiresAt} at time zone ${timeZone}, 'DD') as d, count(*) as n from ${customers}
        where ${scope} and ${customers.status} = 'active'
          and ${customers.riskExpiresAt} >= (${first}::date)::timestamp at time zone ${timeZone}
          and ${customers.riskExpiresAt} < (${first}::date + interval '1 month')::timestamp at time zone ${timeZone}
        group by 1`,
  );
  const toMap = (rows: { d: string; n: string | number }[]) => new Map(rows.map((r) => [Number(r.d), Number(r.n)]));
  return { birthdays: toMap(birthdays), maturities: toMap(maturities), expiries: toMap(expiries) };
}
