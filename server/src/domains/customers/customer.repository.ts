import { and, asc, desc, eq, gte, inArray, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { keysetAfter, orderByKeys, type SortKey } from '../../kernel/pagination';
import { units, users } from '../access';
import {
  customerAumOrder,
  customerContacts,
  customerNoSeq,
  customerRelationships,
  customers,
  holdings,
  householdMembers,
  households,
  monthlyAggregates,
} from './customers.tables';
import { nameCondition, pinyinCondition, searchIdsByName } from './search.repository';

export type CustomerRow = typeof customers.$inferSelect;
export type NewCustomerRow = typeof customers.$inferInsert;
export type ContactRow = typeof customerContacts.$inferSelect;
export type HoldingRow = typeof holdings.$inferSelect;

/** A condition on the customers table limiting rows to the actor's data scope (convention 6). */
export type ScopeSql = SQL;

export async function findCustomer(
  db: DbOrTx,
  id: string,
  scope: ScopeSql,
  opts: { lock?: boolean } = {},
): Promise<CustomerRow | null> {
  const q = db
    .select()
    .from(customers)
    .where(and(eq(customers.id, id), scope))
    .limit(1);
  const rows = opts.lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function findCustomersByIds(db: DbOrTx, ids: readonly string[], scope: ScopeSql): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(customers)
    .where(and(inArray(customers.id, [...ids]), scope));
}

export async function findByIdNumberIndex(db: DbOrTx, bidx: string): Promise<CustomerRow[]> {
  return db
    .select()
    .from(customers)
    .where(and(eq(customers.idNumberBidx, bidx), ne(customers.status, 'merged')));
}

export async function findByCustomerNo(db: DbOrTx, customerNo: string): Promise<CustomerRow | null> {
  const rows = await db.select().from(customers).where(eq(customers.customerNo, customerNo)).limit(1);
  return rows[0] ?? null;
}

/** The next CRM-made customer number (prospects): `P` + 10 digits. */
export async function nextProspectNo(db: DbOrTx): Promise<string> {
  const rows = await db.execute(sql`select nextval(${sql.raw(`'${customerNoSeq.seqName}'`)}) as n`);
  const n = Number((rows as unknown as { rows: { n: number | string }[] }).rows[0]?.n);
  return `P${String(n).padStart(10, '0')}`;
}

export async function insertCustomers(db: DbOrTx, rows: readonly NewCustomerRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(customers).values([...rows]);
}

export async function insertContacts(
  db: DbOrTx,
  rows: readonly (typeof customerContacts.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await db.insert(customerContacts).values([...rows]);
}

export async function insertHoldings(db: DbOrTx, rows: readonly (typeof holdings.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(holdings).values([...rows]);
}

export async function insertAggregates(
  db: DbOrTx,
  rows: readonly (typeof monthlyAggregates.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await db.insert(monthlyAggregates).values([...rows]);
}

/** Update a customer; with `version`, only if it still has that version (optimistic concurrency). */
export async function updateCustomerRow(
  db: DbOrTx,
  id: string,
  set: Partial<NewCustomerRow>,
  version?: number,
): Promise<CustomerRow | null> {
  const rows = await db
    .update(customers)
    .set({ ...set, version: sql`${customers.version} + 1` })
    .where(and(eq(customers.id, id), version === undefined ? undefined : eq(customers.version, version)))
    .returning();
  return rows[0] ?? null;
}

// ---- list and search -------------------------------------------------------

/** Search readings (search.ts) with blind indexes already computed by the service. */
export type SearchSql = {
  customerNo?: string;
  idNumberBidx?: string;
  contactBidx?: string[];
  pinyinPrefix?: string;
  nameContains?: string;
};

export type ListFilter = {
  scope: ScopeSql;
  search: SearchSql | null;
  tier?: string;
  stage?: string;
  rmId?: string;
  /** the unit and every unit below it */
  unitId?: string;
  tag?: string;
  riskLevel?: string;
  /** birth dates (YYYY-MM-DD) bounding the age range */
  bornOnOrAfter?: string;
  bornOnOrBefore?: string;
  aumMin?: number;
  aumMax?: number;
  includeInactive?: boolean;
  /** only these customers (exports of a segment or a selection) */
  ids?: readonly string[];
};

export type CustomerSort = 'name' | 'aum' | 'onboarded';

export const sortKeys: Record<CustomerSort, SortKey[]> = {
  name: [
    { column: customers.namePinyin, direction: 'asc' },
    { column: customers.id, direction: 'asc' },
  ],
  // the AUM order's own table (customers.tables.ts: customers carries no index on aum), joined by sortJoin
  aum: [
    { column: customerAumOrder.aum, direction: 'desc' },
    { column: customerAumOrder.customerId, direction: 'asc' },
  ],
  onboarded: [
    { column: customers.onboardedOn, direction: 'desc' },
    { column: customers.id, direction: 'asc' },
  ],
};

export function sortValues(sort: CustomerSort, row: Pick<CustomerRow, 'namePinyin' | 'aum' | 'onboardedOn' | 'id'>) {
  switch (sort) {
    case 'name':
      return [row.namePinyin, row.id];
    case 'aum':
      return [row.aum, row.id];
    case 'onboarded':
      return [row.onboardedOn, row.id];
    default: {
      const unreachable: never = sort;
      throw new Error(`unknown sort ${String(unreachable)}`);
    }
  }
}

function searchCondition(s: SearchSql): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (s.customerNo) parts.push(eq(customers.customerNo, s.customerNo));
  if (s.idNumberBidx) parts.push(eq(customers.idNumberBidx, s.idNumberBidx));
  if (s.contactBidx && s.contactBidx.length > 0) {
    parts.push(
      // an uncorrelated array (one InitPlan) rather than a correlated EXISTS: OR-ed with the other
      // readings it stays an index lookup (BitmapOr on the primary key), never a walk over every customer
      sql`${customers.id} = any(array(select ${customerContacts.customerId} from ${customerContacts} where ${inArray(customerContacts.valueBidx, s.contactBidx)}))`,
    );
  }
  // the same rows as the per-part search of the list sorted by name (search.repository.ts)
  if (s.pinyinPrefix) parts.push(pinyinCondition(s.pinyinPrefix));
  if (s.nameContains) parts.push(nameCondition(s.nameContains));
  const present = parts.filter((p): p is SQL => p !== undefined);
  // a search with no usable reading matches nothing rather than everything
  return present.length > 0 ? or(...present) : sql`false`;
}

function unitSubtree(unitId: string): SQL {
  return sql`${customers.homeUnitId} in (select ${units.id} from ${units} where ${units.path} like (select ${units.path} || '%' from ${units} where ${units.id} = ${unitId}))`;
}

/** Conditions of a list filter, shared by the list and its count. */
export function listConditions(f: ListFilter): SQL | undefined {
  return and(
    f.scope,
    f.includeInactive ? ne(customers.status, 'merged') : eq(customers.status, 'active'),
    f.search ? searchCondition(f.search) : undefined,
    f.tier ? eq(customers.tier, f.tier) : undefined,
    f.stage ? eq(customers.lifecycleStage, f.stage) : undefined,
    f.rmId ? eq(customers.rmId, f.rmId) : undefined,
    f.unitId ? unitSubtree(f.unitId) : undefined,
    f.tag ? sql`${customers.tags} @> array[${f.tag}]::text[]` : undefined,
    f.riskLevel ? eq(customers.riskLevel, f.riskLevel) : undefined,
    f.bornOnOrAfter ? gte(customers.birthDate, f.bornOnOrAfter) : undefined,
    f.bornOnOrBefore ? lte(customers.birthDate, f.bornOnOrBefore) : undefined,
    f.aumMin !== undefined ? gte(customers.aum, f.aumMin) : undefined,
    f.aumMax !== undefined ? lte(customers.aum, f.aumMax) : undefined,
    f.ids ? (f.ids.length > 0 ? inArray(customers.id, [...f.ids]) : sql`false`) : undefined,
  );
}

/**
 * The join a sort needs (the AUM order is `customer_aum_order`, a copy of
 * customers.aum kept by triggers) and the filter's AUM range on that table's
 * index, so that a walk down the AUM order starts and stops at the range.
 */
function sortJoin(f: ListFilter, sort: CustomerSort): { on: SQL; range: SQL | undefined } | null {
  if (sort !== 'aum') return null;
  return {
    on: eq(customerAumOrder.customerId, customers.id),
    range: and(
      f.aumMin !== undefined ? gte(customerAumOrder.aum, f.aumMin) : undefined,
      f.aumMax !== undefined ? lte(customerAumOrder.aum, f.aumMax) : undefined,
    ),
  };
}

/** Ids of the customers a filter selects, in list order, at most `limit` (exports freeze this list). */
export async function listCustomerIds(db: DbOrTx, f: ListFilter, sort: CustomerSort, limit: number): Promise<string[]> {
  const join = sortJoin(f, sort);
  const q = db.select({ id: customers.id }).from(customers).$dynamic();
  const rows = await (join ? q.innerJoin(customerAumOrder, join.on) : q)
    .where(and(listConditions(f), join?.range))
    .orderBy(...orderByKeys(sortKeys[sort]))
    .limit(limit);
  return rows.map((r) => r.id);
}

export type ListedCustomer = CustomerRow & {
  rmName: string | null;
  homeUnitName: string | null;
  mobileEnc: string | null;
};

export async function listCustomerRows(
  db: DbOrTx,
  f: ListFilter,
  sort: CustomerSort,
  after: unknown[] | null,
  limit: number,
): Promise<ListedCustomer[]> {
  const keys = sortKeys[sort];
  const primaryMobile = sql<string | null>`(select ${customerContacts.valueEnc} from ${customerContacts}
    where ${customerContacts.customerId} = ${customers.id} and ${customerContacts.kind} = 'mobile'
    order by ${customerContacts.isPrimary} desc, ${customerContacts.createdAt} asc limit 1)`;
  const reading = sort === 'name' ? nameReading(f.search) : null;
  // a name or pinyin search in name order: the ids first, part by part, each by an index that gives
  // both the filter and the order (search.repository.ts), then their rows
  const ids = reading ? await searchIdsByName(db, reading, listConditions({ ...f, search: null }), after, limit) : null;
  if (ids && ids.length === 0) return [];
  const join = sortJoin(f, sort);
  const q = db
    .select({ c: customers, rmName: users.displayName, homeUnitName: units.name, mobileEnc: primaryMobile })
    .from(customers)
    .$dynamic();
  const rows = await (join ? q.innerJoin(customerAumOrder, join.on) : q)
    .leftJoin(users, eq(users.id, customers.rmId))
    .leftJoin(units, eq(units.id, customers.homeUnitId))
    .where(
      ids
        ? inArray(customers.id, ids)
        : and(listConditions(f), join?.range, after ? keysetAfter(keys, after) : undefined),
    )
    .orderBy(...orderByKeys(keys))
    .limit(limit);
  return rows.map((r) => ({ ...r.c, rmName: r.rmName, homeUnitName: r.homeUnitName, mobileEnc: r.mobileEnc }));
}

/** The search when it is one name or pinyin reading alone (what parseSearch makes of text that is no identifier). */
function nameReading(s: SearchSql | null): { nameContains: string } | { pinyinPrefix: string } | null {
  if (!s || s.customerNo || s.idNumberBidx || (s.contactBidx && s.contactBidx.length > 0)) return null;
  if (s.nameContains && !s.pinyinPrefix) return { nameContains: s.nameContains };
  if (s.pinyinPrefix && !s.nameContains) return { pinyinPrefix: s.pinyinPrefix };
  return null;
}

/** Names of an RM and a unit, for the 360 header. */
export async function namesOf(
  db: DbOrTx,
  rmId: string | null,
  unitId: string,
): Promise<{ rmName: string | null; unitName: string | null }> {
  const [rm] = rmId ? await db.select({ n: users.displayName }).from(users).where(eq(users.id, rmId)) : [];
  const [unit] = await db.select({ n: units.name }).from(units).where(eq(units.id, unitId));
  return { rmName: rm?.n ?? null, unitName: unit?.n ?? null };
}

export async function unitExists(db: DbOrTx, unitId: string): Promise<boolean> {
  const rows = await db.select({ id: units.id }).from(units).where(eq(units.id, unitId)).limit(1);
  return rows.length > 0;
}

export async function activeStaffExists(db: DbOrTx, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.status, 'active')))
    .limit(1);
  return rows.length > 0;
}

// ---- contacts --------------------------------------------------------------

export async function contactsOf(db: DbOrTx, customerId: string): Promise<ContactRow[]> {
  return db
    .select()
    .from(customerContacts)
    .where(eq(customerContacts.customerId, customerId))
    .orderBy(asc(customerContacts.kind), desc(customerContacts.isPrimary), asc(customerContacts.createdAt));
}

export async function findContact(db: DbOrTx, customerId: string, contactId: string): Promise<ContactRow | null> {
  const rows = await db
    .select()
    .from(customerContacts)
    .where(and(eq(customerContacts.customerId, customerId), eq(customerContacts.id, contactId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function clearPrimary(db: DbOrTx, customerId: string, kind: string, now: Date): Promise<void> {
  await db
    .update(customerContacts)
    .set({ isPrimary: false, updatedAt: now })
    .where(
      and(
        eq(customerContacts.customerId, customerId),
        eq(customerContacts.kind, kind as ContactRow['kind']),
        eq(customerContacts.isPrimary, true),
      ),
    );
}

export async function updateContactRow(
  db: DbOrTx,
  contactId: string,
  set: Partial<typeof customerContacts.$inferInsert>,
): Promise<void> {
  await db.update(customerContacts).set(set).where(eq(customerContacts.id, contactId));
}

export async function deleteContactRow(db: DbOrTx, contactId: string): Promise<void> {
  await db.delete(customerContacts).where(eq(customerContacts.id, contactId));
}

// ---- holdings and aggregates -------------------------------------------------

export async function holdingsOf(db: DbOrTx, customerId: string): Promise<HoldingRow[]> {
  return db
    .select()
    .from(holdings)
    .where(eq(holdings.customerId, customerId))
    .orderBy(asc(holdings.status), asc(holdings.productType), desc(holdings.balance), asc(holdings.id));
}

export async function findHolding(db: DbOrTx, customerId: string, holdingId: string): Promise<HoldingRow | null> {
  const rows = await db
    .select()
    .from(holdings)
    .where(and(eq(holdings.customerId, customerId), eq(holdings.id, holdingId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function aggregatesOf(db: DbOrTx, customerId: string, fromMonth: string) {
  return db
    .select()
    .from(monthlyAggregates)
    .where(and(eq(monthlyAggregates.customerId, customerId), gte(monthlyAggregates.month, fromMonth)))
    .orderBy(asc(monthlyAggregates.month));
}

/** Liability product types: what the customer owes the bank. */
export const liabilityTypes = ['loan', 'credit_card'] as const;

/**
 * Recompute AUM and liabilities from active holdings (CNY; other currencies
 * are shown per currency on the 360 page but not converted into the total).
 */
export async function recomputeBalances(db: DbOrTx, customerIds: readonly string[], now: Date): Promise<void> {
  if (customerIds.length === 0) return;
  await db.execute(sql`
    update ${customers} c set
      aum = coalesce(t.aum, 0), liabilities = coalesce(t.liabilities, 0), updated_at = ${now.toISOString()}::timestamptz
    from (
      select ids.id,
        sum(h.balance) filter (where h.product_type not in ('loan', 'credit_card')) as aum,
        sum(h.balance) filter (where h.product_type in ('loan', 'credit_card')) as liabilities
      from unnest(array[${sql.join(
        customerIds.map((id) => sql`${id}`),
        sql`, `,
      )}]::text[]) as ids(id)
      left join ${holdings} h on h.customer_id = ids.id and h.status = 'active' and h.currency = 'CNY'
      group by ids.id
    ) t
    where c.id = t.id`);
}

// ---- households and relationships ------------------------------------------

export type HouseholdMemberRow = {
  householdId: string;
  householdName: string;
  customerId: string;
  role: string;
  name: string;
  kind: 'individual' | 'organisation';
  aum: number;
  inScope: boolean;
};

/** The households a customer belongs to, with every member and whether the viewer may see each. */
export async function householdsOf(db: DbOrTx, customerId: string, scope: ScopeSql): Promise<HouseholdMemberRow[]> {
  const mine = db
    .select({ id: householdMembers.householdId })
    .from(householdMembers)
    .where(eq(householdMembers.customerId, customerId));
  return db
    .select({
      householdId: households.id,
      householdName: households.name,
      customerId: householdMembers.customerId,
      role: householdMembers.role,
      name: customers.name,
      kind: customers.kind,
      aum: customers.aum,
      inScope: sql<boolean>`coalesce((${scope}), false)`,
    })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .innerJoin(customers, eq(customers.id, householdMembers.customerId))
    .where(inArray(householdMembers.householdId, mine))
    .orderBy(asc(households.name), asc(householdMembers.joinedAt));
}

/** How many members of a household lie in the scope (0: the household is invisible to the actor). */
export async function householdMembersInScope(db: DbOrTx, householdId: string, scope: ScopeSql): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(householdMembers)
    .innerJoin(customers, eq(customers.id, householdMembers.customerId))
    .where(and(eq(householdMembers.householdId, householdId), scope));
  return rows[0]?.n ?? 0;
}

export async function findHousehold(db: DbOrTx, id: string) {
  const rows = await db.select().from(households).where(eq(households.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function insertHousehold(db: DbOrTx, row: typeof households.$inferInsert): Promise<void> {
  await db.insert(households).values(row);
}

export async function addHouseholdMember(db: DbOrTx, row: typeof householdMembers.$inferInsert): Promise<boolean> {
  const rows = await db.insert(householdMembers).values(row).onConflictDoNothing().returning();
  return rows.length > 0;
}

export async function removeHouseholdMember(db: DbOrTx, householdId: string, customerId: string): Promise<boolean> {
  const rows = await db
    .delete(householdMembers)
    .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.customerId, customerId)))
    .returning();
  return rows.length > 0;
}

export type RelationshipRow = {
  id: string;
  customerId: string;
  relatedCustomerId: string;
  kind: (typeof customerRelationships.$inferSelect)['kind'];
  createdAt: Date;
  otherName: string;
  otherKind: 'individual' | 'organisation';
  otherInScope: boolean;
};

export async function relationshipsOf(db: DbOrTx, customerId: string, scope: ScopeSql): Promise<RelationshipRow[]> {
  const r = customerRelationships;
  const rows = await db
    .select({
      id: r.id,
      customerId: r.customerId,
      relatedCustomerId: r.relatedCustomerId,
      kind: r.kind,
      createdAt: r.createdAt,
      otherName: customers.name,
      otherKind: customers.kind,
      otherInScope: sql<boolean>`coalesce((${scope}), false)`,
    })
    .from(r)
    .innerJoin(
      customers,
      sql`${customers.id} = case when ${r.customerId} = ${customerId} then ${r.relatedCustomerId} else ${r.customerId} end`,
    )
    .where(or(eq(r.customerId, customerId), eq(r.relatedCustomerId, customerId)))
    .orderBy(asc(r.createdAt), asc(r.id));
  return rows;
}

export async function insertRelationship(db: DbOrTx, row: typeof customerRelationships.$inferInsert): Promise<boolean> {
  const rows = await db.insert(customerRelationships).values(row).onConflictDoNothing().returning();
  return rows.length > 0;
}

export async function deleteRelationship(db: DbOrTx, customerId: string, relationshipId: string) {
  const r = customerRelationships;
  const rows = await db
    .delete(r)
    .where(and(eq(r.id, relationshipId), or(eq(r.customerId, customerId), eq(r.relatedCustomerId, customerId))))
    .returning();
  return rows[0] ?? null;
}

/** Whether the archive holds any customer at all. */
export async function anyCustomer(db: DbOrTx): Promise<boolean> {
  const rows = await db.select({ id: customers.id }).from(customers).limit(1);
  return rows.length > 0;
}
