import type { FieldCrypto } from '../../kernel/crypto';
import { validateMobile } from './identity';
import { normalizeEmail, normalizeIdNumber } from './search';

/**
 * How the customer archive protects its C2 identifiers (DS-03): the field
 * names values are encrypted under (the AAD; see kernel/crypto/encrypted-columns.ts)
 * and the blind-index kinds exact search uses. One place, so the archive,
 * the importer and the demo loader write values search can find.
 */
export const encryptedFields = {
  idNumber: 'customer.id_number',
  contact: 'contact.value',
  account: 'holding.account_no',
} as const;

export type ContactKind = 'mobile' | 'phone' | 'email' | 'address' | 'wechat';

/** Normalise a phone for its blind index: digits only, mainland mobiles without +86. */
export function normalizePhone(value: string): string {
  const mobile = validateMobile(value);
  if (mobile.ok) return mobile.normalized;
  return value.normalize('NFKC').replace(/[^\d+]/g, '');
}

/** Blind-index kind and normalised value of a contact; null for kinds not searched exactly (addresses, WeChat). */
export function contactIndexInput(kind: ContactKind, value: string): { kind: string; value: string } | null {
  switch (kind) {
    case 'mobile':
    case 'phone':
      // one kind for both: a number typed in the search box finds it whichever way it was filed
      return { kind: 'mobile', value: normalizePhone(value) };
    case 'email':
      return { kind: 'email', value: normalizeEmail(value) };
    case 'address':
    case 'wechat':
      return null;
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown contact kind ${String(unreachable)}`);
    }
  }
}

export function idNumberIndex(crypto: FieldCrypto, idNumber: string): string {
  return crypto.blindIndex('id_number', normalizeIdNumber(idNumber));
}

export function mobileIndex(crypto: FieldCrypto, mobile: string): string {
  return crypto.blindIndex('mobile', normalizePhone(mobile));
}

export function emailIndex(crypto: FieldCrypto, email: string): string {
  return crypto.blindIndex('email', normalizeEmail(email));
}

/** The encrypted value and blind index of one contact point. */
export function protectContact(
  crypto: FieldCrypto,
  kind: ContactKind,
  value: string,
): { valueEnc: string; valueBidx: string | null } {
  const idx = contactIndexInput(kind, value);
  return {
    valueEnc: crypto.encrypt(encryptedFields.contact, value),
    valueBidx: idx ? crypto.blindIndex(idx.kind, idx.value) : null,
  };
}

export function protectIdNumber(crypto: FieldCrypto, idNumber: string): { idNumberEnc: string; idNumberBidx: string } {
  const normalized = normalizeIdNumber(idNumber);
  return {
    idNumberEnc: crypto.encrypt(encryptedFields.idNumber, normalized),
    idNumberBidx: crypto.blindIndex('id_number', normalized),
  };
}
