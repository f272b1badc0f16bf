/**
 * Identity documents a Chinese bank accepts when it opens a customer archive,
 * and the mainland mobile number it uses as the primary contact. Pure functions:
 * every validator returns a result instead of throwing, because a wrong ID is an
 * expected input (a typo at the counter), not a bug. Reasons are short English
 * sentences shown in error details; they never echo the value (convention 4: no
 * personal data in messages).
 */

export const idTypes = [
  'resident_id',
  'passport',
  'hk_macau_permit',
  'taiwan_permit',
  'residence_permit',
  'uscc',
] as const;
export type IdType = (typeof idTypes)[number];

export type Gender = 'male' | 'female';

export type Invalid = { ok: false; reason: string };
export type Valid<Facts extends object> = { ok: true; normalized: string } & Facts;
/** The outcome of a validation: the normalised value with what it tells us, or why it is wrong. */
export type Checked<Facts extends object = Record<never, never>> = Valid<Facts> | Invalid;

const invalid = (reason: string): Invalid => ({ ok: false, reason });

/**
 * Users paste IDs from scans, spreadsheets and Chinese input methods: fold
 * full-width characters (NFKC turns '１１０１' into '1101'), drop spaces, and
 * uppercase, so 'x' and 'X' are the same check character.
 */
function normalizeDocument(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

// ---------------------------------------------------------------------------
// Dates

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A real day of the proleptic Gregorian calendar (month 1-12). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function assertBusinessDate(today: string): void {
  // `today` comes from the injected clock, never from a user: a malformed one is a programming error.
  const m = isoDatePattern.exec(today);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`today must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`);
  }
}

// ---------------------------------------------------------------------------
// 18-digit identity numbers (GB 11643-1999): resident ID cards and the
// residence permits for Hong Kong, Macau and Taiwan residents share the layout
// region(6) + birth date(8) + sequence(3, odd = male) + check(1).

const residentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const residentCheckChars = '10X98765432';

/** ISO 7064 MOD 11-2 check character for the first 17 digits of an 18-digit identity number. */
export function residentIdCheckChar(body: string): string {
  if (!/^\d{17}$/.test(body)) throw new RangeError('the body of a resident ID is 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * (residentWeights[i] as number);
  return residentCheckChars.charAt(sum % 11);
}

/**
 * Province-level codes of GB/T 2260 (first two digits of a region code):
 * 11-15 north, 21-23 north-east, 31-37 east, 41-46 south-central, 50-54 south-west,
 * 61-65 north-west, 71 Taiwan, 81 Hong Kong, 82 Macau, 91 (historic) overseas Chinese.
 */
const provinceCodes = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 91,
]);

const permitRegions = { '810000': 'hong_kong', '820000': 'macau', '830000': 'taiwan' } as const;
export type PermitRegion = (typeof permitRegions)[keyof typeof permitRegions];

type EighteenDigitFacts = { regionCode: string; birthDate: string; gender: Gender };

/** Shared checks in the order most useful to a user: shape, then typo (checksum), then content. */
function checkEighteenDigits(value: string, today: string, document: string): Checked<EighteenDigitFacts> {
  assertBusinessDate(today);
  const normalized = normalizeDocument(value);
  if (normalized.length !== 18) return invalid(`${document} must be 18 characters`);
  if (!/^\d{17}[\dX]$/.test(normalized)) return invalid(`${document} must be 17 digits followed by a digit or X`);
  // A checksum failure is almost always a mistyped digit, so it is reported before anything it could explain.
  if (residentIdCheckChar(normalized.slice(0, 17)) !== normalized.charAt(17))
    return invalid('check digit does not match');
  const year = Number(normalized.slice(6, 10));
  const month = Number(normalized.slice(10, 12));
  const day = Number(normalized.slice(12, 14));
  if (!isCalendarDate(year, month, day)) return invalid('birth date is not a valid calendar date');
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (year < 1900) return invalid('birth date is before 1900');
  // ISO dates compare correctly as strings.
  if (birthDate > today) return invalid('birth date is in the future');
  const gender: Gender = (normalized.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
  return { ok: true, normalized, regionCode: normalized.slice(0, 6), birthDate, gender };
}

export type ResidentIdFacts = EighteenDigitFacts;

/** Validate an 18-digit PRC resident identity card number (居民身份证, GB 11643-1999). */
export function validateResidentId(value: string, today: string): Checked<ResidentIdFacts> {
  const result = checkEighteenDigits(value, today, 'resident ID');
  if (!result.ok) return result;
  if (!provinceCodes.has(Number(result.regionCode.slice(0, 2)))) {
    return invalid('region code does not start with a province-level code');
  }
  // These three regions are only ever issued on residence permits; a clerk who
  // typed one here picked the wrong document type.
  if (result.regionCode in permitRegions) {
    return invalid('region code belongs to a Hong Kong, Macau or Taiwan residence permit');
  }
  return result;
}

export type ResidencePermitFacts = EighteenDigitFacts & { region: PermitRegion };

/** Validate a residence permit for Hong Kong, Macau or Taiwan residents (港澳台居民居住证). */
export function validateResidencePermit(value: string, today: string): Checked<ResidencePermitFacts> {
  const result = checkEighteenDigits(value, today, 'residence permit number');
  if (!result.ok) return result;
  const region = permitRegions[result.regionCode as keyof typeof permitRegions];
  if (region === undefined) return invalid('residence permit region code must be 810000, 820000 or 830000');
  return { ...result, region };
}

export type ResidentIdSpec = {
  /** Six-digit GB/T 2260 region code, e.g. '110105'. */
  regionCode: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** 0-999; the last digit's parity is the gender (odd = male). */
  sequence: number;
};

/** Build a well-formed 18-digit identity number (demo data and tests). Throws RangeError on bad input. */
export function residentIdFor({ regionCode, birthDate, sequence }: ResidentIdSpec): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError('regionCode must be 6 digits');
  const m = isoDatePattern.exec(birthDate);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError('birthDate must be a YYYY-MM-DD date');
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError('sequence must be an integer from 0 to 999');
  }
  const body = `${regionCode}${m[1]}${m[2]}${m[3]}${String(sequence).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

// ---------------------------------------------------------------------------
// Passports and travel permits: no check digit, so only the shape is checked.

const prcPassportPattern = /^[EG][A-Z0-9]\d{7}$/;

export type PassportFacts = {
  /** 'prc' when the number has the shape of a PRC ordinary passport (E/G series); a foreign one may match by chance. */
  format: 'prc' | 'other';
};

/**
 * Validate a passport number. With `issuer: 'prc'` the number must have the
 * PRC ordinary-passport shape (G12345678, E12345678, EA1234567); otherwise any
 * 5-20 letters and digits are accepted, as foreign passports vary by country.
 */
export function validatePassport(value: string, options: { issuer?: 'prc' | 'foreign' } = {}): Checked<PassportFacts> {
  const normalized = normalizeDocument(value);
  const prcShape = prcPassportPattern.test(normalized);
  if (options.issuer === 'prc' && !prcShape) {
    return invalid('PRC passport number must be E or G, a letter or digit, then 7 digits');
  }
  if (!/^[A-Z0-9]*$/.test(normalized)) return invalid('passport number may contain only letters and digits');
  if (normalized.length < 5 || normalized.length > 20) return invalid('passport number must be 5 to 20 characters');
  return { ok: true, normalized, format: prcShape ? 'prc' : 'other' };
}

export type HkMacauPermitFacts = { issuer: 'hong_kong' | 'macau' };

/** Validate a Mainland Travel Permit for Hong Kong and Macau Residents (港澳居民来往内地通行证, 回乡证). */
export function validateHkMacauPermit(value: string): Checked<HkMacauPermitFacts> {
  const normalized = normalizeDocument(value);
  // The older card appended a two-digit issue count to the 8-digit number.
  if (!/^[HM]\d{8}(\d{2})?$/.test(normalized)) {
    return invalid('travel permit number must be H or M followed by 8 or 10 digits');
  }
  return { ok: true, normalized, issuer: normalized.startsWith('H') ? 'hong_kong' : 'macau' };
}

export type TaiwanPermitFacts = { format: 'current' | 'legacy' };

/** Validate a Mainland Travel Permit for Taiwan Residents (台湾居民来往大陆通行证, 台胞证). */
export function validateTaiwanPermit(value: string): Checked<TaiwanPermitFacts> {
  const normalized = normalizeDocument(value);
  // The card issued since 2015 carries 8 digits; older booklets carried 10 digits,
  // sometimes with an issue letter in brackets, e.g. 0123456789(B).
  if (/^\d{8}$/.test(normalized)) return { ok: true, normalized, format: 'current' };
  const legacy = /^(\d{10})(?:\(?([A-Z])\)?)?$/.exec(normalized);
  if (legacy) {
    return { ok: true, normalized: legacy[2] ? `${legacy[1]}(${legacy[2]})` : (legacy[1] as string), format: 'legacy' };
  }
  return invalid('Taiwan travel permit number must be 8 digits, or 10 digits on older permits');
}

// ---------------------------------------------------------------------------
// Unified social credit code for organisations (统一社会信用代码, GB 32100-2015):
// registration authority(1) + category(1) + region(6) + organisation code(9) + check(1).

export const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const usccValue = new Map([...usccAlphabet].map((c, i) => [c, i]));
const usccPattern = /^[0-9A-HJ-NP-RTUWXY]{18}$/;

/** GB 32100-2015 check character for the first 17 characters of a credit code. */
export function usccCheckChar(body: string): string {
  if (!/^[0-9A-HJ-NP-RTUWXY]{17}$/.test(body)) throw new RangeError('the body of a credit code is 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (usccValue.get(body.charAt(i)) as number) * (usccWeights[i] as number);
  return usccAlphabet.charAt((31 - (sum % 31)) % 31);
}

export type UsccFacts = { registrationAuthority: string; regionCode: string };

/** Validate an organisation's unified social credit code. */
export function validateUscc(value: string): Checked<UsccFacts> {
  const normalized = normalizeDocument(value);
  if (normalized.length !== 18) return invalid('credit code must be 18 characters');
  if (!usccPattern.test(normalized)) {
    return invalid('credit code may contain only digits and capital letters other than I, O, S, V and Z');
  }
  if (usccCheckChar(normalized.slice(0, 17)) !== normalized.charAt(17))
    return invalid('check character does not match');
  const regionCode = normalized.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode)) return invalid('credit code positions 3 to 8 must be a region code of 6 digits');
  return { ok: true, normalized, registrationAuthority: normalized.charAt(0), regionCode };
}

export type UsccSpec = {
  /** Registering authority, e.g. '9' market regulation (companies), '5' civil affairs, '1' public institutions. */
  registrationAuthority?: string;
  /** Category within the authority, e.g. '1' enterprise for authority 9. */
  category?: string;
  /** Six-digit region code of the registering office. */
  regionCode: string;
  /** Nine-character organisation code (GB 11714), e.g. 'MA01ABC2X'. */
  organisationCode: string;
};

/** Build a well-formed credit code (demo data and tests). Throws RangeError on bad input. */
export function usccFor({
  registrationAuthority = '9',
  category = '1',
  regionCode,
  organisationCode,
}: UsccSpec): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError('regionCode must be 6 digits');
  if (organisationCode.length !== 9) throw new RangeError('organisationCode must be 9 characters');
  const body = `${registrationAuthority}${category}${regionCode}${organisationCode}`;
  if (body.length !== 17) throw new RangeError('registrationAuthority and category are one character each');
  return body + usccCheckChar(body);
}

// ---------------------------------------------------------------------------
// Mainland mobile numbers

/** Validate a mainland China mobile number and normalise it to 11 digits ('+86 138 0013 8000' -> '13800138000'). */
export function validateMobile(value: string): Checked {
  let digits = value.normalize('NFKC').replace(/[\s\-().]/g, '');
  const international = /^(?:\+|00)(\d+)$/.exec(digits);
  if (international) {
    if (!(international[1] as string).startsWith('86'))
      return invalid('only mainland China (+86) mobile numbers are accepted');
    digits = (international[1] as string).slice(2);
  } else if (digits.length === 13 && digits.startsWith('86')) {
    digits = digits.slice(2);
  }
  if (!/^\d+$/.test(digits)) return invalid('mobile number may contain only digits, spaces and hyphens');
  if (digits.length !== 11) return invalid('mobile number must have 11 digits');
  if (!/^1[3-9]/.test(digits)) return invalid('mobile number must start with 13 to 19');
  return { ok: true, normalized: digits };
}

// ---------------------------------------------------------------------------

/** What a valid document tells us beyond its number; only 18-digit numbers carry a birth date and gender. */
export type IdentityFacts = { birthDate?: string; gender?: Gender };
export type IdentityCheck = Checked<IdentityFacts>;

/** Validate an identity document of any accepted type; `today` (YYYY-MM-DD) bounds birth dates. */
export function validateIdentity(idType: IdType, value: string, today: string): IdentityCheck {
  switch (idType) {
    case 'resident_id':
      return validateResidentId(value, today);
    case 'residence_permit':
      return validateResidencePermit(value, today);
    case 'passport':
      return validatePassport(value);
    case 'hk_macau_permit':
      return validateHkMacauPermit(value);
    case 'taiwan_permit':
      return validateTaiwanPermit(value);
    case 'uscc':
      return validateUscc(value);
    default: {
      const unknown: never = idType;
      throw new RangeError(`unknown identity document type ${String(unknown)}`);
    }
  }
}
