import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  idTypes,
  residentIdCheckChar,
  residentIdFor,
  usccAlphabet,
  usccCheckChar,
  usccFor,
  validateHkMacauPermit,
  validateIdentity,
  validateMobile,
  validatePassport,
  validateResidencePermit,
  validateResidentId,
  validateTaiwanPermit,
  validateUscc,
} from './identity';

const today = '2026-01-15';

const provinces = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
];
const regionCode = fc
  .tuple(fc.constantFrom(...provinces), fc.integer({ min: 0, max: 9999 }))
  .map(([p, rest]) => `${p}${String(rest).padStart(4, '0')}`);
const birthDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${today}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const residentSpec = fc.record({ regionCode, birthDate, sequence: fc.integer({ min: 0, max: 999 }) });

const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);

describe('resident ID', () => {
  it('accepts the GB 11643 example 11010519491231002X and extracts birth date and gender', () => {
    expect(validateResidentId('11010519491231002X', today)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      regionCode: '110105',
      birthDate: '1949-12-31',
      gender: 'female',
    });
  });

  it('normalises a lowercase x, spaces and full-width digits', () => {
    for (const v of ['11010519491231002x', ' 110105 19491231 002X ', '１１０１０５１９４９１２３１００２ｘ']) {
      expect(validateResidentId(v, today)).toMatchObject({ ok: true, normalized: '11010519491231002X' });
    }
  });

  it('rejects 110105194912310021 because its check digit does not match', () => {
    expect(validateResidentId('110105194912310021', today)).toEqual({
      ok: false,
      reason: 'check digit does not match',
    });
  });

  it('rejects the standard example 440524188001010014 because the birth date is before 1900', () => {
    expect(validateResidentId('440524188001010014', today)).toEqual({ ok: false, reason: 'birth date is before 1900' });
  });

  it('reads an odd 17th digit as male', () => {
    const id = residentIdFor({ regionCode: '310104', birthDate: '1985-06-01', sequence: 123 });
    expect(validateResidentId(id, today)).toMatchObject({ ok: true, gender: 'male', birthDate: '1985-06-01' });
  });

  it.each([
    ['1101051949123100', 'resident ID must be 18 characters'],
    ['1101051949123100211', 'resident ID must be 18 characters'],
    ['1101051949123100X1', 'resident ID must be 17 digits followed by a digit or X'],
    ['11010519491231002Y', 'resident ID must be 17 digits followed by a digit or X'],
  ])('rejects the malformed %s', (value, reason) => {
    expect(validateResidentId(value, today)).toEqual({ ok: false, reason });
  });

  it('rejects an impossible birth date even with a correct check digit', () => {
    const body = '11010519900230123'; // 30 February
    expect(validateResidentId(body + residentIdCheckChar(body), today)).toEqual({
      ok: false,
      reason: 'birth date is not a valid calendar date',
    });
  });

  it('accepts 29 February in a leap year and rejects it in 1900, which was not one', () => {
    expect(
      validateResidentId(residentIdFor({ regionCode: '110105', birthDate: '2000-02-29', sequence: 1 }), today).ok,
    ).toBe(true);
    const body = '11010519000229001';
    expect(validateResidentId(body + residentIdCheckChar(body), today)).toMatchObject({ ok: false });
  });

  it('rejects a birth date after today but accepts one on today', () => {
    const future = residentIdFor({ regionCode: '110105', birthDate: '2026-01-16', sequence: 1 });
    expect(validateResidentId(future, today)).toEqual({ ok: false, reason: 'birth date is in the future' });
    const born = residentIdFor({ regionCode: '110105', birthDate: today, sequence: 1 });
    expect(validateResidentId(born, today).ok).toBe(true);
  });

  it('rejects a region code whose first two digits are not a province', () => {
    for (const region of ['000000', '160000', '240101', '991234']) {
      const id = residentIdFor({ regionCode: region, birthDate: '1990-01-01', sequence: 1 });
      expect(validateResidentId(id, today)).toEqual({
        ok: false,
        reason: 'region code does not start with a province-level code',
      });
    }
  });

  it('accepts Taiwan (71), Hong Kong (81), Macau (82) and the historic 91 province codes', () => {
    for (const region of ['710000', '810101', '820102', '910000']) {
      const id = residentIdFor({ regionCode: region, birthDate: '1990-01-01', sequence: 1 });
      expect(validateResidentId(id, today).ok).toBe(true);
    }
  });

  it('points a residence permit number typed as a resident ID to the right document type', () => {
    const id = residentIdFor({ regionCode: '810000', birthDate: '1990-01-01', sequence: 1 });
    expect(validateResidentId(id, today)).toEqual({
      ok: false,
      reason: 'region code belongs to a Hong Kong, Macau or Taiwan residence permit',
    });
  });

  it('throws on a malformed business date, which is a programming error', () => {
    expect(() => validateResidentId('11010519491231002X', '2026-13-01')).toThrow(RangeError);
  });

  it('always validates a generated ID and reads back its region, birth date and gender', () => {
    fc.assert(
      fc.property(residentSpec, (spec) => {
        const result = validateResidentId(residentIdFor(spec), today);
        expect(result).toEqual({
          ok: true,
          normalized: expect.any(String),
          regionCode: spec.regionCode,
          birthDate: spec.birthDate,
          gender: spec.sequence % 2 === 1 ? 'male' : 'female',
        });
      }),
    );
  });

  it('detects every single-character change as a check digit mismatch', () => {
    const change = fc.record({
      spec: residentSpec,
      position: fc.integer({ min: 0, max: 17 }),
      replacement: fc.constantFrom(...'0123456789X'),
    });
    fc.assert(
      fc.property(change, ({ spec, position, replacement }) => {
        const id = residentIdFor(spec);
        // Only digits can stand in the first 17 positions; X there is a shape error, not a checksum one.
        fc.pre(replacement !== id.charAt(position) && (position === 17 || replacement !== 'X'));
        expect(validateResidentId(replaceAt(id, position, replacement), today)).toEqual({
          ok: false,
          reason: 'check digit does not match',
        });
      }),
    );
  });

  it('detects every swap of two different adjacent digits as a check digit mismatch', () => {
    fc.assert(
      fc.property(residentSpec, fc.integer({ min: 0, max: 15 }), (spec, i) => {
        const id = residentIdFor(spec);
        fc.pre(id.charAt(i) !== id.charAt(i + 1));
        const swapped = id.slice(0, i) + id.charAt(i + 1) + id.charAt(i) + id.slice(i + 2);
        expect(validateResidentId(swapped, today)).toMatchObject({ ok: false, reason: 'check digit does not match' });
      }),
    );
  });

  it('refuses to generate from a malformed spec', () => {
    expect(() => residentIdFor({ regionCode: '11010', birthDate: '1990-01-01', sequence: 1 })).toThrow(RangeError);
    expect(() => residentIdFor({ regionCode: '110105', birthDate: '1990-02-30', sequence: 1 })).toThrow(RangeError);
    expect(() => residentIdFor({ regionCode: '110105', birthDate: '1990-01-01', sequence: 1000 })).toThrow(RangeError);
  });
});

describe('residence permit for Hong Kong, Macau and Taiwan residents', () => {
  it.each([
    ['810000', 'hong_kong'],
    ['820000', 'macau'],
    ['830000', 'taiwan'],
  ] as const)('accepts region %s as %s', (region, expected) => {
    const id = residentIdFor({ regionCode: region, birthDate: '1988-08-08', sequence: 18 });
    expect(validateResidencePermit(id, today)).toEqual({
      ok: true,
      normalized: id,
      regionCode: region,
      birthDate: '1988-08-08',
      gender: 'female',
      region: expected,
    });
  });

  it('rejects a mainland resident ID number', () => {
    expect(validateResidencePermit('11010519491231002X', today)).toEqual({
      ok: false,
      reason: 'residence permit region code must be 810000, 820000 or 830000',
    });
  });

  it('uses the resident ID checksum', () => {
    const id = residentIdFor({ regionCode: '810000', birthDate: '1988-08-08', sequence: 18 });
    const wrong = replaceAt(id, 17, id.charAt(17) === '0' ? '1' : '0');
    expect(validateResidencePermit(wrong, today)).toEqual({ ok: false, reason: 'check digit does not match' });
  });
});

describe('passport', () => {
  it.each(['G12345678', 'E12345678', 'EA1234567', 'eb7654321'])('recognises the PRC passport %s', (value) => {
    expect(validatePassport(value, { issuer: 'prc' })).toEqual({
      ok: true,
      normalized: value.toUpperCase(),
      format: 'prc',
    });
  });

  it('rejects a PRC passport number of the wrong shape', () => {
    expect(validatePassport('K12345678', { issuer: 'prc' })).toMatchObject({ ok: false });
    expect(validatePassport('E1234567', { issuer: 'prc' })).toMatchObject({ ok: false });
    expect(validatePassport('EA12345678', { issuer: 'prc' })).toMatchObject({ ok: false });
  });

  it('accepts foreign passports of 5 to 20 letters and digits', () => {
    expect(validatePassport('123456789')).toEqual({ ok: true, normalized: '123456789', format: 'other' });
    expect(validatePassport('ab 12345')).toEqual({ ok: true, normalized: 'AB12345', format: 'other' });
    expect(validatePassport('A1234')).toMatchObject({ ok: true });
  });

  it('rejects foreign passports that are too short, too long or contain symbols', () => {
    expect(validatePassport('A123')).toEqual({ ok: false, reason: 'passport number must be 5 to 20 characters' });
    expect(validatePassport('A'.repeat(21))).toEqual({
      ok: false,
      reason: 'passport number must be 5 to 20 characters',
    });
    expect(validatePassport('AB-12345')).toEqual({
      ok: false,
      reason: 'passport number may contain only letters and digits',
    });
  });
});

describe('travel permits', () => {
  it('accepts Hong Kong and Macau home-return permits with 8 or 10 digits', () => {
    expect(validateHkMacauPermit('H12345678')).toEqual({ ok: true, normalized: 'H12345678', issuer: 'hong_kong' });
    expect(validateHkMacauPermit('m1234567801')).toEqual({ ok: true, normalized: 'M1234567801', issuer: 'macau' });
  });

  it.each(['H1234567', 'H123456789', 'K12345678', '12345678'])('rejects the home-return permit %s', (value) => {
    expect(validateHkMacauPermit(value)).toEqual({
      ok: false,
      reason: 'travel permit number must be H or M followed by 8 or 10 digits',
    });
  });

  it('accepts current 8-digit and legacy 10-digit Taiwan permits', () => {
    expect(validateTaiwanPermit('12345678')).toEqual({ ok: true, normalized: '12345678', format: 'current' });
    expect(validateTaiwanPermit('0123456789')).toEqual({ ok: true, normalized: '0123456789', format: 'legacy' });
    expect(validateTaiwanPermit('0123456789（b）')).toEqual({
      ok: true,
      normalized: '0123456789(B)',
      format: 'legacy',
    });
  });

  it.each(['1234567', '123456789', 'T1234567', '0123456789(BB)'])('rejects the Taiwan permit %s', (value) => {
    expect(validateTaiwanPermit(value)).toMatchObject({ ok: false });
  });
});

describe('unified social credit code', () => {
  it.each(['91440300708461136T', '91350100M000100Y43', '91330100716105852F'])('accepts the real code %s', (code) => {
    expect(validateUscc(code)).toMatchObject({ ok: true, normalized: code, registrationAuthority: '9' });
  });

  it('extracts the region code and uppercases input', () => {
    expect(validateUscc('91440300708461136t')).toEqual({
      ok: true,
      normalized: '91440300708461136T',
      registrationAuthority: '9',
      regionCode: '440300',
    });
  });

  it('rejects a code with a wrong check character', () => {
    expect(validateUscc('91440300708461136U')).toEqual({ ok: false, reason: 'check character does not match' });
  });

  it('rejects letters the standard never uses, such as O for zero', () => {
    expect(validateUscc('9144O300708461136T')).toMatchObject({ ok: false });
    expect(validateUscc('9144030070846113')).toEqual({ ok: false, reason: 'credit code must be 18 characters' });
  });

  it('rejects a letter in the region code even when the check character matches', () => {
    const body = '9111A108MA01ABC2X';
    expect(validateUscc(body + usccCheckChar(body))).toEqual({
      ok: false,
      reason: 'credit code positions 3 to 8 must be a region code of 6 digits',
    });
  });

  const organisationCode = fc.string({ unit: fc.constantFrom(...usccAlphabet), minLength: 9, maxLength: 9 });
  const usccSpec = fc.record({
    registrationAuthority: fc.constantFrom('1', '5', '9', 'Y'),
    category: fc.constantFrom('1', '2', '3', '9'),
    regionCode,
    organisationCode,
  });

  it('always validates a generated code', () => {
    fc.assert(
      fc.property(usccSpec, (spec) => {
        expect(validateUscc(usccFor(spec))).toMatchObject({ ok: true, regionCode: spec.regionCode });
      }),
    );
  });

  it('detects every single-character change as a check character mismatch', () => {
    fc.assert(
      fc.property(usccSpec, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...usccAlphabet), (spec, i, c) => {
        const code = usccFor(spec);
        fc.pre(code.charAt(i) !== c);
        expect(validateUscc(replaceAt(code, i, c))).toEqual({ ok: false, reason: 'check character does not match' });
      }),
    );
  });
});

describe('mobile number', () => {
  it.each(['+86 138 0013 8000', '86-13800138000', '13800138000', '0086 138-0013-8000', '(+86) 138 0013 8000'])(
    'normalises %s to 13800138000',
    (value) => {
      expect(validateMobile(value)).toEqual({ ok: true, normalized: '13800138000' });
    },
  );

  it.each([
    ['1380013800', 'mobile number must have 11 digits'],
    ['138001380001', 'mobile number must have 11 digits'],
    ['12800138000', 'mobile number must start with 13 to 19'],
    ['010-6234 5678', 'mobile number must start with 13 to 19'], // a Beijing landline,
    ['+852 9123 4567', 'only mainland China (+86) mobile numbers are accepted'],
    ['138OO138000', 'mobile number may contain only digits, spaces and hyphens'],
  ])('rejects %s', (value, reason) => {
    expect(validateMobile(value)).toEqual({ ok: false, reason });
  });

  it('normalises every formatting of a valid number to the same 11 digits', () => {
    const mobile = fc
      .tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }))
      .map(([second, rest]) => `1${second}${String(rest).padStart(9, '0')}`);
    const prefix = fc.constantFrom('', '+86 ', '86-', '0086', '+86');
    fc.assert(
      fc.property(mobile, prefix, (m, p) => {
        const spaced = `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`;
        expect(validateMobile(p + spaced)).toEqual({ ok: true, normalized: m });
      }),
    );
  });
});

describe('validateIdentity', () => {
  it('dispatches on every document type', () => {
    const samples: Record<(typeof idTypes)[number], string> = {
      resident_id: '11010519491231002X',
      residence_permit: residentIdFor({ regionCode: '820000', birthDate: '1990-01-01', sequence: 3 }),
      passport: 'E12345678',
      hk_macau_permit: 'H12345678',
      taiwan_permit: '12345678',
      uscc: '91440300708461136T',
    };
    for (const idType of idTypes) expect(validateIdentity(idType, samples[idType], today).ok).toBe(true);
  });

  it('returns the birth date and gender of an 18-digit number', () => {
    expect(validateIdentity('resident_id', '11010519491231002X', today)).toMatchObject({
      birthDate: '1949-12-31',
      gender: 'female',
    });
  });

  it('does not accept one type as another', () => {
    expect(validateIdentity('uscc', '11010519491231002X', today).ok).toBe(false);
    expect(validateIdentity('hk_macau_permit', 'E12345678', today).ok).toBe(false);
  });
});
