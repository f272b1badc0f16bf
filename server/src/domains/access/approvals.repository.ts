import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { type ApprovalRow, type ApprovalStatus, approvals } from './access.tables';

export async function insertApproval(db: DbOrTx, row: ApprovalRow): Promise<void> {
  await db.insert(approvals).values(row);
}

/** Read a request and lock it for the deciding transaction (no double decision). */
export async function findApprovalForUpdate(db: DbOrTx, id: string): Promise<ApprovalRow | null> {
  const [row] = await db.select().from(approvals).where(eq(approvals.id, id)).for('update');
  return row ?? null;
}

export async function findApproval(db: DbOrTx, id: string): Promise<ApprovalRow | null> {
  const [row] = await db.select().from(approvals).where(eq(approvals.id, id));
  return row ?? null;
}

export async function updateApproval(
  db: DbOrTx,
  id: string,
  patch: Pick<ApprovalRow, 'status' | 'checkerId' | 'decidedAt' | 'comment'>,
): Promise<void> {
  await db.update(approvals).set(patch).where(eq(approvals.id, id));
}

export function listApprovals(
  db: DbOrTx,
  opts: { status?: ApprovalStatus; action?: string; limit: number },
): Promise<ApprovalRow[]> {
  const conds: (SQL | undefined)[] = [
    opts.status ? eq(approvals.status, opts.status) : undefined,
    opts.action ? eq(approvals.action, opts.action) : undefined,
  ];
  return db
    .select()
    .from(approvals)
    .where(and(...conds))
    .orderBy(asc(approvals.createdAt), asc(approvals.id))
    .limit(opts.limit);
}

/** Pending requests of one action about these subjects (a user's pending role grants), oldest first. */
export function pendingForSubjects(
  db: DbOrTx,
  opts: { action: string; subjectType: string; subjectIds: readonly string[] },
): Promise<ApprovalRow[]> {
  if (opts.subjectIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(approvals)
    .where(
      and(
        eq(approvals.status, 'pending'),
        eq(approvals.action, opts.action),
        eq(approvals.subjectType, opts.subjectType),
        inArray(approvals.subjectId, [...opts.subjectIds]),
      ),
    )
    .orderBy(asc(approvals.createdAt), asc(approvals.id));
}
