import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const productTypes = [
  'demand_deposit',
  'time_deposit',
  'wealth',
  'fund',
  'insurance',
  'loan',
  'credit_card',
] as const;
export type ProductType = (typeof productTypes)[number];
export const productRiskLevels = ['R1', 'R2', 'R3', 'R4', 'R5'] as const;
export type ProductRiskLevel = (typeof productRiskLevels)[number];
export const saleChannels = ['branch', 'online_banking', 'mobile_banking', 'telephone'] as const;
export type SaleChannel = (typeof saleChannels)[number];
export const productStatuses = ['draft', 'on_sale', 'suspended', 'closed'] as const;
export type ProductStatus = (typeof productStatuses)[number];
export type Liquidity = 'daily' | 'term' | 'periodic_open' | 'closed' | 'revolving';
export type ReturnKind = 'benchmark' | 'historical' | 'fixed_rate' | 'none';

/**
 * The product catalogue (产品目录). SUIT-01: an investment product carries the
 * issuer's and the distributor's (this bank's) risk rating; the effective
 * level is the higher of the two, computed by the service and stored for
 * set-based queries. Deposits, loans, cards and pure protection insurance are
 * not risk-rated (null).
 */
export const products = pgTable(
  'products',
  {
    id: text('id').primaryKey(),
    /** C1: the bank's product code, e.g. WM-R2-090 */
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type').$type<ProductType>().notNull(),
    /** public (公募) | private (私募): SALE-01 cooling-off applies to private wealth */
    offering: text('offering').$type<'public' | 'private'>().notNull().default('public'),
    /** NFRA | CSRC (SUIT-04: override policy per regime) */
    regime: text('regime').$type<'NFRA' | 'CSRC'>().notNull().default('NFRA'),
    issuer: text('issuer').notNull(),
    issuerRiskLevel: text('issuer_risk_level').$type<ProductRiskLevel>(),
    distributorRiskLevel: text('distributor_risk_level').$type<ProductRiskLevel>(),
    /** SUIT-01: max(issuer, distributor) */
    effectiveRiskLevel: text('effective_risk_level').$type<ProductRiskLevel>(),
    /** minimum purchase, minor units */
    minAmount: bigint('min_amount', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull().default('CNY'),
    termDays: integer('term_days'),
    /** expected (performance benchmark) or historical return, basis points a year (SUIT-11: a benchmark is explained, never promised) */
    returnBps: integer('return_bps'),
    returnKind: text('return_kind').$type<ReturnKind>().notNull().default('none'),
    /** deposit interest rate, basis points a year */
    interestRateBps: integer('interest_rate_bps'),
    /** FEE-04: loans and cards state the annualised rate (APR), basis points */
    annualisedRateBps: integer('annualised_rate_bps'),
    liquidity: text('liquidity').$type<Liquidity>().notNull(),
    targetCustomers: text('target_customers').notNull(),
    channels: text('channels').array().$type<SaleChannel[]>().notNull(),
    /** SALE-01: hours the customer may cancel after signing (private wealth >= 24) */
    coolingOffHours: integer('cooling_off_hours').notNull().default(0),
    /** SALE-02: 双录 required */
    dualRecordingRequired: boolean('dual_recording_required').notNull().default(false),
    /** MKT-06: featured products are what non-personal recommendations may offer */
    featured: boolean('featured').notNull().default(false),
    status: text('status').$type<ProductStatus>().notNull(),
    saleStart: timestamp('sale_start', { withTimezone: true }),
    saleEnd: timestamp('sale_end', { withTimezone: true }),
    description: text('description').notNull(),
    keyRisks: text('key_risks').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('products_code_uq').on(t.code), index('products_type_idx').on(t.type, t.code)],
);
export type ProductRow = typeof products.$inferSelect;
export type NewProductRow = typeof products.$inferInsert;

export type FeeItem = {
  code: string;
  name: string;
  /** rate: basis points of the basis; amount: a fixed amount in minor units */
  kind: 'rate' | 'amount';
  rateBps?: number | undefined;
  amount?: number | undefined;
  /** what the rate applies to, e.g. 产品本金 */
  basis: string;
  /** when it is charged, e.g. 按日计提，按季支付 */
  chargedWhen: string;
  /** FEE-01: the plain-language explanation shown to the customer */
  explanation: string;
};

/**
 * Versioned fee schedules (FEE-01..03). A version is published with the date it
 * takes effect; the version in force at an instant is the newest one whose
 * `effective_from` has passed. FEE-02: an increase takes effect no sooner than
 * the configured notice after publication.
 */
export const feeSchedules = pgTable(
  'fee_schedules',
  {
    id: text('id').primaryKey(),
    productId: text('product_id').notNull(),
    version: integer('version').notNull(),
    items: jsonb('items').$type<FeeItem[]>().notNull(),
    /** a one-paragraph summary in plain words */
    summary: text('summary').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
    /** true when any item rose or was added compared with the version it replaces (FEE-02) */
    isIncrease: boolean('is_increase').notNull(),
    changeNote: text('change_note'),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('fee_schedules_version_uq').on(t.productId, t.version),
    index('fee_schedules_effective_idx').on(t.productId, t.effectiveFrom),
  ],
);
export type FeeScheduleRow = typeof feeSchedules.$inferSelect;

/** FEE-02: a notice to each holder of a product whose fees rise (a service notice, not marketing). */
export const feeNotices = pgTable(
  'fee_notices',
  {
    id: text('id').primaryKey(),
    feeScheduleId: text('fee_schedule_id').notNull(),
    productId: text('product_id').notNull(),
    customerId: text('customer_id').notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('fee_notices_customer_idx').on(t.customerId, t.createdAt),
    uniqueIndex('fee_notices_uq').on(t.feeScheduleId, t.customerId),
  ],
);

export const legalCapacities = ['full', 'limited', 'none'] as const;
export type LegalCapacity = (typeof legalCapacities)[number];

/**
 * What the suitability gate needs about a customer beyond the archive
 * (SUIT-03 investable assets, SUIT-09 legal capacity, SUIT-10 investor class,
 * MKT-06 the personalised-recommendation switch). No row means the defaults:
 * capacity from age, investable assets = AUM, ordinary investor, personalised on.
 */
export const customerSuitability = pgTable('customer_suitability', {
  customerId: text('customer_id').primaryKey(),
  /** C1: null = derived from age (under 8 none, 8..17 limited, SUIT-09) */
  legalCapacity: text('legal_capacity').$type<LegalCapacity>(),
  /** C1: reference of the guardian's consent record (limited capacity) */
  guardianConsentRef: text('guardian_consent_ref'),
  /** C2: declared investable assets, minor units; null = AUM */
  investableAssets: bigint('investable_assets', { mode: 'number' }),
  investorClass: text('investor_class').$type<'ordinary' | 'professional'>().notNull().default('ordinary'),
  /** C1: MKT-06 */
  personalisedRecommendations: boolean('personalised_recommendations').notNull().default(true),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const saleStatuses = [
  'proposed',
  'disclosed',
  'acknowledged',
  'pending_approval',
  'cooling_off',
  'confirmed',
  'cancelled',
  'cancelled_in_cooling_off',
  'rejected',
] as const;
export type SaleStatus = (typeof saleStatuses)[number];

export type GateReasonRecord = { code: string; severity: 'block' | 'warning'; message: string };

/**
 * The CRM's record of a sale (the core system books it), step by step:
 * proposed -> disclosed -> acknowledged -> (pending_approval) -> cooling_off | confirmed,
 * cancelled in cooling-off (SALE-01). SALE-03: every step is audited.
 */
export const sales = pgTable(
  'sales',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    productId: text('product_id').notNull(),
    unitId: text('unit_id').notNull(),
    proposedBy: text('proposed_by').notNull(),
    /** C2: amount in minor units */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    channel: text('channel').$type<SaleChannel>().notNull(),
    status: text('status').$type<SaleStatus>().notNull(),
    /** the fee schedule version shown in the disclosure */
    disclosedFeeScheduleId: text('disclosed_fee_schedule_id'),
    disclosedAt: timestamp('disclosed_at', { withTimezone: true }),
    /** FEE-01: the customer's acknowledgement: version, time, channel */
    ackFeeScheduleId: text('ack_fee_schedule_id'),
    ackFeeScheduleVersion: integer('ack_fee_schedule_version'),
    ackAt: timestamp('ack_at', { withTimezone: true }),
    ackChannel: text('ack_channel'),
    /** SUIT-08: the customer's confirmation of the enhanced warning */
    seniorWarningConfirmed: boolean('senior_warning_confirmed').notNull().default(false),
    /** the gate's answer at proposal and at recording */
    suitability: jsonb('suitability').$type<{ decision: string; reasons: GateReasonRecord[] }>().notNull(),
    /** SALE-02: reference of the dual recording */
    dualRecordingRef: text('dual_recording_ref'),
    /** SUIT-04 override: reason, confirmation reference, approval */
    override: jsonb('override').$type<{ reason: string; confirmationRef: string; approvalId: string } | null>(),
    /** SUIT-08: the second person's review of a senior's high-risk purchase (maker-checker request) */
    reviewApprovalId: text('review_approval_id'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    coolingOffUntil: timestamp('cooling_off_until', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    followUpRequested: boolean('follow_up_requested').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('sales_customer_idx').on(t.customerId, t.createdAt),
    index('sales_cooling_idx').on(t.coolingOffUntil).where(sql`status = 'cooling_off'`),
  ],
);
export type SaleRow = typeof sales.$inferSelect;

export type RecoReason = { code: string; text: string };

/** Next-best-product recommendations per customer, replaced on each run (nightly or on demand). */
export const recommendations = pgTable(
  'product_recommendations',
  {
    customerId: text('customer_id').notNull(),
    productId: text('product_id').notNull(),
    rank: integer('rank').notNull(),
    score: integer('score').notNull(),
    /** PI-13: the reasons in words, with their codes */
    reasons: jsonb('reasons').$type<RecoReason[]>().notNull(),
    /** MKT-06: personal | non_personal */
    basis: text('basis').$type<'personal' | 'non_personal'>().notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('product_recommendations_pk').on(t.customerId, t.productId)],
);

/** A dismissal with reason suppresses the product for the customer until `suppressed_until`. */
export const recommendationDismissals = pgTable(
  'product_recommendation_dismissals',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    productId: text('product_id').notNull(),
    reason: text('reason').notNull(),
    dismissedBy: text('dismissed_by').notNull(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }).notNull(),
    suppressedUntil: timestamp('suppressed_until', { withTimezone: true }).notNull(),
  },
  (t) => [index('product_reco_dismissals_customer_idx').on(t.customerId, t.productId, t.suppressedUntil)],
);

/**
 * Share of active customers of each tier and lifecycle stage holding each
 * catalogue product, refreshed by the nightly recommendation batch; the
 * "peers hold it" reason reads it (also on demand for one customer).
 */
export const productPeerStats = pgTable(
  'product_peer_stats',
  {
    tier: text('tier').notNull(),
    lifecycleStage: text('lifecycle_stage').notNull(),
    productId: text('product_id').notNull(),
    sharePct: integer('share_pct').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('product_peer_stats_pk').on(t.tier, t.lifecycleStage, t.productId)],
);
