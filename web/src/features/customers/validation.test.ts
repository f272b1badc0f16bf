import { describe, expect, it } from 'vitest';
import { birthDateOf, idNumberProblem, mobileProblem, residentIdCheckChar, usccProblem } from './validation';

// 11010519491231002X is the example number of GB 11643-1999
const good = '11010519491231002X';
const today = '2026-05-01';

describe('resident ID checks mirror the server', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(residentIdCheckChar(good.slice(0, 17))).toBe('X');
  });

  it('accepts a valid number, lower-case x and full-width digits included', () => {
    expect(idNumberProblem('resident_id', good, today)).toBeNull();
    expect(idNumberProblem('resident_id', good.toLowerCase(), today)).toBeNull();
    expect(idNumberProblem('resident_id', '１１０１０５１９４９１２３１００２Ｘ', today)).toBeNull();
  });

  it('names what is wrong: length, format, check digit, birth date, region', () => {
    expect(idNumberProblem('resident_id', good.slice(0, 17), today)).toBe('length');
    expect(idNumberProblem('resident_id', '1101051949123100AX', today)).toBe('format');
    expect(idNumberProblem('resident_id', '110105194912310021', today)).toBe('checksum');
    const feb30 = `11010519490230002`;
    expect(idNumberProblem('resident_id', feb30 + residentIdCheckChar(feb30), today)).toBe('birthDate');
    const future = `11010520300101002`;
    expect(idNumberProblem('resident_id', future + residentIdCheckChar(future), today)).toBe('birthDate');
    const hk = `81000019800101002`;
    expect(idNumberProblem('resident_id', hk + residentIdCheckChar(hk), today)).toBe('region');
    expect(idNumberProblem('residence_permit', hk + residentIdCheckChar(hk), today)).toBeNull();
    const noProvince = `99010519491231002`;
    expect(idNumberProblem('resident_id', noProvince + residentIdCheckChar(noProvince), today)).toBe('region');
  });

  it('reads the birth date', () => {
    expect(birthDateOf(good)).toBe('1949-12-31');
  });

  it('checks passports, travel permits and credit codes by shape and checksum', () => {
    expect(idNumberProblem('passport', 'E12345678', today)).toBeNull();
    expect(idNumberProblem('passport', 'E1', today)).toBe('length');
    expect(idNumberProblem('hk_macau_permit', 'H12345678', today)).toBeNull();
    expect(idNumberProblem('hk_macau_permit', 'X12345678', today)).toBe('format');
    expect(idNumberProblem('taiwan_permit', '12345678', today)).toBeNull();
    // 91350100M000100Y43 is a published sample credit code
    expect(usccProblem('91350100M000100Y43')).toBeNull();
    expect(usccProblem('91350100M000100Y44')).toBe('checksum');
  });
});

describe('mobile checks mirror the server', () => {
  it('accepts mainland numbers with +86, spaces and hyphens', () => {
    expect(mobileProblem('13800138000')).toBeNull();
    expect(mobileProblem('+86 138 0013 8000')).toBeNull();
    expect(mobileProblem('138-0013-8000')).toBeNull();
  });

  it('rejects other countries, letters, wrong lengths and prefixes', () => {
    expect(mobileProblem('+852 9123 4567')).toBe('country');
    expect(mobileProblem('1380013800a')).toBe('digits');
    expect(mobileProblem('1380013800')).toBe('length');
    expect(mobileProblem('12345678901')).toBe('prefix');
  });
});
