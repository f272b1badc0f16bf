import { z } from 'zod';
import {
  legalCapacities,
  productRiskLevels,
  productStatuses,
  productTypes,
  saleChannels,
  saleStatuses,
} from './products.tables';
import { gateReasonCodes } from './suitability';

const isoInstant = z.iso.datetime({ offset: true });
const riskLevel = z.enum(productRiskLevels);
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const idParams = z.object({ id: z.string().min(1).max(64) });
export const customerIdParams = z.object({ id: z.string().min(1).max(64) });
export const customerProductParams = z.object({ id: z.string().min(1).max(64), productId: z.string().min(1).max(64) });

export const feeItemInput = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
    name: z.string().min(1).max(100),
    kind: z.enum(['rate', 'amount']),
    rateBps: z.number().int().min(0).max(100_000).optional(),
    amount: minor.optional(),
    basis: z.string().min(1).max(200),
    chargedWhen: z.string().min(1).max(200),
    explanation: z.string().min(5, 'FEE-01: explain the fee in plain words').max(1000),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'rate' && v.rateBps === undefined)
      ctx.addIssue({ code: 'custom', path: ['rateBps'], message: 'a rate item needs rateBps' });
    if (v.kind === 'amount' && v.amount === undefined)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'an amount item needs amount' });
  });

export const publishFeeScheduleInput = z
  .object({
    items: z.array(feeItemInput).min(1).max(30),
    summary: z.string().min(5).max(2000),
    effectiveFrom: isoInstant,
    changeNote: z.string().max(2000).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.items.forEach((it, i) => {
      if (seen.has(it.code))
        ctx.addIssue({ code: 'custom', path: ['items', i, 'code'], message: 'duplicate fee item code' });
      seen.add(it.code);
    });
  });
export type PublishFeeScheduleInput = z.infer<typeof publishFeeScheduleInput>;

export const feeItemView = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['rate', 'amount']),
  rateBps: z.number().int().nullable(),
  amount: z.number().int().nullable(),
  basis: z.string(),
  chargedWhen: z.string(),
  explanation: z.string(),
});
export const feeScheduleView = z.object({
  id: z.string(),
  productId: z.string(),
  version: z.number().int(),
  items: z.array(feeItemView),
  summary: z.string(),
  publishedAt: z.string(),
  effectiveFrom: z.string(),
  isIncrease: z.boolean(),
  changeNote: z.string().nullable(),
  /** in_force | scheduled | superseded at the time of the request */
  state: z.enum(['in_force', 'scheduled', 'superseded']),
});
export type FeeScheduleView = z.infer<typeof feeScheduleView>;

const productFields = {
  name: z.string().min(1).max(100),
  type: z.enum(productTypes),
  offering: z.enum(['public', 'private']).default('public'),
  regime: z.enum(['NFRA', 'CSRC']).default('NFRA'),
  issuer: z.string().min(1).max(100),
  issuerRiskLevel: riskLevel.nullable().default(null),
  distributorRiskLevel: riskLevel.nullable().default(null),
  minAmount: minor.default(0),
  termDays: z.number().int().min(1).max(36_500).nullable().default(null),
  returnBps: z.number().int().min(-10_000).max(100_000).nullable().default(null),
  returnKind: z.enum(['benchmark', 'historical', 'fixed_rate', 'none']).default('none'),
  interestRateBps: z.number().int().min(0).max(10_000).nullable().default(null),
  annualisedRateBps: z.number().int().min(0).max(100_000).nullable().default(null),
  liquidity: z.enum(['daily', 'term', 'periodic_open', 'closed', 'revolving']),
  targetCustomers: z.string().min(1).max(500),
  channels: z.array(z.enum(saleChannels)).min(1).max(4),
  coolingOffHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 30)
    .default(0),
  dualRecordingRequired: z.boolean().default(false),
  featured: z.boolean().default(false),
  status: z.enum(productStatuses).default('draft'),
  saleStart: isoInstant.nullable().default(null),
  saleEnd: isoInstant.nullable().default(null),
  description: z.string().min(1).max(4000),
  keyRisks: z.string().min(1).max(4000),
};
export const createProductInput = z
  .object({ code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'upper-case letters, digits and -'), ...productFields })
  .strict();
export type CreateProductInput = z.infer<typeof createProductInput>;
export const updateProductInput = z
  .object({
    name: productFields.name.optional(),
    issuerRiskLevel: riskLevel.nullable().optional(),
    distributorRiskLevel: riskLevel.nullable().optional(),
    minAmount: minor.optional(),
    returnBps: z.number().int().min(-10_000).max(100_000).nullable().optional(),
    interestRateBps: z.number().int().min(0).max(10_000).nullable().optional(),
    annualisedRateBps: z.number().int().min(0).max(100_000).nullable().optional(),
    targetCustomers: productFields.targetCustomers.optional(),
    channels: productFields.channels.optional(),
    coolingOffHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 30)
      .optional(),
    dualRecordingRequired: z.boolean().optional(),
    featured: z.boolean().optional(),
    status: z.enum(productStatuses).optional(),
    saleStart: isoInstant.nullable().optional(),
    saleEnd: isoInstant.nullable().optional(),
    description: productFields.description.optional(),
    keyRisks: productFields.keyRisks.optional(),
  })
  .strict();
export type UpdateProductInput = z.infer<typeof updateProductInput>;

export const productView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  type: z.enum(productTypes),
  offering: z.enum(['public', 'private']),
  regime: z.enum(['NFRA', 'CSRC']),
  issuer: z.string(),
  issuerRiskLevel: riskLevel.nullable(),
  distributorRiskLevel: riskLevel.nullable(),
  effectiveRiskLevel: riskLevel.nullable(),
  minAmount: z.number().int(),
  currency: z.string(),
  termDays: z.number().int().nullable(),
  returnBps: z.number().int().nullable(),
  returnKind: z.string(),
  interestRateBps: z.number().int().nullable(),
  annualisedRateBps: z.number().int().nullable(),
  liquidity: z.string(),
  targetCustomers: z.string(),
  channels: z.array(z.enum(saleChannels)),
  coolingOffHours: z.number().int(),
  dualRecordingRequired: z.boolean(),
  featured: z.boolean(),
  status: z.enum(productStatuses),
  saleStart: z.string().nullable(),
  saleEnd: z.string().nullable(),
  description: z.string(),
  keyRisks: z.string(),
  updatedAt: z.string(),
});
export type ProductView = z.infer<typeof productView>;
export const productDetailView = productView.extend({
  feeSchedules: z.array(feeScheduleView),
  feeScheduleInForce: feeScheduleView.nullable(),
});
export const productListQuery = z.object({
  type: z.enum(productTypes).optional(),
  status: z.enum(productStatuses).optional(),
  q: z.string().max(50).optional(),
});
export const productList = z.object({ items: z.array(productView) });

export const gateReasonView = z.object({
  code: z.enum(gateReasonCodes),
  severity: z.enum(['block', 'warning']),
  message: z.string(),
});
export const gateResultView = z.object({
  decision: z.enum(['allow', 'block']),
  reasons: z.array(gateReasonView),
  requiresConfirmation: z.array(z.enum(gateReasonCodes)),
  overridable: z.boolean(),
});
export const suitabilityQuery = z.object({
  customerId: z.string().min(1).max(64),
  amount: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  channel: z.enum(saleChannels).optional(),
});
export const audienceQuery = z.object({
  tier: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const audienceView = z.object({ count: z.number().int(), sample: z.array(z.string()) });

export const suitabilityProfileInput = z
  .object({
    legalCapacity: z.enum(legalCapacities).nullable().optional(),
    guardianConsentRef: z.string().min(1).max(200).nullable().optional(),
    investableAssets: minor.nullable().optional(),
    investorClass: z.enum(['ordinary', 'professional']).optional(),
    personalisedRecommendations: z.boolean().optional(),
  })
  .strict();
export type SuitabilityProfileInput = z.infer<typeof suitabilityProfileInput>;
export const suitabilityProfileView = z.object({
  customerId: z.string(),
  legalCapacity: z.enum(legalCapacities),
  legalCapacitySource: z.enum(['recorded', 'age']),
  guardianConsentRef: z.string().nullable(),
  investableAssets: z.number().int(),
  investableSource: z.enum(['declared', 'aum']),
  investorClass: z.enum(['ordinary', 'professional']),
  personalisedRecommendations: z.boolean(),
  riskStatus: z.string(),
  riskLevel: z.string().nullable(),
  riskExpiresAt: z.string().nullable(),
});

// --- sales

export const proposeSaleInput = z
  .object({
    customerId: z.string().min(1).max(64),
    productId: z.string().min(1).max(64),
    amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    channel: z.enum(saleChannels),
  })
  .strict();
export type ProposeSaleInput = z.infer<typeof proposeSaleInput>;
export const acknowledgeInput = z
  .object({
    feeScheduleVersion: z.number().int().min(1),
    channel: z.enum(saleChannels),
    seniorWarningConfirmed: z.boolean().default(false),
  })
  .strict();
export type AcknowledgeInput = z.infer<typeof acknowledgeInput>;
export const recordSaleInput = z
  .object({
    dualRecordingRef: z.string().min(1).max(200).optional(),
    override: z
      .object({ reason: z.string().min(5).max(1000), confirmationRef: z.string().min(1).max(200) })
      .strict()
      .optional(),
  })
  .strict();
export type RecordSaleInput = z.infer<typeof recordSaleInput>;
export const cancelSaleInput = z.object({ reason: z.string().min(2).max(1000) }).strict();

export const saleView = z.object({
  id: z.string(),
  customerId: z.string(),
  productId: z.string(),
  productName: z.string(),
  productCode: z.string(),
  proposedBy: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  channel: z.enum(saleChannels),
  status: z.enum(saleStatuses),
  disclosedFeeScheduleId: z.string().nullable(),
  disclosedAt: z.string().nullable(),
  ackFeeScheduleVersion: z.number().int().nullable(),
  ackAt: z.string().nullable(),
  ackChannel: z.string().nullable(),
  seniorWarningConfirmed: z.boolean(),
  suitability: z.object({
    decision: z.string(),
    reasons: z.array(z.object({ code: z.string(), severity: z.string(), message: z.string() })),
  }),
  dualRecordingRef: z.string().nullable(),
  dualRecordingRequired: z.boolean(),
  override: z.object({ reason: z.string(), confirmationRef: z.string(), approvalId: z.string() }).nullable(),
  /** SUIT-08: the approval request of the second-person review (senior buying at or above the high-risk level) */
  reviewApprovalId: z.string().nullable(),
  signedAt: z.string().nullable(),
  coolingOffUntil: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** SALE-01: a cancellation in cooling-off refunds everything, no fee */
  fullRefund: z.boolean(),
  createdAt: z.string(),
});
export type SaleView = z.infer<typeof saleView>;
export const salePage = z.object({ items: z.array(saleView) });

export const disclosureView = z.object({
  sale: saleView,
  product: productView,
  feeSchedule: feeScheduleView,
  keyTerms: z.array(z.object({ label: z.string(), value: z.string() })),
  warnings: z.array(gateReasonView),
});

// --- recommendations

export const recommendationView = z.object({
  productId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  productType: z.enum(productTypes),
  effectiveRiskLevel: riskLevel.nullable(),
  rank: z.number().int(),
  score: z.number().int(),
  reasons: z.array(z.object({ code: z.string(), text: z.string() })),
  basis: z.enum(['personal', 'non_personal']),
  generatedAt: z.string(),
});
export const recommendationsView = z.object({
  customerId: z.string(),
  basis: z.enum(['personal', 'non_personal']),
  items: z.array(recommendationView),
});
export const dismissInput = z.object({ reason: z.string().min(2).max(500) }).strict();
export const bookRecommendationsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export const bookRecommendationsView = z.object({
  items: z.array(recommendationView.extend({ customerId: z.string(), customerName: z.string() })),
});
