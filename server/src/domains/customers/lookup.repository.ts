import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { roles, units, userRoles, users } from '../access';
import { customers } from './customers.tables';
import { escapeLike } from './search';

/** Lookups that feed the customer list's filters: the RMs and the tags the viewer can filter by. */

export type RmRow = { id: string; displayName: string; unitId: string; unitName: string | null };

/**
 * Active staff who hold a book (a role with data scope `book`), limited by the
 * condition `visible` on the users table and, with `unitId`, to that unit and
 * every unit below it.
 */
export async function relationshipManagerRows(
  db: DbOrTx,
  visible: SQL,
  unitId: string | undefined,
  limit: number,
): Promise<RmRow[]> {
  const holdsBook = sql`exists (select 1 from ${userRoles} join ${roles} on ${roles.id} = ${userRoles.roleId}
    where ${userRoles.userId} = ${users.id} and ${roles.dataScope} = 'book')`;
  const inUnit = unitId
    ? sql`${users.unitId} in (select ${units.id} from ${units} where ${units.path} like (select ${units.path} || '%' from ${units} where ${units.id} = ${unitId}))`
    : undefined;
  return db
    .select({ id: users.id, displayName: users.displayName, unitId: users.unitId, unitName: units.name })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.status, 'active'), holdsBook, visible, inUnit))
    .orderBy(asc(units.path), asc(users.displayName), asc(users.id))
    .limit(limit);
}

/** Tags on active customers in scope, most used first, optionally starting with `prefix`. */
export async function tagRows(
  db: DbOrTx,
  scope: SQL,
  prefix: string | undefined,
  limit: number,
): Promise<{ tag: string; customers: number }[]> {
  const like = prefix ? sql`and t.tag like ${`${escapeLike(prefix)}%`}` : sql``;
  const result = await db.execute(sql`
    select t.tag, count(*)::int as n
    from ${customers}, unnest(${customers.tags}) as t(tag)
    where ${scope} and ${customers.status} = 'active' ${like}
    group by t.tag
    order by n desc, t.tag asc
    limit ${limit}`);
  const rows = (result as unknown as { rows: { tag: string; n: number | string }[] }).rows;
  return rows.map((r) => ({ tag: r.tag, customers: Number(r.n) }));
}
