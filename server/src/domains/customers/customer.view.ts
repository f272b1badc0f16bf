import type { Actor } from '../../kernel/actor';
import type { FieldCrypto } from '../../kernel/crypto';
import { type MaskKind, maskFor } from '../../kernel/masking';
import type { ContactRow, CustomerRow, HoldingRow, ListedCustomer } from './customer.repository';
import { liabilityTypes } from './customer.repository';
import type { ContactView, CustomerHeader, CustomerListItem, HoldingsView, HoldingView } from './customer.schema';
import { encryptedFields } from './protect';

/**
 * Rows to responses, masked for the viewer by role (DS-04). Decryption
 * happens only here, immediately before masking, so no plaintext C2 value
 * leaves this module except through the audited reveal.
 */

export function nameKind(kind: CustomerRow['kind']): MaskKind {
  return kind === 'organisation' ? 'orgName' : 'name';
}

export function maskedName(actor: Actor, row: Pick<CustomerRow, 'kind' | 'name'>): string {
  return maskFor(actor, nameKind(row.kind), row.name);
}

/** Whole years between a birth date and a business date (both YYYY-MM-DD). */
export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function listItem(actor: Actor, crypto: FieldCrypto, row: ListedCustomer): CustomerListItem {
  const mobile = row.mobileEnc ? crypto.decrypt(encryptedFields.contact, row.mobileEnc) : null;
  return {
    id: row.id,
    customerNo: row.customerNo,
    kind: row.kind,
    name: maskedName(actor, row),
    tier: row.tier,
    lifecycleStage: row.lifecycleStage,
    riskLevel: row.riskLevel,
    aum: row.aum,
    currency: 'CNY',
    rmId: row.rmId,
    rmName: row.rmName,
    homeUnitId: row.homeUnitId,
    homeUnitName: row.homeUnitName,
    tags: row.tags,
    onboardedOn: row.onboardedOn,
    mobile: maskFor(actor, 'mobile', mobile),
  };
}

export function headerView(
  actor: Actor,
  crypto: FieldCrypto,
  row: CustomerRow,
  extra: { rmName: string | null; unitName: string | null; mobileEnc: string | null; today: string; now: Date },
): CustomerHeader {
  const idNumber = crypto.decrypt(encryptedFields.idNumber, row.idNumberEnc);
  return {
    ...listItem(actor, crypto, {
      ...row,
      rmName: extra.rmName,
      homeUnitName: extra.unitName,
      mobileEnc: extra.mobileEnc,
    }),
    status: row.status,
    gender: row.gender,
    age: ageOn(row.birthDate, extra.today),
    idType: row.idType,
    idNumber: maskFor(actor, 'idNumber', idNumber),
    nationality: row.nationality,
    occupation: row.occupation,
    employer: row.employer,
    education: row.education,
    incomeBand: row.incomeBand,
    riskExpiresAt: row.riskExpiresAt?.toISOString() ?? null,
    riskExpired: !!row.riskExpiresAt && row.riskExpiresAt <= extra.now,
    liabilities: row.liabilities,
    preferences: row.preferences,
    lastVerifiedAt: row.lastVerifiedAt?.toISOString() ?? null,
    version: row.version,
  };
}

function contactMaskKind(kind: ContactRow['kind']): MaskKind | null {
  switch (kind) {
    case 'mobile':
      return 'mobile';
    case 'phone':
      return 'phone';
    case 'email':
      return 'email';
    case 'address':
      return 'address';
    case 'wechat':
      // a WeChat id identifies the person like a phone number does
      return 'phone';
    default:
      return null;
  }
}

export function contactView(actor: Actor, crypto: FieldCrypto, row: ContactRow): ContactView {
  const plain = crypto.decrypt(encryptedFields.contact, row.valueEnc);
  const kind = contactMaskKind(row.kind);
  return {
    id: row.id,
    kind: row.kind,
    value: kind ? maskFor(actor, kind, plain) : '******',
    label: row.label,
    isPrimary: row.isPrimary,
    verified: row.verified,
  };
}

export function holdingSide(productType: string): 'asset' | 'liability' {
  return (liabilityTypes as readonly string[]).includes(productType) ? 'liability' : 'asset';
}

export function holdingView(actor: Actor, crypto: FieldCrypto, row: HoldingRow): HoldingView {
  const accountNo = row.accountNoEnc ? crypto.decrypt(encryptedFields.account, row.accountNoEnc) : null;
  return {
    id: row.id,
    productType: row.productType,
    productCode: row.productCode,
    productName: row.productName,
    side: holdingSide(row.productType),
    accountNo: maskFor(actor, row.productType === 'credit_card' ? 'card' : 'account', accountNo),
    balance: row.balance,
    currency: row.currency,
    openedOn: row.openedOn,
    maturityOn: row.maturityOn,
    status: row.status,
  };
}

/** Holdings with totals per currency and balances per product type (active holdings only). */
export function holdingsView(actor: Actor, crypto: FieldCrypto, rows: readonly HoldingRow[]): HoldingsView {
  const totals = new Map<string, { currency: string; aum: number; liabilities: number }>();
  const byType = new Map<string, { productType: string; currency: string; balance: number }>();
  for (const h of rows) {
    if (h.status !== 'active') continue;
    const t = totals.get(h.currency) ?? { currency: h.currency, aum: 0, liabilities: 0 };
    if (holdingSide(h.productType) === 'asset') t.aum += h.balance;
    else t.liabilities += h.balance;
    totals.set(h.currency, t);
    const key = `${h.productType}/${h.currency}`;
    const b = byType.get(key) ?? { productType: h.productType, currency: h.currency, balance: 0 };
    b.balance += h.balance;
    byType.set(key, b);
  }
  return {
    items: rows.map((h) => holdingView(actor, crypto, h)),
    totals: [...totals.values()],
    byProductType: [...byType.values()].sort((a, b) => b.balance - a.balance),
  };
}
