import type { RiskLevel, RiskProfile } from '../customers';

type RiskProfileStatus = RiskProfile['status'];

import type { LegalCapacity, ProductRiskLevel, ProductStatus, ProductType, SaleChannel } from './products.tables';

/**
 * The suitability gate's rules as one pure function (SUIT-03..10). The same
 * rules are written set-based in SQL in suitability.repository.ts for
 * audiences over many customers; a property test holds the two together.
 */
export const gateReasonCodes = [
  'CUSTOMER_INACTIVE',
  'PRODUCT_NOT_ON_SALE',
  'CHANNEL_NOT_ALLOWED',
  'NO_CAPACITY',
  'GUARDIAN_CONSENT_REQUIRED',
  'NO_ASSESSMENT',
  'ASSESSMENT_EXPIRED',
  'ASSESSMENT_PENDING_RECONFIRMATION',
  'ASSESSMENT_INVALIDATED',
  'RISK_ABOVE_TOLERANCE',
  'AMOUNT_BELOW_MINIMUM',
  'AMOUNT_EXCEEDS_INVESTABLE',
  'ELDERLY_ABOVE_R3',
] as const;
export type GateReasonCode = (typeof gateReasonCodes)[number];

/** Warnings allow the sale once the customer confirms the enhanced warning (SUIT-08). */
export const warningCodes: readonly GateReasonCode[] = ['ELDERLY_ABOVE_R3'];

export type GatePurpose = 'sell' | 'recommend' | 'target';

export type GateCustomer = {
  kind: 'individual' | 'organisation';
  status: string;
  birthDate: string | null;
  /** null: derived from age (SUIT-09) */
  legalCapacity: LegalCapacity | null;
  guardianConsentRef: string | null;
  /** minor units: the declared investable assets, else AUM */
  investable: number;
  riskStatus: RiskProfileStatus;
  riskLevel: RiskLevel | null;
};

export type GateProduct = {
  type: ProductType;
  effectiveRiskLevel: ProductRiskLevel | null;
  channels: readonly SaleChannel[];
  status: ProductStatus;
  saleStart: Date | null;
  saleEnd: Date | null;
  minAmount: number;
};

export type GatePolicy = {
  seniorAge: number;
  seniorHighRiskLevel: ProductRiskLevel;
  investableAmountMaxPercent: number;
};

export type GateRequest = {
  /** minor units; null (recommend, target): the product's minimum amount */
  amount: number | null;
  /** null: not checked (recommendations and audiences are not a sale channel) */
  channel: SaleChannel | null;
  purpose: GatePurpose;
  now: Date;
  /** the bank's calendar date at `now` (ages) */
  today: string;
};

export type GateReason = { code: GateReasonCode; severity: 'block' | 'warning'; message: string };
export type GateResult = {
  decision: 'allow' | 'block';
  reasons: GateReason[];
  /** warnings the customer must confirm before a sale (SUIT-08) */
  requiresConfirmation: GateReasonCode[];
};

const rank = (level: string) => Number(level.slice(1));

export function ageAt(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** SUIT-09: civil capacity by age (民法典 Art 19-20) unless recorded. */
export function capacityOf(
  c: Pick<GateCustomer, 'kind' | 'birthDate' | 'legalCapacity'>,
  today: string,
): LegalCapacity {
  if (c.legalCapacity) return c.legalCapacity;
  const age = ageAt(c.birthDate, today);
  if (c.kind === 'organisation' || age === null) return 'full';
  return age < 8 ? 'none' : age < 18 ? 'limited' : 'full';
}

const messages: Record<GateReasonCode, string> = {
  CUSTOMER_INACTIVE: 'The customer is not active',
  PRODUCT_NOT_ON_SALE: 'The product is not on sale at this time',
  CHANNEL_NOT_ALLOWED: 'The product is not sold through this channel',
  NO_CAPACITY: 'The customer lacks the legal capacity for this product (SUIT-09)',
  GUARDIAN_CONSENT_REQUIRED: "A customer with limited capacity needs the guardian's consent record (SUIT-09)",
  NO_ASSESSMENT: 'The customer has no risk tolerance assessment (SUIT-07)',
  ASSESSMENT_EXPIRED: 'The risk tolerance assessment has expired (SUIT-05)',
  ASSESSMENT_PENDING_RECONFIRMATION: 'A changed assessment result awaits the customer reconfirmation (SUIT-06)',
  ASSESSMENT_INVALIDATED: 'A material change invalidated the assessment; reassess first (SUIT-05)',
  RISK_ABOVE_TOLERANCE: "The product's risk level is above the customer's risk tolerance (SUIT-03)",
  AMOUNT_BELOW_MINIMUM: "The amount is below the product's minimum",
  AMOUNT_EXCEEDS_INVESTABLE: "The amount is out of line with the customer's investable assets (SUIT-03)",
  ELDERLY_ABOVE_R3:
    'A customer aged 65 or over buying a high-risk product: enhanced warning and confirmation (SUIT-08)',
};

/** The gate: allow or block with coded reasons. One function for every sell, recommend and target path. */
export function evaluateGate(c: GateCustomer, p: GateProduct, req: GateRequest, policy: GatePolicy): GateResult {
  const codes: GateReasonCode[] = [];
  const rated = p.effectiveRiskLevel !== null;
  if (c.status !== 'active') codes.push('CUSTOMER_INACTIVE');
  const open =
    p.status === 'on_sale' &&
    (!p.saleStart || p.saleStart.getTime() <= req.now.getTime()) &&
    (!p.saleEnd || p.saleEnd.getTime() > req.now.getTime());
  if (!open) codes.push('PRODUCT_NOT_ON_SALE');
  if (req.channel && !p.channels.includes(req.channel)) codes.push('CHANNEL_NOT_ALLOWED');
  const capacity = capacityOf(c, req.today);
  if (capacity === 'none') codes.push('NO_CAPACITY');
  else if (capacity === 'limited') {
    // limited capacity: deposits, or R1 products with the guardian's consent
    const lowRisk = p.type === 'demand_deposit' || p.type === 'time_deposit' || p.effectiveRiskLevel === 'R1';
    if (!lowRisk) codes.push('NO_CAPACITY');
    else if (p.effectiveRiskLevel === 'R1' && !c.guardianConsentRef) codes.push('GUARDIAN_CONSENT_REQUIRED');
  }
  const amount = req.amount ?? p.minAmount;
  if (rated) {
    const s = c.riskStatus;
    if (s === 'none') codes.push('NO_ASSESSMENT');
    else if (s === 'expired') codes.push('ASSESSMENT_EXPIRED');
    else if (s === 'pending_reconfirmation') codes.push('ASSESSMENT_PENDING_RECONFIRMATION');
    else if (s === 'invalidated') codes.push('ASSESSMENT_INVALIDATED');
    else if (!c.riskLevel || rank(p.effectiveRiskLevel as string) > rank(c.riskLevel))
      codes.push('RISK_ABOVE_TOLERANCE');
    if (amount * 100 > c.investable * policy.investableAmountMaxPercent) codes.push('AMOUNT_EXCEEDS_INVESTABLE');
  }
  if (req.amount !== null && req.amount < p.minAmount) codes.push('AMOUNT_BELOW_MINIMUM');
  const age = ageAt(c.birthDate, req.today);
  if (
    rated &&
    age !== null &&
    age >= policy.seniorAge &&
    rank(p.effectiveRiskLevel as string) >= rank(policy.seniorHighRiskLevel)
  ) {
    codes.push('ELDERLY_ABOVE_R3');
  }
  const reasons = codes.map((code) => ({
    code,
    severity: warningCodes.includes(code) ? ('warning' as const) : ('block' as const),
    message: messages[code],
  }));
  return {
    decision: reasons.some((r) => r.severity === 'block') ? 'block' : 'allow',
    reasons,
    requiresConfirmation: reasons.filter((r) => r.severity === 'warning').map((r) => r.code),
  };
}

/** SUIT-01: the higher of the issuer's and the distributor's ratings. */
export function effectiveRisk(
  issuer: ProductRiskLevel | null | undefined,
  distributor: ProductRiskLevel | null | undefined,
): ProductRiskLevel | null {
  if (!issuer && !distributor) return null;
  if (!issuer) return distributor ?? null;
  if (!distributor) return issuer;
  return rank(issuer) >= rank(distributor) ? issuer : distributor;
}

/** Only a risk mismatch can be overridden (SUIT-04); never for the lowest tolerance class under CSRC. */
export function overridable(result: GateResult, regime: 'NFRA' | 'CSRC', level: RiskLevel | null): boolean {
  const blocks = result.reasons.filter((r) => r.severity === 'block').map((r) => r.code);
  if (blocks.length === 0 || blocks.some((c) => c !== 'RISK_ABOVE_TOLERANCE')) return false;
  return !(regime === 'CSRC' && level === 'C1');
}
