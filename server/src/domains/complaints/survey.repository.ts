import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { queryRows } from '../../kernel/db/query';
import { units, users } from '../access';
import { customers } from '../customers';
import {
  type SurveyInvitationRow,
  type SurveyTemplateRow,
  surveyInvitations,
  surveyResponses,
  surveyTemplates,
} from './complaints.tables';

export async function templateByCode(db: DbOrTx, code: string): Promise<SurveyTemplateRow | null> {
  const rows = await db.select().from(surveyTemplates).where(eq(surveyTemplates.code, code)).limit(1);
  return rows[0] ?? null;
}

export async function templateById(db: DbOrTx, id: string): Promise<SurveyTemplateRow | null> {
  const rows = await db.select().from(surveyTemplates).where(eq(surveyTemplates.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function listTemplates(db: DbOrTx): Promise<SurveyTemplateRow[]> {
  return db.select().from(surveyTemplates).orderBy(surveyTemplates.code);
}

export async function insertTemplates(db: DbOrTx, rows: (typeof surveyTemplates.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(surveyTemplates).values(rows).onConflictDoNothing();
}

export async function customerForSurvey(db: DbOrTx, id: string) {
  const rows = await db
    .select({ id: customers.id, unitId: customers.homeUnitId, rmId: customers.rmId, status: customers.status })
    .from(customers)
    .where(eq(customers.id, id))
    .limit(1);
  return rows[0] ?? null;
}

export async function staffUnit(db: DbOrTx, id: string): Promise<string | null> {
  const rows = await db.select({ unitId: users.unitId }).from(users).where(eq(users.id, id)).limit(1);
  return rows[0]?.unitId ?? null;
}

/** Insert an invitation unless one exists for the same trigger and source (idempotent); returns it if new. */
export async function insertInvitation(
  tx: DbOrTx,
  row: typeof surveyInvitations.$inferInsert,
): Promise<SurveyInvitationRow | null> {
  const rows = await tx.insert(surveyInvitations).values(row).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export async function invitationById(db: DbOrTx, id: string): Promise<SurveyInvitationRow | null> {
  const rows = await db.select().from(surveyInvitations).where(eq(surveyInvitations.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Mark an invitation answered if it was not (single use, even under concurrent answers). */
export async function claimInvitation(tx: DbOrTx, id: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(surveyInvitations)
    .set({ answeredAt: now })
    .where(and(eq(surveyInvitations.id, id), isNull(surveyInvitations.answeredAt)))
    .returning({ id: surveyInvitations.id });
  return rows.length === 1;
}

export async function insertResponse(tx: DbOrTx, row: typeof surveyResponses.$inferInsert): Promise<void> {
  await tx.insert(surveyResponses).values(row);
}

export async function customerInvitations(db: DbOrTx, customerId: string) {
  return db
    .select({
      inv: surveyInvitations,
      score: surveyResponses.score,
      low: surveyResponses.low,
      templateName: surveyTemplates.name,
    })
    .from(surveyInvitations)
    .leftJoin(surveyResponses, eq(surveyResponses.invitationId, surveyInvitations.id))
    .leftJoin(surveyTemplates, eq(surveyTemplates.id, surveyInvitations.templateId))
    .where(eq(surveyInvitations.customerId, customerId))
    .orderBy(desc(surveyInvitations.createdAt))
    .limit(50);
}

export type ResultRow = {
  group_id: string | null;
  group_name: string | null;
  period: string;
  kind: string;
  responses: number;
  avg_score: number | null;
  promoters: number;
  detractors: number;
  low: number;
};

/**
 * Survey results per branch or per staff member and month: responses, the
 * average score, NPS promoters (9-10) and detractors (0-6), low scores.
 */
export async function results(
  db: DbOrTx,
  q: { scope: SQL; groupBy: 'unit' | 'rm'; from: Date; to: Date; timeZone: string },
): Promise<ResultRow[]> {
  const group = q.groupBy === 'unit' ? sql`survey_responses.unit_id` : sql`survey_responses.rm_id`;
  const name =
    q.groupBy === 'unit'
      ? sql`(select name from ${units} where id = survey_responses.unit_id)`
      : sql`(select display_name from ${users} where id = survey_responses.rm_id)`;
  return queryRows<ResultRow>(
    db,
    sql`select ${group} as group_id, ${name} as group_name,
               to_char(survey_responses.answered_at at time zone ${q.timeZone}, 'YYYY-MM') as period, survey_responses.kind,
               count(*)::int as responses, avg(survey_responses.score)::float8 as avg_score,
               count(*) filter (where survey_responses.kind = 'nps' and survey_responses.score >= 9)::int as promoters,
               count(*) filter (where survey_responses.kind = 'nps' and survey_responses.score <= 6)::int as detractors,
               count(*) filter (where survey_responses.low)::int as low
          from ${surveyResponses}
         where ${q.scope} and survey_responses.answered_at >= ${q.from.toISOString()} and survey_responses.answered_at < ${q.to.toISOString()}
         group by 1, 2, 3, 4
         order by 3, 2`,
  );
}
