import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The customer archive (客户档案). Every personal column carries its DS-01
 * class in a `piClass` comment; `pi-classes.ts` holds the machine-checked
 * list. C2 identifiers are stored encrypted (`*_enc`, AES-256-GCM) with a
 * blind index (`*_bidx`) for exact search; no C3 data is stored (DS-02).
 */
export const customers = pgTable(
  'customers',
  {
    id: text('id').primaryKey(),
    /** C1: customer number in the core banking system (external id) */
    customerNo: text('customer_no').notNull(),
    /** C1: individual | organisation */
    kind: text('kind').$type<'individual' | 'organisation'>().notNull(),
    /** C2: full name; kept searchable (pinyin, trigram) and masked on output by role (DS-04) */
    name: text('name').notNull(),
    /** C2: full pinyin of the name without tones or spaces, for search ("zhangsan") */
    namePinyin: text('name_pinyin').notNull(),
    /** C2: pinyin initials ("zs") */
    nameInitials: text('name_initials').notNull(),
    /** C2 */
    gender: text('gender').$type<'male' | 'female' | 'other'>(),
    /** C2 */
    birthDate: date('birth_date', { mode: 'string' }),
    /** C1: resident_id | passport | hk_macau_permit | taiwan_permit | residence_permit | uscc */
    idType: text('id_type').notNull(),
    /** C2 encrypted: identity document number */
    idNumberEnc: text('id_number_enc').notNull(),
    /** blind index of the normalised identity document number */
    idNumberBidx: text('id_number_bidx').notNull(),
    /** C1 */
    nationality: text('nationality').notNull().default('CN'),
    /** C2 */
    occupation: text('occupation'),
    /** C2 */
    employer: text('employer'),
    /** C2 */
    education: text('education'),
    /** C2: annual income band */
    incomeBand: text('income_band'),
    /** C1: home branch / sub-branch */
    homeUnitId: text('home_unit_id').notNull(),
    /** C1: assigned relationship manager (null: unassigned / pooled service) */
    rmId: text('rm_id'),
    /** C1: active | closed | merged */
    status: text('status').$type<'active' | 'closed' | 'merged'>().notNull().default('active'),
    /** C1 */
    onboardedOn: date('onboarded_on', { mode: 'string' }).notNull(),
    /** C1: current risk tolerance C1..C5 (from the latest valid assessment) */
    riskLevel: text('risk_level'),
    /** C1: when the current risk assessment expires (SUIT-05) */
    riskExpiresAt: timestamp('risk_expires_at', { withTimezone: true }),
    /** C1: value tier (private_banking | wealth | vip | mass) */
    tier: text('tier').notNull().default('mass'),
    /** C1: lifecycle stage */
    lifecycleStage: text('lifecycle_stage').notNull().default('new'),
    /**
     * C2: assets under management, fen. Not indexed here: the list's AUM order is
     * `customer_aum_order`, kept by triggers, so rewriting the totals (every holdings
     * import) is a HOT update of this row (fillfactor 50, migration 0016).
     */
    aum: bigint('aum', { mode: 'number' }).notNull().default(0),
    /** C2: liabilities, fen */
    liabilities: bigint('liabilities', { mode: 'number' }).notNull().default(0),
    /** C1 */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** C1: channel, language, contact time, do-not-contact */
    preferences: jsonb('preferences').$type<Record<string, unknown>>().notNull().default({}),
    /** C1: when the profile was last verified with the customer */
    lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
    /** C1: id of the customer this one was merged into */
    mergedInto: text('merged_into'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('customers_customer_no_uq').on(t.customerNo),
    index('customers_id_number_bidx_idx').on(t.idNumberBidx),
    // Search (search.repository.ts), each index giving the filter and the list's pinyin order at once:
    // a name's first character, the whole name (prefixes, C collation so LIKE 'x%' is a range) and the
    // initials, each followed by (name_pinyin, id); characters inside a name through a GIN index of the
    // one- and two-character pieces after its first character (banyan_name_grams, migration 0015).
    index('customers_name_first_idx').on(sql`left(${t.name}, 1)`, t.namePinyin, t.id),
    index('customers_name_prefix_idx').on(sql`${t.name} collate "C"`, t.namePinyin, t.id),
    index('customers_name_infix_idx').using('gin', sql`banyan_name_grams(substr(${t.name}, 2))`),
    index('customers_initials_sort_idx').on(sql`${t.nameInitials} collate "C"`, t.namePinyin, t.id),
    index('customers_rm_idx').on(t.rmId, t.id),
    index('customers_unit_idx').on(t.homeUnitId, t.id),
    index('customers_tier_idx').on(t.tier, t.id),
    index('customers_tags_idx').using('gin', t.tags),
    // keyset sort keys of the customer list (search.ts): pinyin order, onboarding date
    index('customers_pinyin_sort_idx').on(t.namePinyin, t.id),
    index('customers_onboarded_idx').on(t.onboardedOn, t.id),
  ],
);

/** Contact points: several phones, emails, addresses, WeChat ids per customer. */
export const customerContacts = pgTable(
  'customer_contacts',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    /** C1: mobile | phone | email | address | wechat */
    kind: text('kind').$type<'mobile' | 'phone' | 'email' | 'address' | 'wechat'>().notNull(),
    /** C2 encrypted: the contact value */
    valueEnc: text('value_enc').notNull(),
    /** blind index (mobile, phone, email) for exact search */
    valueBidx: text('value_bidx'),
    /** C1 */
    label: text('label'),
    isPrimary: boolean('is_primary').notNull().default(false),
    verified: boolean('verified').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** C1: id in the source system, or a keyed hash of customer + kind + value (idempotent import) */
    externalId: text('external_id'),
  },
  (t) => [
    index('customer_contacts_customer_idx').on(t.customerId),
    index('customer_contacts_bidx_idx').on(t.valueBidx),
    uniqueIndex('customer_contacts_external_id_uq').on(t.externalId),
  ],
);

/** Holdings imported from core banking (deposits, wealth, funds, insurance, loans, cards). */
export const holdings = pgTable(
  'holdings',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    /** C1: external id in the core system (idempotent import) */
    externalId: text('external_id'),
    /** C1: demand_deposit | time_deposit | wealth | fund | insurance | loan | credit_card */
    productType: text('product_type').notNull(),
    productCode: text('product_code'),
    productName: text('product_name').notNull(),
    /** C2 encrypted: account or card number */
    accountNoEnc: text('account_no_enc'),
    /** C2: balance in minor units; liabilities for loans and cards */
    balance: bigint('balance', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    openedOn: date('opened_on', { mode: 'string' }),
    maturityOn: date('maturity_on', { mode: 'string' }),
    /** C1: active | closed | matured */
    status: text('status').notNull().default('active'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('holdings_customer_idx').on(t.customerId),
    // a customer's active products by type: segment rules (holds a type, product count) and the recompute
    index('holdings_active_customer_type_idx').on(t.customerId, t.productType).where(sql`status = 'active'`),
    // the holders of some product types (segment rules: one range of the index per type, read once and hashed)
    index('holdings_active_type_customer_idx').on(t.productType, t.customerId).where(sql`status = 'active'`),
    uniqueIndex('holdings_external_id_uq').on(t.externalId),
    index('holdings_maturity_idx').on(t.maturityOn).where(sql`status = 'active' and maturity_on is not null`),
  ],
);

/**
 * The customer list's AUM order (sort `aum`, customer.repository.ts): a copy of
 * `customers.aum` kept by triggers on customers (migration 0016: a statement
 * trigger on INSERT, a row trigger on UPDATE OF aum when it changed, a
 * statement trigger on DELETE). The index lives here, off the customer row,
 * so that the row's totals change as a HOT update: with `aum` indexed on
 * customers (and 13 other indexes) every totals rewrite wrote 14 index
 * entries, 220 of 257 ms for 2,000 customers.
 */
export const customerAumOrder = pgTable(
  'customer_aum_order',
  {
    customerId: text('customer_id').primaryKey(),
    /** C2: the customer's AUM, fen (a copy of customers.aum) */
    aum: bigint('aum', { mode: 'number' }).notNull(),
  },
  (t) => [index('customer_aum_order_idx').on(t.aum, t.customerId)],
);

/** Monthly transaction aggregates per customer (C2: transaction information). */
export const monthlyAggregates = pgTable(
  'customer_monthly_aggregates',
  {
    customerId: text('customer_id').notNull(),
    /** YYYY-MM */
    month: text('month').notNull(),
    txCount: integer('tx_count').notNull(),
    inflow: bigint('inflow', { mode: 'number' }).notNull(),
    outflow: bigint('outflow', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.month] })],
);

/** Customer numbers for customers created in the CRM (prospects): `P` + 10 digits. Core-banking numbers start with `C`. */
export const customerNoSeq = pgSequence('customer_no_seq', { startWith: 1, increment: 1 });

/** A household (家庭): customers who share finances; AUM rolls up over its members. */
export const households = pgTable('households', {
  id: text('id').primaryKey(),
  /** C1: a label such as "张家" chosen by staff */
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export type HouseholdRole = 'head' | 'spouse' | 'child' | 'parent' | 'other';

export const householdMembers = pgTable(
  'household_members',
  {
    householdId: text('household_id').notNull(),
    customerId: text('customer_id').notNull(),
    /** C1: head | spouse | child | parent | other */
    role: text('role').$type<HouseholdRole>().notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.householdId, t.customerId] }),
    index('household_members_customer_idx').on(t.customerId),
  ],
);

export const relationshipKinds = [
  'family',
  'spouse',
  'parent_child',
  'employer_employee',
  'guarantor',
  'beneficial_owner',
  'introducer',
] as const;
export type RelationshipKind = (typeof relationshipKinds)[number];

/** A directed relationship between two customers (customer_id is the subject, e.g. the guarantor). */
export const customerRelationships = pgTable(
  'customer_relationships',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    relatedCustomerId: text('related_customer_id').notNull(),
    /** C1: one of relationshipKinds */
    kind: text('kind').$type<RelationshipKind>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('customer_relationships_customer_idx').on(t.customerId),
    index('customer_relationships_related_idx').on(t.relatedCustomerId),
    uniqueIndex('customer_relationships_uq').on(t.customerId, t.relatedCustomerId, t.kind),
  ],
);

/**
 * The customer timeline: a projection of domain events that name a customer,
 * written by the customers module's event handler. `event_id` makes the
 * projection idempotent (an event redelivered after a failure is written once).
 */
export const customerTimeline = pgTable(
  'customer_timeline',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    customerId: text('customer_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** C1: the event type, e.g. `customer.updated` */
    type: text('type').notNull(),
    actorId: text('actor_id'),
    /** the event payload: ids and changed field names by convention, classed C2 because it is free-form */
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    uniqueIndex('customer_timeline_event_uq').on(t.eventId),
    index('customer_timeline_customer_idx').on(t.customerId, t.occurredAt, t.id),
  ],
);
