import { and, asc, eq, gt, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../kernel/db';
import { customerContacts, customers } from '../customers.tables';
import { profileRefreshDue } from './quality.tables';

export type ScopeFor = (c: { rmId: PgColumn; homeUnitId: PgColumn }) => SQL | undefined;

export type CustomerCore = typeof customers.$inferSelect;

export async function findCustomer(db: DbOrTx, id: string, scope: ScopeFor): Promise<CustomerCore | null> {
  const rows = await db
    .select()
    .from(customers)
    .where(and(eq(customers.id, id), scope(customers)))
    .limit(1);
  return rows[0] ?? null;
}

export async function contactSummary(db: DbOrTx, customerId: string): Promise<{ kind: string; verified: boolean }[]> {
  return db
    .select({ kind: customerContacts.kind, verified: customerContacts.verified })
    .from(customerContacts)
    .where(eq(customerContacts.customerId, customerId));
}

// ---- stale profiles -------------------------------------------------------

export type StaleCandidate = { id: string; lastVerifiedAt: Date | null; onboardedOn: string };

/** Active customers verified (or, never verified, onboarded) before `cutoff`, by id after `after`. */
export async function staleCustomers(
  db: DbOrTx,
  cutoff: Date,
  after: string,
  limit: number,
): Promise<StaleCandidate[]> {
  const baseline = sql`coalesce(${customers.lastVerifiedAt}, ${customers.onboardedOn}::timestamptz)`;
  return db
    .select({ id: customers.id, lastVerifiedAt: customers.lastVerifiedAt, onboardedOn: customers.onboardedOn })
    .from(customers)
    .where(
      and(
        eq(customers.status, 'active'),
        sql`${baseline} <= ${cutoff.toISOString()}::timestamptz`,
        gt(customers.id, after),
      ),
    )
    .orderBy(asc(customers.id))
    .limit(limit);
}

export async function flagRefreshDue(
  db: DbOrTx,
  rows: (typeof profileRefreshDue.$inferInsert)[],
): Promise<{ customerId: string; reason: string }[]> {
  if (rows.length === 0) return [];
  return db
    .insert(profileRefreshDue)
    .values(rows)
    .onConflictDoNothing()
    .returning({ customerId: profileRefreshDue.customerId, reason: profileRefreshDue.reason });
}

/** Drop flags of customers verified since, or no longer active (merged, closed). */
export async function clearResolvedFlags(db: DbOrTx, cutoff: Date): Promise<number> {
  const rows = await db
    .delete(profileRefreshDue)
    .where(
      inArray(
        profileRefreshDue.customerId,
        db
          .select({ id: customers.id })
          .from(customers)
          .where(
            or(
              ne(customers.status, 'active'),
              sql`coalesce(${customers.lastVerifiedAt}, ${customers.onboardedOn}::timestamptz) > ${cutoff.toISOString()}::timestamptz`,
            ),
          ),
      ),
    )
    .returning({ id: profileRefreshDue.customerId });
  return rows.length;
}

export async function refreshDueOf(db: DbOrTx, customerId: string) {
  const rows = await db.select().from(profileRefreshDue).where(eq(profileRefreshDue.customerId, customerId));
  return rows[0] ?? null;
}

// ---- duplicates -----------------------------------------------------------

export type DuplicateReason = 'same_id_number' | 'same_mobile_and_name' | 'similar_name_and_birth_date';

/** Trigram similarity above which two names on the same birth date count as a possible duplicate. */
export const NAME_SIMILARITY = 0.6;

export type PairRow = { a: string; b: string; reason: DuplicateReason };

const a = alias(customers, 'a');
const b = alias(customers, 'b');
const ca = alias(customerContacts, 'ca');
const cb = alias(customerContacts, 'cb');

function similarNames(): SQL {
  // Chinese names are short, so one changed character drops trigram similarity
  // a lot; the pinyin catches homophones (王小明 / 王晓明), the characters catch typos.
  return sql`greatest(similarity(${a.name}, ${b.name}), similarity(${a.namePinyin}, ${b.namePinyin})) > ${NAME_SIMILARITY}`;
}

/**
 * Candidate duplicate pairs by each rule. `pairFilter` restricts (a, b):
 * one customer against all (a = it, b <> it), or ordered pairs for the batch
 * list (a.id < b.id, keyset after a cursor).
 */
async function pairsByRule(
  db: DbOrTx,
  where: SQL | undefined,
  pairOrder: 'distinct' | 'ordered',
  limit: number,
): Promise<PairRow[]> {
  const live = and(ne(a.status, 'merged'), ne(b.status, 'merged'));
  const pairCond = pairOrder === 'ordered' ? sql`${a.id} < ${b.id}` : ne(a.id, b.id);
  const order = [asc(a.id), asc(b.id)];
  const byId = db
    .selectDistinct({ a: a.id, b: b.id })
    .from(a)
    .innerJoin(b, and(eq(b.idNumberBidx, a.idNumberBidx), pairCond))
    .where(and(live, where))
    .orderBy(...order)
    .limit(limit);
  const byMobile = db
    .selectDistinct({ a: a.id, b: b.id })
    .from(ca)
    .innerJoin(cb, and(eq(cb.valueBidx, ca.valueBidx), eq(cb.kind, 'mobile')))
    .innerJoin(a, eq(a.id, ca.customerId))
    .innerJoin(b, and(eq(b.id, cb.customerId), eq(b.name, a.name), pairCond))
    .where(and(eq(ca.kind, 'mobile'), live, where))
    .orderBy(...order)
    .limit(limit);
  const bySimilarName = db
    .selectDistinct({ a: a.id, b: b.id })
    .from(a)
    .innerJoin(b, and(eq(b.birthDate, a.birthDate), pairCond))
    .where(and(similarNames(), live, where))
    .orderBy(...order)
    .limit(limit);
  const [r1, r2, r3] = await Promise.all([byId, byMobile, bySimilarName]);
  return [
    ...r1.map((r) => ({ ...r, reason: 'same_id_number' as const })),
    ...r2.map((r) => ({ ...r, reason: 'same_mobile_and_name' as const })),
    ...r3.map((r) => ({ ...r, reason: 'similar_name_and_birth_date' as const })),
  ];
}

export async function duplicatesOf(db: DbOrTx, customerId: string, scope: ScopeFor, limit: number) {
  return pairsByRule(db, and(eq(a.id, customerId), scope(b)), 'distinct', limit);
}

export async function duplicatePairs(db: DbOrTx, scope: ScopeFor, after: [string, string] | null, limit: number) {
  const keyset = after ? or(gt(a.id, after[0]), and(eq(a.id, after[0]), gt(b.id, after[1]))) : undefined;
  return pairsByRule(db, and(scope(a), scope(b), keyset), 'ordered', limit);
}

export async function customerSummaries(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: customers.id,
      customerNo: customers.customerNo,
      name: customers.name,
      birthDate: customers.birthDate,
      status: customers.status,
      homeUnitId: customers.homeUnitId,
      rmId: customers.rmId,
    })
    .from(customers)
    .where(inArray(customers.id, [...ids]));
}
