import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { queryRows } from '../../kernel/db/query';
import { roles, units, userRoles, users } from '../access';
import { customers } from '../customers';
import { customerLastContact, rmCapacities, type ServicePolicyRow, servicePolicies, tasks } from './engagement.tables';

export async function listPolicies(db: DbOrTx): Promise<ServicePolicyRow[]> {
  return db.select().from(servicePolicies).orderBy(servicePolicies.tier);
}

/** Insert the default policy of each tier that has none (bootstrap; never overwrites an edited one). */
export async function ensurePolicies(db: DbOrTx, rows: ServicePolicyRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(servicePolicies).values(rows).onConflictDoNothing();
}

export async function updatePolicy(tx: DbOrTx, tier: string, set: Partial<ServicePolicyRow>): Promise<void> {
  await tx.update(servicePolicies).set(set).where(eq(servicePolicies.tier, tier));
}

export async function setCapacity(tx: DbOrTx, row: typeof rmCapacities.$inferInsert): Promise<void> {
  await tx
    .insert(rmCapacities)
    .values(row)
    .onConflictDoUpdate({
      target: rmCapacities.userId,
      set: { capacity: row.capacity, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
    });
}

/**
 * When contact is due for a customer: the last contact (or, never contacted,
 * the onboarding date in the bank's time zone) plus the tier's standard.
 * Needs `customers`, `service_policies p` and `customer_last_contact lc` in the FROM.
 */
export function contactDueSql(timeZone: string): SQL {
  return sql`(coalesce(lc.last_contact_at, (${customers.onboardedOn}::timestamp at time zone ${timeZone})) + make_interval(months => p.contact_every_months))`;
}

/** Customers under the contact standard: active, past prospect, not churned (docs/domains/engagement.md). */
const served = sql`${customers.status} = 'active' and ${customers.lifecycleStage} not in ('prospect', 'churned')`;

const contactFrom = sql`${customers}
  join ${servicePolicies} p on p.tier = ${customers.tier}
  left join ${customerLastContact} lc on lc.customer_id = ${customers.id}`;

export type BreachRow = {
  id: string;
  name: string;
  kind: 'individual' | 'organisation';
  tier: string;
  rm_id: string | null;
  home_unit_id: string;
  last_contact_at: Date | string | null;
  due_since: Date | string;
  contact_every_months: number;
  /** how many rows the query matched before the limit */
  total: number;
};

/** Contact-standard breaches in a scope, longest overdue first, each row with the total (one scan). */
export async function breaches(
  db: DbOrTx,
  f: { scope: SQL; rmId?: string; now: Date; timeZone: string; limit: number },
): Promise<BreachRow[]> {
  const due = contactDueSql(f.timeZone);
  return queryRows<BreachRow>(
    db,
    sql`select ${customers.id} as id, ${customers.name} as name, ${customers.kind} as kind, ${customers.tier} as tier,
               ${customers.rmId} as rm_id, ${customers.homeUnitId} as home_unit_id, lc.last_contact_at,
               ${due} as due_since, p.contact_every_months, (count(*) over ())::int as total
          from ${contactFrom}
         where ${served} and ${f.scope} ${f.rmId ? sql`and ${customers.rmId} = ${f.rmId}` : sql``}
           and ${due} < ${f.now}
         order by due_since, ${customers.id}
         limit ${f.limit}`,
  );
}

/**
 * Contact-standard breaches without an open contact-standard task among the
 * next `window` customers by id after `after`, and the last id of that window
 * (null once the book is done). The nightly job walks the book window by
 * window: each call reads one fixed slice of the primary key, whatever the
 * planner's statistics say, so a sweep is one pass over the customers (a
 * "next N breaches" query re-reads the rest of the book on every batch when
 * the statistics are missing, as after a bulk load).
 */
export async function breachWindow(
  db: DbOrTx,
  f: { after: string; now: Date; timeZone: string; window: number },
): Promise<{ rows: BreachRow[]; lastId: string | null }> {
  const [edge] = await queryRows<{ last_id: string | null }>(
    db,
    sql`select max(w.id) as last_id
          from (select ${customers.id} as id from ${customers} where ${customers.id} > ${f.after}
                 order by ${customers.id} limit ${f.window}) w`,
  );
  const lastId = edge?.last_id ?? null;
  if (lastId === null) return { rows: [], lastId };
  const due = contactDueSql(f.timeZone);
  const rows = await queryRows<BreachRow>(
    db,
    sql`select ${customers.id} as id, ${customers.name} as name, ${customers.kind} as kind, ${customers.tier} as tier,
               ${customers.rmId} as rm_id, ${customers.homeUnitId} as home_unit_id, lc.last_contact_at,
               ${due} as due_since, p.contact_every_months, 0 as total
          from ${contactFrom}
         where ${customers.id} > ${f.after} and ${customers.id} <= ${lastId} and ${served} and ${due} < ${f.now}
           and not exists (select 1 from ${tasks} t where t.dedupe_key = 'contact_standard:' || ${customers.id}
                             and t.status in ('open', 'in_progress'))
         order by ${customers.id}`,
  );
  return { rows, lastId };
}

export type AdherenceRow = { key: string | null; total: number; within: number };

/** Contact-standard adherence grouped by RM or by home unit, within a scope. */
export async function adherenceBy(
  db: DbOrTx,
  f: { scope: SQL; by: 'rm' | 'unit'; rmIds?: readonly string[]; now: Date; timeZone: string },
): Promise<AdherenceRow[]> {
  const due = contactDueSql(f.timeZone);
  const key = f.by === 'rm' ? customers.rmId : customers.homeUnitId;
  if (f.rmIds && f.rmIds.length === 0) return [];
  return queryRows<AdherenceRow>(
    db,
    sql`select ${key} as key, count(*)::int as total, (count(*) filter (where ${due} >= ${f.now}))::int as within
          from ${contactFrom}
         where ${served} and ${f.scope} ${f.rmIds ? sql`and ${inArray(customers.rmId, [...f.rmIds])}` : sql``}
         group by ${key}`,
  );
}

/** `expr in (a, b, ...)` for an aliased column drizzle cannot name. */
function inList(expr: SQL, values: readonly string[]): SQL {
  return sql`${expr} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

export type StaffRow = { id: string; display_name: string; unit_id: string; unit_name: string; unit_path: string };

/** Relationship managers (active staff holding a role with a `book` data scope), optionally limited to units. */
export async function relationshipManagers(
  db: DbOrTx,
  f: { unitIds?: readonly string[]; userIds?: readonly string[] },
): Promise<StaffRow[]> {
  if ((f.unitIds && f.unitIds.length === 0) || (f.userIds && f.userIds.length === 0)) return [];
  return queryRows<StaffRow>(
    db,
    sql`select distinct usr.id, usr.display_name, usr.unit_id, un.name as unit_name, un.path as unit_path
          from ${users} usr
          join ${userRoles} ur on ur.user_id = usr.id
          join ${roles} r on r.id = ur.role_id
          join ${units} un on un.id = usr.unit_id
         where usr.status = 'active' and r.data_scope = 'book'
           ${f.unitIds ? sql`and ${inList(sql`usr.unit_id`, f.unitIds)}` : sql``}
           ${f.userIds ? sql`and ${inList(sql`usr.id`, f.userIds)}` : sql``}
         order by usr.display_name, usr.id`,
  );
}

/** RMs of a branch subtree (by materialised path), for assignment proposals. */
export async function rmsUnderPath(db: DbOrTx, pathPrefix: string): Promise<StaffRow[]> {
  return queryRows<StaffRow>(
    db,
    sql`select distinct usr.id, usr.display_name, usr.unit_id, un.name as unit_name, un.path as unit_path
          from ${users} usr
          join ${userRoles} ur on ur.user_id = usr.id
          join ${roles} r on r.id = ur.role_id
          join ${units} un on un.id = usr.unit_id
         where usr.status = 'active' and r.data_scope = 'book' and un.path like ${`${pathPrefix}%`}
         order by usr.id`,
  );
}

/** How many active customers each RM holds, and their capacity override if any. */
export async function loads(
  db: DbOrTx,
  rmIds: readonly string[],
): Promise<Map<string, { load: number; capacity: number | null }>> {
  const out = new Map<string, { load: number; capacity: number | null }>();
  if (rmIds.length === 0) return out;
  const rows = await queryRows<{ rm_id: string; n: number }>(
    db,
    sql`select ${customers.rmId} as rm_id, count(*)::int as n from ${customers}
         where ${inArray(customers.rmId, [...rmIds])} and ${customers.status} = 'active' group by ${customers.rmId}`,
  );
  const caps = await db
    .select()
    .from(rmCapacities)
    .where(inArray(rmCapacities.userId, [...rmIds]));
  for (const id of rmIds) out.set(id, { load: 0, capacity: null });
  for (const r of rows) out.set(r.rm_id, { load: Number(r.n), capacity: null });
  for (const c of caps) out.set(c.userId, { load: out.get(c.userId)?.load ?? 0, capacity: c.capacity });
  return out;
}

export type UnassignedRow = {
  id: string;
  name: string;
  kind: 'individual' | 'organisation';
  tier: string;
  home_unit_id: string;
  unit_path: string;
  unit_kind: string;
};

/** Unassigned active customers in tiers that need a dedicated RM, within a scope, highest AUM first. */
export async function unassignedNeedingRm(db: DbOrTx, f: { scope: SQL; limit: number }): Promise<UnassignedRow[]> {
  return queryRows<UnassignedRow>(
    db,
    sql`select ${customers.id} as id, ${customers.name} as name, ${customers.kind} as kind, ${customers.tier} as tier,
               ${customers.homeUnitId} as home_unit_id, un.path as unit_path, un.kind as unit_kind
          from ${customers}
          join ${servicePolicies} p on p.tier = ${customers.tier} and p.dedicated_rm
          join ${units} un on un.id = ${customers.homeUnitId}
         where ${customers.rmId} is null and ${customers.status} = 'active' and ${f.scope}
         order by ${customers.aum} desc, ${customers.id}
         limit ${f.limit}`,
  );
}
