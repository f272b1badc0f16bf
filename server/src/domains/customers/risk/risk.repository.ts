import { and, desc, eq, gt, inArray, isNotNull, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../kernel/db';
import { keysetAfter, orderByKeys, type SortKey } from '../../../kernel/pagination';
import { customers } from '../customers.tables';
import { type RiskAssessmentStatus, riskAssessments, riskQuestionnaires } from './risk.tables';
import { type QuestionnaireContent, questionnaireContent } from './scoring';

export type AssessmentRow = typeof riskAssessments.$inferSelect;
export type NewAssessmentRow = typeof riskAssessments.$inferInsert;

/** Insert a questionnaire unless a row with its id exists (idempotent bootstrap). */
export async function insertQuestionnaireIfAbsent(
  db: DbOrTx,
  q: QuestionnaireContent,
  at: Date,
  active: boolean,
): Promise<void> {
  await db
    .insert(riskQuestionnaires)
    .values({
      id: q.id,
      version: q.version,
      jurisdiction: q.jurisdiction,
      title: q.title,
      questions: q.questions,
      bands: q.bands,
      active,
      createdAt: at,
    })
    .onConflictDoNothing();
}

function toContent(row: typeof riskQuestionnaires.$inferSelect): QuestionnaireContent {
  // Parsed on every read: a malformed row (say a band naming C6) fails here, never scores (SUIT-02).
  return questionnaireContent.parse({
    id: row.id,
    version: row.version,
    jurisdiction: row.jurisdiction,
    title: row.title,
    questions: row.questions,
    bands: row.bands,
  });
}

export async function findActiveQuestionnaire(
  db: DbOrTx,
  jurisdiction: string,
): Promise<(QuestionnaireContent & { active: boolean }) | null> {
  const rows = await db
    .select()
    .from(riskQuestionnaires)
    .where(and(eq(riskQuestionnaires.jurisdiction, jurisdiction), eq(riskQuestionnaires.active, true)))
    .limit(1);
  const row = rows[0];
  return row ? { ...toContent(row), active: row.active } : null;
}

export async function findQuestionnaire(
  db: DbOrTx,
  id: string,
): Promise<(QuestionnaireContent & { active: boolean }) | null> {
  const rows = await db.select().from(riskQuestionnaires).where(eq(riskQuestionnaires.id, id)).limit(1);
  const row = rows[0];
  return row ? { ...toContent(row), active: row.active } : null;
}

export type CustomerRef = { id: string; status: string };

/**
 * The customer, when it exists and `scope` (the actor's data scope) admits
 * it; with `lock`, the row is locked for the transaction, which serialises
 * concurrent assessments of one customer (SUIT-06 counters stay exact).
 */
export async function findCustomerInScope(
  db: DbOrTx,
  id: string,
  scope: SQL | undefined,
  lock = false,
): Promise<CustomerRef | null> {
  const q = db
    .select({ id: customers.id, status: customers.status })
    .from(customers)
    .where(and(eq(customers.id, id), scope))
    .limit(1);
  const rows = lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

/** When this customer's assessments were taken, since `since` (SUIT-06 counters). */
export async function assessmentTimesSince(db: DbOrTx, customerId: string, since: Date): Promise<Date[]> {
  const rows = await db
    .select({ at: riskAssessments.assessedAt })
    .from(riskAssessments)
    .where(and(eq(riskAssessments.customerId, customerId), gt(riskAssessments.assessedAt, since)));
  return rows.map((r) => r.at);
}

/** The latest assessments that matter for the current profile (not superseded), newest first. */
export async function recentLiveAssessments(db: DbOrTx, customerId: string, limit = 20): Promise<AssessmentRow[]> {
  return db
    .select()
    .from(riskAssessments)
    .where(
      and(
        eq(riskAssessments.customerId, customerId),
        inArray(riskAssessments.status, ['confirmed', 'pending_reconfirmation', 'invalidated']),
      ),
    )
    .orderBy(desc(riskAssessments.assessedAt), desc(riskAssessments.id))
    .limit(limit);
}

/** The latest assessment that ever took effect (confirmed at some point), whatever it is now. */
export async function lastEffectiveAssessment(db: DbOrTx, customerId: string): Promise<AssessmentRow | null> {
  const rows = await db
    .select()
    .from(riskAssessments)
    .where(and(eq(riskAssessments.customerId, customerId), isNotNull(riskAssessments.confirmedAt)))
    .orderBy(desc(riskAssessments.confirmedAt), desc(riskAssessments.id))
    .limit(1);
  return rows[0] ?? null;
}

export async function findAssessment(db: DbOrTx, customerId: string, id: string): Promise<AssessmentRow | null> {
  const rows = await db
    .select()
    .from(riskAssessments)
    .where(and(eq(riskAssessments.id, id), eq(riskAssessments.customerId, customerId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertAssessment(db: DbOrTx, row: NewAssessmentRow): Promise<AssessmentRow> {
  const rows = await db.insert(riskAssessments).values(row).returning();
  const inserted = rows[0];
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

/** Move every assessment of the customer in one of `from` statuses to `to`; returns their ids. */
export async function transitionAssessments(
  db: DbOrTx,
  customerId: string,
  from: readonly RiskAssessmentStatus[],
  set: Partial<NewAssessmentRow> & { status: RiskAssessmentStatus },
): Promise<string[]> {
  const rows = await db
    .update(riskAssessments)
    .set(set)
    .where(and(eq(riskAssessments.customerId, customerId), inArray(riskAssessments.status, [...from])))
    .returning({ id: riskAssessments.id });
  return rows.map((r) => r.id);
}

export async function updateAssessment(db: DbOrTx, id: string, set: Partial<NewAssessmentRow>): Promise<void> {
  await db.update(riskAssessments).set(set).where(eq(riskAssessments.id, id));
}

/** Mirror the level in force onto the customer row (same transaction as the assessment change). */
export async function setCustomerRisk(
  db: DbOrTx,
  customerId: string,
  level: string | null,
  expiresAt: Date | null,
  at: Date,
): Promise<void> {
  await db
    .update(customers)
    .set({ riskLevel: level, riskExpiresAt: expiresAt, updatedAt: at })
    .where(eq(customers.id, customerId));
}

const historyKeys: SortKey[] = [
  { column: riskAssessments.assessedAt, direction: 'desc' },
  { column: riskAssessments.id, direction: 'desc' },
];

export async function assessmentHistory(
  db: DbOrTx,
  customerId: string,
  limit: number,
  after: unknown[] | null,
): Promise<AssessmentRow[]> {
  return db
    .select()
    .from(riskAssessments)
    .where(and(eq(riskAssessments.customerId, customerId), after ? keysetAfter(historyKeys, after) : undefined))
    .orderBy(...orderByKeys(historyKeys))
    .limit(limit + 1);
}
