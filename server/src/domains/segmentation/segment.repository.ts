import { and, asc, desc, eq, gt, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, setLocalNoJit, setLocalWorkMem } from '../../kernel/db';
import { units, users } from '../access';
import { customers } from '../customers';
import { type SegmentRow, segmentMembers, segments } from './segmentation.tables';

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** How a rule and a scope become a set of customers: a condition and the work_mem (MB) its statements run with. */
export type MemberFilter = { rule: SQL; scope: SQL; workMemMb: number };

/**
 * Run a rule's statement with the work_mem it needs over all customers
 * (SET LOCAL: this transaction or savepoint only), so the holders of a product
 * and the RFM scores are hashed in memory instead of looked up per customer
 * or spilled to disk; and without JIT: over all customers the planner's cost
 * crosses the inlining and optimisation thresholds, and compiling took 0.15
 * to 0.7 s of a 1,000,000-customer count for a scan the executor runs
 * in about as long (bench:segments --explain).
 */
async function executeRule(db: DbOrTx, f: MemberFilter, statement: SQL) {
  return db.transaction(async (tx) => {
    await setLocalWorkMem(tx, f.workMemMb);
    await setLocalNoJit(tx);
    return tx.execute(statement);
  });
}

/** Active customers the rule selects within the scope (convention 6: scope in the query). */
function dynamicWhere(f: MemberFilter): SQL {
  return sql`${customers.status} = 'active' and ${f.scope} and ${f.rule}`;
}

function countDynamicQuery(f: MemberFilter): SQL {
  return sql`select count(*) as n from ${customers} where ${dynamicWhere(f)}`;
}

/** The plan of the count as PostgreSQL runs it (EXPLAIN ANALYZE, BUFFERS, SETTINGS), one line each: for benchmarks. */
export async function explainCountDynamic(db: DbOrTx, f: MemberFilter): Promise<string[]> {
  const r = await executeRule(db, f, sql`explain (analyze, buffers, settings) ${countDynamicQuery(f)}`);
  return rows<Record<string, string>>(r).map((x) => String(Object.values(x)[0]));
}

export async function countDynamic(db: DbOrTx, f: MemberFilter): Promise<number> {
  const r = await executeRule(db, f, countDynamicQuery(f));
  return Number(rows<{ n: string | number }>(r)[0]?.n ?? 0);
}

/** One page of member ids in id order (keyset on the primary key). */
export async function dynamicIds(db: DbOrTx, f: MemberFilter, after: string | null, limit: number): Promise<string[]> {
  const r = await executeRule(
    db,
    f,
    sql`
    select ${customers.id} as id from ${customers}
    where ${dynamicWhere(f)} ${after ? sql`and ${customers.id} > ${after}` : sql``}
    order by ${customers.id} limit ${limit}`,
  );
  return rows<{ id: string }>(r).map((x) => x.id);
}

/** A query yielding the customer ids of a dynamic rule (for campaigns: `where id in (...)`). */
export function dynamicIdQuery(f: MemberFilter): SQL {
  return sql`select ${customers.id} from ${customers} where ${dynamicWhere(f)}`;
}

/** A query yielding the ids of a static segment's members still active and within the scope. */
export function staticIdQuery(segmentId: string, scope: SQL): SQL {
  return sql`select ${customers.id} from ${segmentMembers} join ${customers} on ${customers.id} = ${segmentMembers.customerId}
    where ${segmentMembers.segmentId} = ${segmentId} and ${customers.status} = 'active' and ${scope}`;
}

export async function countStatic(db: DbOrTx, segmentId: string, scope: SQL): Promise<number> {
  const r = await db.execute(sql`select count(*) as n from (${staticIdQuery(segmentId, scope)}) t`);
  return Number(rows<{ n: string | number }>(r)[0]?.n ?? 0);
}

export async function staticIds(
  db: DbOrTx,
  segmentId: string,
  scope: SQL,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const r = await db.execute(sql`${staticIdQuery(segmentId, scope)}
    ${after ? sql`and ${customers.id} > ${after}` : sql``}
    order by ${customers.id} limit ${limit}`);
  return rows<{ id: string }>(r).map((x) => x.id);
}

/** Freeze the members of a static segment: the rule's customers within the maker's scope, set-based. */
export async function snapshotMembers(tx: DbOrTx, segmentId: string, f: MemberFilter, at: Date): Promise<number> {
  await tx.delete(segmentMembers).where(eq(segmentMembers.segmentId, segmentId));
  const r = await executeRule(
    tx,
    f,
    sql`
    with ins as (
      insert into ${segmentMembers} (segment_id, customer_id, added_at)
      select ${segmentId}, ${customers.id}, ${at.toISOString()}::timestamptz from ${customers}
      where ${dynamicWhere(f)}
      returning 1
    )
    select count(*) as n from ins`,
  );
  return Number(rows<{ n: string | number }>(r)[0]?.n ?? 0);
}

export async function insertSegment(tx: DbOrTx, row: SegmentRow): Promise<void> {
  await tx.insert(segments).values(row);
}

export async function findSegment(db: DbOrTx, id: string, opts: { lock?: boolean } = {}): Promise<SegmentRow | null> {
  const q = db.select().from(segments).where(eq(segments.id, id)).limit(1);
  const found = opts.lock ? await q.for('update') : await q;
  return found[0] ?? null;
}

export async function updateSegment(tx: DbOrTx, id: string, set: Partial<SegmentRow>): Promise<SegmentRow | null> {
  const [row] = await tx
    .update(segments)
    .set({ ...set, version: sql`${segments.version} + 1` })
    .where(eq(segments.id, id))
    .returning();
  return row ?? null;
}

export type SegmentListRow = SegmentRow & { createdByName: string | null };

/** Saved segments not archived, most recently changed first (keyset on updated_at, id). */
export async function listSegments(db: DbOrTx, after: [Date, string] | null, limit: number): Promise<SegmentListRow[]> {
  const found = await db
    .select({ s: segments, createdByName: users.displayName })
    .from(segments)
    .leftJoin(users, eq(users.id, segments.createdBy))
    .where(
      and(
        isNull(segments.archivedAt),
        after
          ? or(lt(segments.updatedAt, after[0]), and(eq(segments.updatedAt, after[0]), gt(segments.id, after[1])))
          : undefined,
      ),
    )
    .orderBy(desc(segments.updatedAt), asc(segments.id))
    .limit(limit);
  return found.map((r) => ({ ...r.s, createdByName: r.createdByName }));
}

export async function unitsExist(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await db
    .select({ id: units.id })
    .from(units)
    .where(
      sql`${units.id} = any(array[${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )}]::text[])`,
    );
  return new Set(found.map((r) => r.id));
}

export async function staffExist(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await db
    .select({ id: users.id })
    .from(users)
    .where(
      sql`${users.id} = any(array[${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )}]::text[])`,
    );
  return new Set(found.map((r) => r.id));
}

export async function staffName(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db.select({ n: users.displayName }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.n ?? null;
}
