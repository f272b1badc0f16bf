import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../kernel/db';
import { approvals } from '../../access';
import { customerExports, type ExportRow } from './export.tables';

export async function insertExport(db: DbOrTx, row: ExportRow): Promise<void> {
  await db.insert(customerExports).values(row);
}

export async function findExport(db: DbOrTx, id: string, opts: { lock?: boolean } = {}): Promise<ExportRow | null> {
  const q = db.select().from(customerExports).where(eq(customerExports.id, id)).limit(1);
  const rows = opts.lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function findExportByApproval(db: DbOrTx, approvalId: string): Promise<ExportRow | null> {
  const rows = await db.select().from(customerExports).where(eq(customerExports.approvalId, approvalId)).limit(1);
  return rows[0] ?? null;
}

/** The status of an export's approval request (null: none). */
export async function approvalStatusOf(db: DbOrTx, approvalId: string | null): Promise<string | null> {
  if (!approvalId) return null;
  const rows = await db.select({ s: approvals.status }).from(approvals).where(eq(approvals.id, approvalId)).limit(1);
  return rows[0]?.s ?? null;
}

export async function updateExport(db: DbOrTx, id: string, set: Partial<ExportRow>): Promise<void> {
  await db.update(customerExports).set(set).where(eq(customerExports.id, id));
}

export async function countDownload(db: DbOrTx, id: string): Promise<void> {
  await db
    .update(customerExports)
    .set({ downloads: sql`${customerExports.downloads} + 1` })
    .where(eq(customerExports.id, id));
}

/** A maker's exports, newest first (without the frozen id lists). */
export async function exportsOf(db: DbOrTx, userId: string, limit: number) {
  return db
    .select({
      id: customerExports.id,
      format: customerExports.format,
      source: customerExports.source,
      rowCount: customerExports.rowCount,
      status: customerExports.status,
      approvalId: customerExports.approvalId,
      downloads: customerExports.downloads,
      createdAt: customerExports.createdAt,
      expiresAt: customerExports.expiresAt,
      approvalStatus: approvals.status,
    })
    .from(customerExports)
    .leftJoin(approvals, eq(approvals.id, customerExports.approvalId))
    .where(and(eq(customerExports.requestedBy, userId)))
    .orderBy(desc(customerExports.createdAt))
    .limit(limit);
}
