import { and, asc, desc, eq, gte, inArray, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../kernel/db';
import { insertJsonRows } from '../../kernel/db/json-insert';
import { queryRows } from '../../kernel/db/query';
import { keysetAfter, type SortKey } from '../../kernel/pagination';
import { roles, units, userRoles, users } from '../access';
import { customers } from '../customers';
import {
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintRow,
  type ComplaintStatus,
  complaintAttachments,
  complaintHistory,
  complaints,
  type HolidayKind,
  holidayCalendar,
  type JurisdictionProfile,
  type NewComplaintRow,
  openComplaintStatuses,
} from './complaints.tables';

const handler = alias(users, 'handler');

/** A complaint with the names a view needs (the customer's is masked later). */
export type ComplaintWithNames = ComplaintRow & {
  customerName: string | null;
  customerKind: 'individual' | 'organisation' | null;
  unitName: string;
  handlerName: string | null;
};

const withNames = {
  c: complaints,
  customerName: customers.name,
  customerKind: customers.kind,
  unitName: units.name,
  handlerName: handler.displayName,
};

type Joined = {
  c: ComplaintRow;
  customerName: string | null;
  customerKind: 'individual' | 'organisation' | null;
  unitName: string | null;
  handlerName: string | null;
};

function flatten(rows: Joined[]): ComplaintWithNames[] {
  return rows.map((r) => ({
    ...r.c,
    customerName: r.customerName,
    customerKind: r.customerKind,
    unitName: r.unitName ?? r.c.unitId,
    handlerName: r.handlerName,
  }));
}

function joined(db: DbOrTx) {
  return db
    .select(withNames)
    .from(complaints)
    .leftJoin(customers, eq(customers.id, complaints.customerId))
    .leftJoin(units, eq(units.id, complaints.unitId))
    .leftJoin(handler, eq(handler.id, complaints.handlerId));
}

export async function insertComplaint(tx: DbOrTx, row: NewComplaintRow): Promise<void> {
  await tx.insert(complaints).values(row);
}

export async function findComplaint(
  db: DbOrTx,
  id: string,
  scope: SQL,
  opts: { lock?: boolean } = {},
): Promise<ComplaintWithNames | null> {
  const q = joined(db)
    .where(and(eq(complaints.id, id), scope))
    .limit(1);
  const rows = opts.lock ? await q.for('update', { of: complaints }) : await q;
  return flatten(rows)[0] ?? null;
}

export async function updateComplaint(tx: DbOrTx, id: string, set: Partial<NewComplaintRow>): Promise<void> {
  await tx.update(complaints).set(set).where(eq(complaints.id, id));
}

export type HistoryRow = typeof complaintHistory.$inferInsert;

export async function insertHistory(tx: DbOrTx, rows: HistoryRow[]): Promise<void> {
  await insertJsonRows(tx, complaintHistory, rows);
}

export async function historyOf(db: DbOrTx, complaintId: string) {
  return db
    .select({ h: complaintHistory, actorName: users.displayName })
    .from(complaintHistory)
    .leftJoin(users, eq(users.id, complaintHistory.actorId))
    .where(eq(complaintHistory.complaintId, complaintId))
    .orderBy(asc(complaintHistory.at), asc(complaintHistory.id));
}

export type ComplaintFilter = {
  scope: SQL;
  handlerId?: string;
  escalated?: boolean;
  statuses?: readonly ComplaintStatus[];
  category?: ComplaintCategory;
  channel?: ComplaintChannel;
  customerId?: string;
  after?: unknown[];
  limit: number;
};

const boardKeys: SortKey[] = [
  { column: complaints.dueAt, direction: 'asc' },
  { column: complaints.id, direction: 'asc' },
];

/** The complaints board: soonest due first, keyset-paged (index complaints_unit_open_idx / _handler_open_idx). */
export async function listComplaints(db: DbOrTx, f: ComplaintFilter): Promise<ComplaintWithNames[]> {
  const where = and(
    f.scope,
    f.handlerId ? eq(complaints.handlerId, f.handlerId) : undefined,
    f.statuses ? inArray(complaints.status, [...f.statuses]) : undefined,
    f.escalated ? or(sql`${complaints.dueSoonAt} is not null`, sql`${complaints.overdueAt} is not null`) : undefined,
    f.category ? eq(complaints.category, f.category) : undefined,
    f.channel ? eq(complaints.channel, f.channel) : undefined,
    f.customerId ? eq(complaints.customerId, f.customerId) : undefined,
    f.after ? keysetAfter(boardKeys, f.after) : undefined,
  );
  const rows = await joined(db)
    .where(where)
    .orderBy(asc(complaints.dueAt), asc(complaints.id))
    .limit(f.limit + 1);
  return flatten(rows);
}

/** A customer's complaints, newest first (the 360 section). */
export async function customerComplaints(db: DbOrTx, customerId: string, scope: SQL, limit: number) {
  const rows = await joined(db)
    .where(and(eq(complaints.customerId, customerId), scope))
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(limit);
  return flatten(rows);
}

/** CMP-04: this customer's other complaints in the same category received since `since`. */
export async function possibleRepeats(
  db: DbOrTx,
  c: { id: string; customerId: string | null; category: ComplaintCategory },
  since: Date,
) {
  if (!c.customerId) return [];
  return db
    .select({ id: complaints.id, reference: complaints.reference, status: complaints.status })
    .from(complaints)
    .where(
      and(
        eq(complaints.customerId, c.customerId),
        eq(complaints.category, c.category),
        ne(complaints.id, c.id),
        gte(complaints.receivedAt, since),
      ),
    )
    .orderBy(desc(complaints.receivedAt))
    .limit(10);
}

export async function duplicatesOf(db: DbOrTx, id: string) {
  return db
    .select({ id: complaints.id, reference: complaints.reference, status: complaints.status })
    .from(complaints)
    .where(eq(complaints.duplicateOfId, id))
    .orderBy(asc(complaints.receivedAt))
    .limit(50);
}

export async function activeStaff(db: DbOrTx, userId: string) {
  const rows = await db
    .select({ id: users.id, unitId: users.unitId, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.status, 'active')))
    .limit(1);
  return rows[0] ?? null;
}

export async function unitById(db: DbOrTx, id: string) {
  const rows = await db
    .select({ id: units.id, parentId: units.parentId, kind: units.kind, name: units.name })
    .from(units)
    .where(eq(units.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** The branch manager of a unit's branch (a sub-branch reports to its branch); null when there is none. */
export async function branchManagerOf(db: DbOrTx, unitId: string): Promise<string | null> {
  const rows = await queryRows<{ manager_id: string | null }>(
    db,
    sql`with u as (select id, kind, parent_id from ${units} where id = ${unitId}),
             b as (select case when u.kind = 'sub_branch' then u.parent_id else u.id end as id from u)
        select (select usr.id from ${users} usr
                  join ${userRoles} ur on ur.user_id = usr.id
                  join ${roles} r on r.id = ur.role_id
                 where usr.unit_id = b.id and usr.status = 'active' and r.code = 'branch_manager'
                 order by usr.username limit 1) as manager_id
          from b`,
  );
  return rows[0]?.manager_id ?? null;
}

// --- holiday calendar

export async function holidaysBetween(db: DbOrTx, jurisdiction: JurisdictionProfile, from: string, to: string) {
  return db
    .select({ date: holidayCalendar.date, kind: holidayCalendar.kind, name: holidayCalendar.name })
    .from(holidayCalendar)
    .where(
      and(
        eq(holidayCalendar.jurisdiction, jurisdiction),
        gte(holidayCalendar.date, from),
        lte(holidayCalendar.date, to),
      ),
    )
    .orderBy(asc(holidayCalendar.date));
}

export async function upsertHolidays(
  db: DbOrTx,
  rows: { jurisdiction: JurisdictionProfile; date: string; kind: HolidayKind; name: string }[],
  opts: { overwrite: boolean },
): Promise<void> {
  if (rows.length === 0) return;
  const q = db.insert(holidayCalendar).values(rows);
  if (opts.overwrite) {
    await q.onConflictDoUpdate({
      target: [holidayCalendar.jurisdiction, holidayCalendar.date],
      set: { kind: sql`excluded.kind`, name: sql`excluded.name` },
    });
  } else {
    await q.onConflictDoNothing();
  }
}

export async function deleteHoliday(db: DbOrTx, jurisdiction: JurisdictionProfile, date: string): Promise<void> {
  await db
    .delete(holidayCalendar)
    .where(and(eq(holidayCalendar.jurisdiction, jurisdiction), eq(holidayCalendar.date, date)));
}

// --- attachments

export async function insertAttachment(tx: DbOrTx, row: typeof complaintAttachments.$inferInsert): Promise<void> {
  await tx.insert(complaintAttachments).values(row);
}

const attachmentMeta = {
  id: complaintAttachments.id,
  fileName: complaintAttachments.fileName,
  mimeType: complaintAttachments.mimeType,
  sizeBytes: complaintAttachments.sizeBytes,
  sha256: complaintAttachments.sha256,
  uploadedBy: complaintAttachments.uploadedBy,
  createdAt: complaintAttachments.createdAt,
};

export async function attachmentsOf(db: DbOrTx, complaintId: string) {
  return db
    .select(attachmentMeta)
    .from(complaintAttachments)
    .where(eq(complaintAttachments.complaintId, complaintId))
    .orderBy(asc(complaintAttachments.createdAt));
}

export async function attachmentContent(db: DbOrTx, complaintId: string, id: string) {
  const rows = await db
    .select({ ...attachmentMeta, content: complaintAttachments.content })
    .from(complaintAttachments)
    .where(and(eq(complaintAttachments.complaintId, complaintId), eq(complaintAttachments.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function linkToCustomer(tx: DbOrTx, complaintId: string, customerId: string): Promise<void> {
  await tx.update(complaintHistory).set({ customerId }).where(eq(complaintHistory.complaintId, complaintId));
  await tx.update(complaintAttachments).set({ customerId }).where(eq(complaintAttachments.complaintId, complaintId));
}

export { openComplaintStatuses };

export type EscalationKind = 'reminder' | 'due_soon' | 'overdue';

export type Escalated = {
  id: string;
  reference: string;
  customer_id: string | null;
  unit_id: string;
  handler_id: string | null;
  status: ComplaintStatus;
  due_at: Date | string;
};

const flagColumn: Record<EscalationKind, string> = {
  reminder: 'reminder_at',
  due_soon: 'due_soon_at',
  overdue: 'overdue_at',
};

/** Where one run's sweep of a window has got to: the latest due instant it flagged. */
export type FlagCursor = { dueAt: Date };

/**
 * Flag one batch of open complaints whose clock reached a threshold, in one
 * statement (set-based; `skip locked` lets a second server's run take other
 * rows). Uses the partial index complaints_open_due_idx. `after` is the
 * latest due instant the previous batch of the same run flagged: the scan
 * starts there instead of walking the already flagged rows again (which made a
 * first run over 100,000 open complaints quadratic).
 */
export async function flagBatch(
  tx: DbOrTx,
  kind: EscalationKind,
  window: { from: Date | null; to: Date },
  now: Date,
  limit: number,
  after: FlagCursor | null = null,
): Promise<{ rows: Escalated[]; next: FlagCursor | null }> {
  const flag = sql.raw(flagColumn[kind]);
  const from = window.from ? sql`and due_at > ${window.from.toISOString()}` : sql``;
  // `>=`: rows due at the same instant as the cursor (or within its millisecond) are read again, and
  // those already flagged drop out on the flag; nothing is skipped
  const resume = after ? sql`and due_at >= ${after.dueAt.toISOString()}` : sql``;
  const rows = await queryRows<Escalated>(
    tx,
    sql`with hit as (
          select id from ${complaints}
           where status in ('received', 'acknowledged', 'assigned', 'investigating', 'proposed')
             and ${flag} is null and due_at <= ${window.to.toISOString()} ${from} ${resume}
           order by due_at
           limit ${limit}
           for update skip locked)
        update ${complaints} c set ${flag} = ${now.toISOString()}, updated_at = ${now.toISOString()}
          from hit where c.id = hit.id
        returning c.id, c.reference, c.customer_id, c.unit_id, c.handler_id, c.status, c.due_at`,
  );
  const last = Math.max(...rows.map((r) => new Date(r.due_at).getTime()));
  return { rows, next: rows.length > 0 ? { dueAt: new Date(last) } : after };
}
