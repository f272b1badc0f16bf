import { validateMobile } from './identity';

/**
 * How the one search box reads what was typed (DS-03: C2 identifiers are
 * found by exact blind-index match only, never by partial match on plaintext).
 *
 * - customer number `C0123456789` / `P0000000012`: exact
 * - a mainland mobile number (spaces, +86 allowed): exact, via the contact blind index
 * - an identity document number: exact, via the customer blind index
 * - an email address: exact, via the contact blind index
 * - Latin letters: prefix of the full pinyin ("zhangs") or of the initials ("zs")
 * - anything else (Chinese): name contains the text (trigram index)
 *
 * A string of digits can be several of these at once (an 11-digit number is a
 * mobile and could be a passport body); every reading applies, OR-ed.
 */
export type SearchTerms = {
  customerNo?: string;
  mobile?: string;
  idNumber?: string;
  email?: string;
  pinyinPrefix?: string;
  nameContains?: string;
};

const customerNoPattern = /^[CP]\d{10}$/;
// resident ID / permits (18), legacy ID (15), passports and HK/Macau/Taiwan permits (8-9 alnum), USCC (18)
const documentPattern = /^[0-9A-Z]{8,18}$/;

/** Normalise an identity document number the way the blind index was built: NFKC, no spaces, upper case. */
export function normalizeIdNumber(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function normalizeEmail(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase();
}

/** Escape LIKE wildcards in user text. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function parseSearch(q: string | undefined): SearchTerms | null {
  const text = (q ?? '').normalize('NFKC').trim();
  if (text === '') return null;
  const terms: SearchTerms = {};
  const compact = text.replace(/[\s-]/g, '');
  const upper = compact.toUpperCase();
  if (customerNoPattern.test(upper)) terms.customerNo = upper;
  const mobile = validateMobile(text);
  if (mobile.ok) terms.mobile = mobile.normalized;
  if (documentPattern.test(upper) && /\d/.test(upper)) terms.idNumber = normalizeIdNumber(upper);
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) terms.email = normalizeEmail(text);
  if (Object.keys(terms).length > 0) return terms;
  const letters = text.toLowerCase().replace(/[\s']/g, '');
  if (/^[a-z]+$/.test(letters)) return { pinyinPrefix: letters };
  return { nameContains: text.slice(0, 50) };
}
