import { and, eq, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../kernel/db';
import { queryRows } from '../../kernel/db/query';
import { keysetAfter, orderByKeys, type SortKey } from '../../kernel/pagination';
import { roles, units, userRoles, users } from '../access';
import { customers } from '../customers';
import {
  type NewTaskRow,
  type TaskCategory,
  type TaskRow,
  type TaskStatus,
  taskEscalations,
  tasks,
} from './engagement.tables';

const owner = alias(users, 'owner');

/** A task with the names a view needs: the customer (masked later) and the owner. */
export type TaskWithNames = TaskRow & {
  customerName: string;
  customerKind: 'individual' | 'organisation';
  ownerName: string | null;
};

const withNames = {
  task: tasks,
  customerName: customers.name,
  customerKind: customers.kind,
  ownerName: owner.displayName,
};

function flatten(
  rows: {
    task: TaskRow;
    customerName: string;
    customerKind: 'individual' | 'organisation';
    ownerName: string | null;
  }[],
): TaskWithNames[] {
  return rows.map((r) => ({
    ...r.task,
    customerName: r.customerName,
    customerKind: r.customerKind,
    ownerName: r.ownerName,
  }));
}

export const openStatuses: TaskStatus[] = ['open', 'in_progress'];

/** Insert tasks; a row whose source event or open dedupe key already has a task is skipped. Returns those inserted. */
export async function insertTasks(tx: DbOrTx, rows: NewTaskRow[]): Promise<TaskRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(tasks).values(rows).onConflictDoNothing().returning();
}

export async function findTask(
  db: DbOrTx,
  id: string,
  scope: SQL,
  opts: { lock?: boolean } = {},
): Promise<TaskWithNames | null> {
  const q = db
    .select(withNames)
    .from(tasks)
    .innerJoin(customers, eq(customers.id, tasks.customerId))
    .leftJoin(owner, eq(owner.id, tasks.ownerId))
    .where(and(eq(tasks.id, id), scope))
    .limit(1);
  const rows = opts.lock ? await q.for('update', { of: tasks }) : await q;
  return flatten(rows)[0] ?? null;
}

export async function updateTask(tx: DbOrTx, id: string, set: Partial<NewTaskRow>): Promise<void> {
  await tx.update(tasks).set(set).where(eq(tasks.id, id));
}

export type TaskFilter = {
  scope: SQL;
  ownerId?: string;
  customerId?: string;
  statuses?: readonly TaskStatus[];
  category?: TaskCategory;
  excludeCategory?: TaskCategory;
  dueBefore?: Date;
  dueFrom?: Date;
};

function filterSql(f: TaskFilter): SQL | undefined {
  return and(
    f.scope,
    f.ownerId ? eq(tasks.ownerId, f.ownerId) : undefined,
    f.customerId ? eq(tasks.customerId, f.customerId) : undefined,
    f.statuses && f.statuses.length > 0 ? inArray(tasks.status, [...f.statuses]) : undefined,
    f.category ? eq(tasks.category, f.category) : undefined,
    f.excludeCategory ? ne(tasks.category, f.excludeCategory) : undefined,
    f.dueBefore ? lt(tasks.dueAt, f.dueBefore) : undefined,
    f.dueFrom ? sql`${tasks.dueAt} >= ${f.dueFrom}` : undefined,
  );
}

export type TaskOrder = 'due' | 'created';

const dueKeys: SortKey[] = [
  { column: tasks.dueAt, direction: 'asc' },
  { column: tasks.id, direction: 'asc' },
];
const createdKeys: SortKey[] = [
  { column: tasks.createdAt, direction: 'desc' },
  { column: tasks.id, direction: 'desc' },
];

export function taskSortValues(order: TaskOrder, t: TaskRow): unknown[] {
  return order === 'due' ? [t.dueAt, t.id] : [t.createdAt, t.id];
}

/** Tasks in the actor's scope (joined through customers, convention 6), keyset-paged. */
export async function listTasks(
  db: DbOrTx,
  f: TaskFilter,
  order: TaskOrder,
  after: unknown[] | null,
  limit: number,
): Promise<TaskWithNames[]> {
  const keys = order === 'due' ? dueKeys : createdKeys;
  const rows = await db
    .select(withNames)
    .from(tasks)
    .innerJoin(customers, eq(customers.id, tasks.customerId))
    .leftJoin(owner, eq(owner.id, tasks.ownerId))
    .where(and(filterSql(f), after ? keysetAfter(keys, after) : undefined))
    .orderBy(...orderByKeys(keys))
    .limit(limit);
  return flatten(rows);
}

/** The first `limit` tasks (soonest due first) and how many match in all, in one query. */
export async function firstTasks(
  db: DbOrTx,
  f: TaskFilter,
  limit: number,
): Promise<{ rows: TaskWithNames[]; total: number }> {
  const rows = await db
    .select({ ...withNames, total: sql<number>`(count(*) over ())::int` })
    .from(tasks)
    .innerJoin(customers, eq(customers.id, tasks.customerId))
    .leftJoin(owner, eq(owner.id, tasks.ownerId))
    .where(filterSql(f))
    .orderBy(...orderByKeys(dueKeys))
    .limit(limit);
  return { rows: flatten(rows), total: Number(rows[0]?.total ?? 0) };
}

/**
 * Move a customer's open tasks to their new RM: those owned by the previous
 * RM and those in the unit pool (no owner). Returns the moved task ids.
 */
export async function moveOpenTasks(
  tx: DbOrTx,
  customerId: string,
  fromRmId: string | null,
  toRmId: string,
  at: Date,
): Promise<string[]> {
  const rows = await tx
    .update(tasks)
    .set({ ownerId: toRmId, updatedAt: at })
    .where(
      and(
        eq(tasks.customerId, customerId),
        inArray(tasks.status, openStatuses),
        ne(tasks.category, 'alert'),
        fromRmId ? or(eq(tasks.ownerId, fromRmId), isNull(tasks.ownerId)) : isNull(tasks.ownerId),
      ),
    )
    .returning({ id: tasks.id });
  return rows.map((r) => r.id);
}

/** Open tasks due before `cutoff` that were never escalated (alerts themselves are not escalated). */
export async function tasksToEscalate(db: DbOrTx, cutoff: Date, limit: number): Promise<TaskRow[]> {
  return db
    .select()
    .from(tasks)
    .where(
      and(
        inArray(tasks.status, openStatuses),
        isNull(tasks.escalatedAt),
        lt(tasks.dueAt, cutoff),
        ne(tasks.category, 'alert'),
      ),
    )
    .orderBy(tasks.dueAt, tasks.id)
    .limit(limit);
}

export async function insertEscalation(tx: DbOrTx, row: typeof taskEscalations.$inferInsert): Promise<boolean> {
  const r = await tx.insert(taskEscalations).values(row).onConflictDoNothing().returning({ id: taskEscalations.id });
  return r.length > 0;
}

export async function escalationOf(db: DbOrTx, taskId: string) {
  const rows = await db.select().from(taskEscalations).where(eq(taskEscalations.taskId, taskId)).limit(1);
  return rows[0] ?? null;
}

/**
 * The branch a unit belongs to (itself for a branch, its parent for a
 * sub-branch; none for the head office) and that branch's active branch
 * manager, first by username.
 */
export async function branchManagerOf(
  db: DbOrTx,
  unitId: string,
): Promise<{ branchId: string | null; managerId: string | null }> {
  const rows = await queryRows<{ branch_id: string | null; manager_id: string | null }>(
    db,
    sql`with u as (select id, kind, parent_id from ${units} where id = ${unitId}),
             b as (select case when u.kind = 'sub_branch' then u.parent_id when u.kind = 'branch' then u.id end as id from u)
        select b.id as branch_id,
               (select usr.id from ${users} usr
                  join ${userRoles} ur on ur.user_id = usr.id
                  join ${roles} r on r.id = ur.role_id
                 where usr.unit_id = b.id and usr.status = 'active' and r.code = 'branch_manager'
                 order by usr.username limit 1) as manager_id
          from b`,
  );
  return { branchId: rows[0]?.branch_id ?? null, managerId: rows[0]?.manager_id ?? null };
}

export async function userUnit(db: DbOrTx, userId: string): Promise<string | null> {
  const rows = await db.select({ unitId: users.unitId }).from(users).where(eq(users.id, userId)).limit(1);
  return rows[0]?.unitId ?? null;
}

export async function activeUser(
  db: DbOrTx,
  userId: string,
): Promise<{ id: string; unitId: string; displayName: string } | null> {
  const rows = await db
    .select({ id: users.id, unitId: users.unitId, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.status, 'active')))
    .limit(1);
  return rows[0] ?? null;
}
