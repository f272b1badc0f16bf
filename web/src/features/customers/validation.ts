/**
 * Client-side checks that mirror the server's (server/src/domains/customers/identity.ts),
 * so a clerk sees a typo before submitting. The server stays the authority:
 * its field errors are shown as well (NewCustomerDrawer).
 */

const residentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const residentCheckChars = '10X98765432';

function normalizeDocument(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits (GB 11643-1999). */
export function residentIdCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * (residentWeights[i] as number);
  return residentCheckChars.charAt(sum % 11);
}

// GB/T 2260 province-level codes (the first two digits of a region code)
const provinceCodes = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 91,
]);

export type IdProblem = 'length' | 'format' | 'checksum' | 'birthDate' | 'region';

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** What is wrong with an 18-digit resident ID or residence permit number, or null when it is well formed. */
export function eighteenDigitProblem(value: string, today: string, permit = false): IdProblem | null {
  const v = normalizeDocument(value);
  if (v.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(v)) return 'format';
  if (residentIdCheckChar(v.slice(0, 17)) !== v.charAt(17)) return 'checksum';
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || y < 1900) return 'birthDate';
  if (`${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}` > today) return 'birthDate';
  const region = v.slice(0, 6);
  const permitRegion = region === '810000' || region === '820000' || region === '830000';
  if (permit !== permitRegion) return 'region';
  if (!permit && !provinceCodes.has(Number(region.slice(0, 2)))) return 'region';
  return null;
}

/** The birth date an 18-digit ID number carries (YYYY-MM-DD), when it is well formed. */
export function birthDateOf(value: string): string | null {
  const v = normalizeDocument(value);
  return /^\d{17}[\dX]$/.test(v) ? `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}` : null;
}

const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** What is wrong with a unified social credit code (GB 32100-2015), or null. */
export function usccProblem(value: string): IdProblem | null {
  const v = normalizeDocument(value);
  if (v.length !== 18) return 'length';
  if (!/^[0-9A-HJ-NP-RTUWXY]{18}$/.test(v)) return 'format';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccAlphabet.indexOf(v.charAt(i)) * (usccWeights[i] as number);
  return usccAlphabet.charAt((31 - (sum % 31)) % 31) === v.charAt(17) ? null : 'checksum';
}

export type IdType = 'resident_id' | 'passport' | 'hk_macau_permit' | 'taiwan_permit' | 'residence_permit' | 'uscc';

/** The problem with an identity number of a type, or null; same rules as the server's validateIdentity. */
export function idNumberProblem(idType: IdType, value: string, today: string): IdProblem | null {
  const v = normalizeDocument(value);
  switch (idType) {
    case 'resident_id':
      return eighteenDigitProblem(v, today, false);
    case 'residence_permit':
      return eighteenDigitProblem(v, today, true);
    case 'uscc':
      return usccProblem(v);
    case 'passport':
      if (!/^[A-Z0-9]*$/.test(v)) return 'format';
      return v.length < 5 || v.length > 20 ? 'length' : null;
    case 'hk_macau_permit':
      return /^[HM]\d{8}(\d{2})?$/.test(v) ? null : 'format';
    case 'taiwan_permit':
      return /^\d{8}$/.test(v) || /^\d{10}(\(?[A-Z]\)?)?$/.test(v) ? null : 'format';
    default:
      return 'format';
  }
}

export type MobileProblem = 'country' | 'digits' | 'length' | 'prefix';

/** What is wrong with a mainland mobile number ('+86 138 0013 8000' is fine), or null. */
export function mobileProblem(value: string): MobileProblem | null {
  let digits = value.normalize('NFKC').replace(/[\s\-().]/g, '');
  const intl = /^(?:\+|00)(\d+)$/.exec(digits);
  if (intl) {
    if (!(intl[1] as string).startsWith('86')) return 'country';
    digits = (intl[1] as string).slice(2);
  } else if (digits.length === 13 && digits.startsWith('86')) {
    digits = digits.slice(2);
  }
  if (!/^\d+$/.test(digits)) return 'digits';
  if (digits.length !== 11) return 'length';
  return /^1[3-9]/.test(digits) ? null : 'prefix';
}
